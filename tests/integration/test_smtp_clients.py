"""SMTP with real clients: Python's smtplib (STARTTLS and AUTH on submission, implicit TLS,
the MX without authentication), swaks and curl submit; the messages arrive in the mailbox
byte-exact below Tegami's trace header; aliases expand."""

import email.utils
import smtplib
import subprocess
import shutil
import unittest

import tegami_harness as h
import test_smtp_support as smtp

PASSWORD = smtp.PASSWORD


def tool(name):
    path = shutil.which(name)
    if not path:
        raise unittest.SkipTest("%s is not installed; run installer/install-deps.sh" % name)
    return path


class Submission(smtp.SmtpTestCase):
    def assertArrived(self, address, sent, with_protocol):
        received = self.wait_for_mail(address)
        self.assertEqual(len(received), 1)
        data = received[0]
        self.assertTrue(data.startswith(b"Received: from "), data[:200])
        self.assertEqual(smtp.strip_trace(data), sent)
        trace = data[:data.index(sent[:20])]
        self.assertIn(b"by " + smtp.FQDN.encode(), trace)
        self.assertIn(b"with " + with_protocol.encode(), trace)
        return trace

    def test_smtplib_starttls_and_auth_on_submission(self):
        alice = self.new_mailbox("alice")
        bob = self.new_mailbox("bob")
        sent = smtp.message("smtplib starttls", [b"Hello Bob,", b".a line starting with a dot", b"", b"Alice"])
        with smtplib.SMTP("127.0.0.1", self.smtp.submission, timeout=15) as client:
            client.ehlo("laptop.example.net")
            self.assertFalse(client.has_extn("auth"), "AUTH must not be offered before TLS")
            client.starttls(context=self.tls)
            client.ehlo("laptop.example.net")
            self.assertIn("PLAIN", client.esmtp_features["auth"])
            for extension in ("pipelining", "8bitmime", "enhancedstatuscodes", "smtputf8", "chunking", "dsn"):
                self.assertTrue(client.has_extn(extension), extension)
            self.assertEqual(int(client.esmtp_features["size"]), 36 * 1024 * 1024)
            client.login(alice, PASSWORD)
            refused = client.sendmail(alice, [bob], sent)
            self.assertEqual(refused, {})
        trace = self.assertArrived(bob, sent, "ESMTPSA")
        self.assertRegex(trace, rb"TLSv1\.[23]")

    def test_smtplib_implicit_tls_with_auth_login(self):
        alice = self.new_mailbox("alice")
        sent = smtp.message("implicit tls", [b"over port 465"])
        with smtplib.SMTP_SSL("127.0.0.1", self.smtp.submission_tls, context=self.tls, timeout=15) as client:
            client.ehlo("laptop.example.net")
            client.user, client.password = alice, PASSWORD
            code, _ = client.auth("LOGIN", client.auth_login, initial_response_ok=False)
            self.assertEqual(code, 235)
            client.sendmail(alice, [alice], sent)
        self.assertArrived(alice, sent, "ESMTPSA")

    def test_submission_adds_message_id_and_date_when_missing(self):
        alice = self.new_mailbox("alice")
        bare = b"From: Alice <%s>\r\nTo: %s\r\nSubject: no id\r\n\r\nbody\r\n" % (alice.encode(), alice.encode())
        with smtplib.SMTP_SSL("127.0.0.1", self.smtp.submission_tls, context=self.tls, timeout=15) as client:
            client.login(alice, PASSWORD)
            client.sendmail(alice, [alice], bare)
        data = smtp.strip_trace(self.wait_for_mail(alice)[0])
        headers = smtp.header_block(data)
        self.assertRegex(headers, rb"(?m)^Message-ID: <[^>]+@" + smtp.FQDN.encode() + rb">\r?$")
        date = [l for l in headers.split(b"\r\n") if l.lower().startswith(b"date:")]
        self.assertEqual(len(date), 1, headers)
        self.assertIsNotNone(email.utils.parsedate_to_datetime(date[0][5:].strip().decode()))
        self.assertTrue(data.endswith(b"Subject: no id\r\n\r\nbody\r\n"), data)

    def test_swaks_submits_with_starttls_and_auth(self):
        swaks = tool("swaks")
        alice = self.new_mailbox("alice")
        sent = smtp.message("swaks", [b"sent by swaks"])
        body = self.path("swaks-%d.eml" % self.next_number())
        with open(body, "wb") as f:
            f.write(sent[:-2])  # swaks ends the data with its own CRLF before the dot
        result = subprocess.run(
            [swaks, "--server", "127.0.0.1", "--port", str(self.smtp.submission), "--tls", "--auth", "PLAIN",
             "--auth-user", alice, "--auth-password", PASSWORD, "--from", alice, "--to", alice,
             "--helo", "swaks.example.net", "--data", "@" + body],
            capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("250 2.0.0", result.stdout)
        self.assertArrived(alice, sent, "ESMTPSA")

    def test_curl_submits_with_ssl_reqd(self):
        curl = tool("curl")
        alice = self.new_mailbox("alice")
        sent = smtp.message("curl", [b"sent by curl"])
        body = self.path("curl-%d.eml" % self.next_number())
        with open(body, "wb") as f:
            f.write(sent)
        port = self.smtp.submission
        result = subprocess.run(
            [curl, "--silent", "--show-error", "--ssl-reqd", "--cacert", self.smtp.cafile,
             "--connect-to", "%s:%d:127.0.0.1:%d" % (smtp.FQDN, port, port),
             "smtp://%s:%d/curl.example.net" % (smtp.FQDN, port), "--user", "%s:%s" % (alice, PASSWORD),
             "--mail-from", alice, "--mail-rcpt", alice, "--upload-file", body],
            capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertArrived(alice, sent, "ESMTPSA")


class InboundMx(smtp.SmtpTestCase):
    def test_mx_accepts_mail_for_local_users_without_authentication(self):
        carol = self.new_mailbox("carol")
        sent = smtp.message("from the internet", [b"hello from afar"])
        with smtplib.SMTP("127.0.0.1", self.smtp.mx, timeout=15) as client:
            client.ehlo("mx.sender.example")
            self.assertFalse(client.has_extn("auth"), "AUTH is only offered after TLS")
            client.sendmail("someone@sender.example", [carol], sent)
        data = self.wait_for_mail(carol)[0]
        self.assertEqual(smtp.strip_trace(data), sent)
        self.assertIn(b"from mx.sender.example", data[:300])
        self.assertIn(b"with ESMTP", data[:300])

    def test_mx_starttls_then_delivery(self):
        carol = self.new_mailbox("carol")
        sent = smtp.message("mx over tls", [b"encrypted hop"])
        with smtplib.SMTP("127.0.0.1", self.smtp.mx, timeout=15) as client:
            client.starttls(context=self.tls)
            client.sendmail("someone@sender.example", [carol], sent)
        data = self.wait_for_mail(carol)[0]
        self.assertIn(b"with ESMTPS", data[:400])
        self.assertEqual(smtp.strip_trace(data), sent)

    def test_alias_expands_to_each_mailbox_once(self):
        one = self.new_mailbox("one")
        two = self.new_mailbox("two")
        team = "team%d@%s" % (self.next_number(), smtp.DOMAIN)
        self.assertCtlOk(self.service.ctl("alias", "add", team, one, two))
        sent = smtp.message("to the team", [b"hello team"])
        with smtplib.SMTP("127.0.0.1", self.smtp.mx, timeout=15) as client:
            client.sendmail("someone@sender.example", [team, one], sent)
        for address in (one, two):
            received = self.wait_for_mail(address)
            self.assertEqual([smtp.strip_trace(m) for m in received], [sent])

    def test_eight_bit_and_large_message_arrive_byte_exact(self):
        dave = self.new_mailbox("dave")
        sent = pop.large_message(3 * 1024 * 1024)
        sent = sent.replace(b"Subject: large", "Subject: 大きい 8-bit".encode())
        with smtplib.SMTP("127.0.0.1", self.smtp.mx, timeout=30) as client:
            client.ehlo("mx.sender.example")
            client.sendmail("someone@sender.example", [dave], sent, mail_options=["BODY=8BITMIME"])
        data = self.wait_for_mail(dave, timeout=20)[0]
        self.assertEqual(smtp.strip_trace(data), sent)


class SubmissionOnTheMxPort(h.TegamiTestCase):
    """Clients that can only submit on port 25 get a submission listener on 25 of another
    local address; the same address and port twice is refused with the reason."""

    def test_mx_and_submission_share_a_port_on_two_addresses(self):
        self.start_service()
        port = h.free_port()
        self.add_domain(smtp.DOMAIN)
        self.assertCtlOk(self.service.ctl("config", "set", "submission.tlsBindings", "[]"))
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.bindings", "127.0.0.1:%d" % port))
        self.assertCtlOk(self.service.ctl("protocol", "enable", "smtp"))
        self.assertCtlOk(self.service.ctl("config", "set", "submission.bindings", "127.0.0.1:%d" % port))
        refused = self.assertCtlFails(self.service.ctl("protocol", "enable", "submission"), h.EXIT_FAILED,
                                      "different local address")
        self.assertActionable(refused.stderr)
        self.assertCtlOk(self.service.ctl("config", "set", "submission.bindings", "127.0.0.2:%d" % port))
        self.assertCtlOk(self.service.ctl("protocol", "enable", "submission"))
        mx = smtp.Smtp(port)
        self.addCleanup(mx.close)
        client = smtp.Smtp(port, host="127.0.0.2")
        self.addCleanup(client.close)
        self.assertEqual(mx.ehlo().code, 250)
        self.assertEqual(mx.command("MAIL FROM:<a@sender.example>").code, 250)  # the MX takes mail from anyone
        client.ehlo()
        self.assertEqual(client.command("MAIL FROM:<a@%s>" % smtp.DOMAIN).code, 530)  # submission wants AUTH


pop = smtp.pop

if __name__ == "__main__":
    h.main()
