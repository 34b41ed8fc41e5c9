"""Mail for other domains: submitted by a logged-in user, queued, and delivered over SMTP
to the next hop (a fixed route, or a smarthost with STARTTLS and AUTH), byte-exact; a
permanent refusal comes back to the sender as a DSN; a temporary one stays in the queue
with its error, where the admin can retry or delete it; a second tegamid takes mail from
the first."""

import json
import os
import smtplib
import subprocess

import tegami_harness as h
import test_smtp_support as smtp

PASSWORD = smtp.PASSWORD
REMOTE = "remote.example"


def submit(case, sender, recipients, data, **kwargs):
    with smtplib.SMTP_SSL("127.0.0.1", case.smtp.submission_tls, context=case.tls, timeout=15) as client:
        client.login(sender, PASSWORD)
        return client.sendmail(sender, recipients, data, **kwargs)


class Routes(smtp.SmtpTestCase):
    @classmethod
    def seed(cls, service):
        super().seed(service)
        cls.sink = smtp.Sink(cls.root, "--reject", "gone@%s=550" % REMOTE, "--reject", "later@%s=451" % REMOTE)
        h.ctl_ok(service, "config", "set", "outbound.routes", "%s=127.0.0.1:%d" % (REMOTE, cls.sink.port))
        h.ctl_ok(service, "config", "set", "outbound.retrySecs", "3600")

    @classmethod
    def tearDownClass(cls):
        cls.sink.stop()
        super().tearDownClass()

    def test_remote_mail_reaches_the_next_hop_byte_exact(self):
        alice = self.new_mailbox("alice")
        sent = smtp.message("to a friend elsewhere", [b"Hi,", b".dotted line", b"", b"bye"])
        before = len(self.sink.messages())
        self.assertEqual(submit(self, alice, ["friend@" + REMOTE], sent, mail_options=["BODY=8BITMIME"]), {})
        got = self.sink.wait_for(before + 1)[before]
        self.assertEqual(got["mail_from"], alice)
        self.assertEqual(got["rcpt_tos"], ["friend@" + REMOTE])
        self.assertTrue(got["data"].startswith(b"Received: from "), got["data"][:200])
        self.assertEqual(smtp.strip_trace(got["data"]), sent)
        h.wait_until(lambda: self.queue() == [], what="an empty queue after delivery")

    def test_permanent_refusal_bounces_to_the_sender(self):
        alice = self.new_mailbox("alice")
        sent = smtp.message("to someone gone", [b"are you there?"])
        submit(self, alice, ["gone@" + REMOTE], sent)
        bounce = self.wait_for_mail(alice, timeout=20)[0]
        headers = smtp.header_block(bounce)
        self.assertIn(b"multipart/report", headers)
        self.assertIn(b"report-type=delivery-status", headers)
        self.assertIn(b"MAILER-DAEMON@" + smtp.FQDN.encode(), headers)
        self.assertIn(b"Final-Recipient: rfc822; gone@" + REMOTE.encode(), bounce)
        self.assertIn(b"Action: failed", bounce)
        self.assertIn(b"Status: 5.1.1", bounce)
        self.assertIn(b"refused by the test sink", bounce)
        self.assertIn(b"are you there?", bounce)  # the original comes back
        h.wait_until(lambda: self.queue() == [], what="an empty queue after the bounce")

    def test_temporary_failure_waits_in_the_queue_and_can_be_deleted(self):
        alice = self.new_mailbox("alice")
        submit(self, alice, ["later@" + REMOTE], smtp.message("try later", [b"soon"]))

        def deferred():
            for m in self.queue():
                for r in m["recipients"]:
                    if r["address"] == "later@" + REMOTE and r["attempts"] >= 1 and not r["inFlight"]:
                        return m
            return None

        entry = h.wait_until(deferred, timeout=20, what="a deferred recipient in the queue")
        recipient = entry["recipients"][0]
        self.assertEqual(recipient["state"], "pending")
        self.assertEqual(recipient["replyCode"], 451)
        self.assertIn("refused by the test sink", recipient["lastError"])
        self.assertTrue(recipient["nextAttempt"])
        listing = self.assertCtlOk(self.service.ctl("queue", "list")).stdout
        self.assertIn(entry["id"], listing)
        self.assertIn("later@" + REMOTE, listing)
        self.assertCtlOk(self.service.ctl("queue", "retry", entry["id"]))
        h.wait_until(lambda: (lambda m: m and m["recipients"][0]["attempts"] >= 2 and not m["recipients"][0]["inFlight"])(
            next((m for m in self.queue() if m["id"] == entry["id"]), None)), timeout=20, what="a second attempt")
        self.assertCtlOk(self.service.ctl("queue", "delete", entry["id"]))
        self.assertEqual([m for m in self.queue() if m["id"] == entry["id"]], [])
        self.assertEqual(self.export(alice), [])  # deleting sends no bounce


class Smarthost(smtp.SmtpTestCase):
    """All outbound mail through a smarthost that requires STARTTLS and AUTH."""

    @classmethod
    def seed(cls, service):
        super().seed(service)
        cert = os.path.join(cls.root, "sink-cert.pem")
        key = os.path.join(cls.root, "sink-key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"],
                       check=True, capture_output=True)
        cls.sink = smtp.Sink(cls.root, "--tls", cert, key, "--auth", "relay-user", "Relay-Pass-31!")
        for key_, value in (("outbound.smarthost", "127.0.0.1:%d" % cls.sink.port),
                            ("outbound.smarthostTls", "starttls"), ("outbound.smarthostUser", "relay-user"),
                            ("outbound.smarthostPassword", "Relay-Pass-31!"),
                            ("outbound.smarthostVerifyCertificate", "false")):
            h.ctl_ok(service, "config", "set", key_, value)

    @classmethod
    def tearDownClass(cls):
        cls.sink.stop()
        super().tearDownClass()

    def test_delivery_through_the_smarthost_with_starttls_and_auth(self):
        alice = self.new_mailbox("alice")
        sent = smtp.message("via the smarthost", [b"relayed"])
        submit(self, alice, ["someone@far.example", "other@elsewhere.example"], sent)
        got = self.sink.wait_for(1)
        recipients = sorted(r for m in got for r in m["rcpt_tos"])
        self.assertEqual(recipients, ["other@elsewhere.example", "someone@far.example"])
        for m in got:
            self.assertTrue(m["tls"])
            self.assertEqual(m["auth_login"], "relay-user")
            self.assertEqual(smtp.strip_trace(m["data"]), sent)

    def test_the_smarthost_password_is_never_shown_or_logged(self):
        shown = self.assertCtlOk(self.service.ctl("--json", "config", "get", "outbound.smarthostPassword")).json()
        self.assertEqual(shown["value"], "********")
        text = ""
        for root, _, files in os.walk(self.service.data_dir):
            for name in files:
                if name.endswith((".jsonl", ".log")):
                    with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                        text += f.read()
        self.assertNotIn("Relay-Pass-31!", text)


class SecondTegamid(smtp.SmtpTestCase):
    """A second tegamid is the next hop for its own domain, reached over its MX."""

    @classmethod
    def seed(cls, service):
        super().seed(service)
        cls.other = h.Tegamid(cls.root, "other")
        cls.other.start()
        cls.other_mx = h.free_port()
        for key, value in (("server.fqdn", "mx.branch.example"), ("smtp.bindings", "127.0.0.1:%d" % cls.other_mx),
                           ("smtp.tarpitSecs", "0")):
            h.ctl_ok(cls.other, "config", "set", key, value)
        h.ctl_ok(cls.other, "domain", "add", "branch.example")
        h.ctl_ok(cls.other, "user", "add", "erin@branch.example", "--password-stdin", stdin=PASSWORD + "\n")
        h.ctl_ok(cls.other, "protocol", "enable", "smtp")
        h.ctl_ok(service, "config", "set", "outbound.routes", "branch.example=127.0.0.1:%d" % cls.other_mx)

    @classmethod
    def tearDownClass(cls):
        cls.other.stop()
        super().tearDownClass()

    def test_mail_crosses_from_one_tegamid_to_the_other(self):
        alice = self.new_mailbox("alice")
        sent = smtp.message("to the branch office", [b"hello branch"])
        submit(self, alice, ["erin@branch.example"], sent)
        target = self.path("branch-export")

        def arrived():
            r = h.run_ctl(["--data-dir", self.other.data_dir, "mail", "export", "erin@branch.example", "--maildir",
                           target])
            return r.returncode == 0 and smtp.pop.read_maildir(target)

        got = h.wait_until(arrived, timeout=20, what="the message at the second tegamid")
        data = got[0][1]
        self.assertEqual(data.count(b"Received: "), 2, data[:600])  # one trace header per hop
        self.assertEqual(smtp.strip_trace(data), sent)


if __name__ == "__main__":
    h.main()
