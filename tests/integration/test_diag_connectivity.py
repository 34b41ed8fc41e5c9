"""The connectivity test (`tegamictl test pop3|imap|smtp|all`, the control API's diag.test),
against a fresh tegamid with POP3, IMAP and submission on free ports of 127.0.0.1 and a
certificate made by `tegamictl cert generate` (self-signed).

What an admin relies on: every step passes on a correct setup (with "trust any certificate"
for the self-signed certificate), with a temporary mailbox that is gone afterwards; a
self-signed certificate without it fails at the TLS step with the explanation; a wrong
password fails at login and skips what depends on it; the administrator's account is
refused over POP3 and IMAP with the reason; each test names the server's protocol-log
session; no password reaches the protocol log.
"""
import base64
import json
import os
import socket
import subprocess
import time

import tegami_harness as h

DOMAIN = "connect.example"
FQDN = "mail.connect.example"
PASSWORD = "Conn-Test-Secret-7f3e!"


def setup(service):
    ports = {}
    h.ctl_ok(service, "config", "set", "server.fqdn", FQDN)
    # Wrong passwords on purpose from 127.0.0.1: the throttle must not ban the address.
    h.ctl_ok(service, "config", "set", "security.maxFailuresPerAddress", "10000")
    for protocol in ("pop3", "imap", "submission"):
        plain, implicit = h.free_port(), h.free_port()
        ports[protocol] = (plain, implicit)
        h.ctl_ok(service, "config", "set", protocol + ".bindings", "127.0.0.1:%d" % plain)
        h.ctl_ok(service, "config", "set", protocol + ".tlsBindings", "127.0.0.1:%d" % implicit)
    h.ctl_ok(service, "config", "set", "submission.tarpitSecs", "0")
    h.ctl_ok(service, "cert", "generate")
    cert_id = h.ctl_ok(service, "--json", "cert", "list").json()["certificates"][0]["id"]
    h.ctl_ok(service, "cert", "assign", cert_id)
    h.ctl_ok(service, "domain", "add", DOMAIN)
    for protocol in ("pop3", "imap", "submission"):
        h.ctl_ok(service, "protocol", "enable", protocol)
    return ports


class ConnectivityTest(h.SharedTegamiTestCase):
    @classmethod
    def seed(cls, service):
        cls.ports = setup(service)

    def run_test(self, *args, password=None):
        stdin = password + "\n" if password is not None else None
        result = self.service.ctl("--json", "test", *args, stdin=stdin, timeout=300)
        self.assertIn(result.returncode, (h.EXIT_OK, h.EXIT_FAILED), repr(result))
        try:
            report = result.json()
        except ValueError:
            self.fail("no JSON report: %r" % result)
        self.assertEqual(result.returncode == h.EXIT_OK, report["passed"], repr(result))
        return report

    def steps(self, test):
        return {s["step"]: s for s in test["steps"]}

    def by_protocol(self, report):
        return {t["protocol"]: t for t in report["tests"]}

    def mailboxes(self):
        return [u["address"] for u in self.service.ctl("--json", "user", "list").json()]

    def test_all_passes_with_a_temporary_mailbox_that_is_removed(self):
        before = self.mailboxes()
        report = self.run_test("all", "--trust-any")
        self.assertTrue(report["passed"], json.dumps(report, indent=1))
        self.assertTrue(report["temporaryMailbox"])
        self.assertTrue(report["user"].endswith("@" + DOMAIN), report["user"])
        tests = self.by_protocol(report)
        self.assertEqual(set(tests), {"smtp", "imap", "pop3"})
        expected = {
            "smtp": ["connect", "tls", "login", "submit"],
            "imap": ["connect", "tls", "login", "select", "find", "delete"],
            "pop3": ["connect", "tls", "login", "stat", "find", "delete"],
        }
        for protocol, test in tests.items():
            self.assertEqual([s["step"] for s in test["steps"]], expected[protocol], test)
            for step in test["steps"]:
                self.assertEqual(step["result"], "success", (protocol, step))
                self.assertGreaterEqual(step["latencyMs"], 0)
                self.assertEqual(step["error"], "")
            self.assertEqual(test["host"], "127.0.0.1")
            # Defaults: the first listener of each protocol (plain + STARTTLS).
            listener = "submission" if protocol == "smtp" else protocol
            self.assertEqual(test["port"], self.ports[listener][0])
            self.assertEqual(test["security"], "starttls")
            tls = self.steps(test)["tls"]
            self.assertIn("TLSv1.", tls["detail"])
            self.assertIn(tls["tls"]["protocol"], ("TLSv1.2", "TLSv1.3"))
            self.assertTrue(tls["tls"]["subject"])
            self.assertTrue(tls["tls"]["expires"])
            self.assertFalse(tls["tls"]["trusted"])
            self.assertRegex(test["sessionId"], r"^[0-9a-f]{8}$", test)
        self.assertIn("AUTH PLAIN", self.steps(tests["smtp"])["login"]["detail"])
        self.assertIn("AUTHENTICATE PLAIN", self.steps(tests["imap"])["login"]["detail"])
        # POP3 deleted the message; IMAP found it first and then saw it gone.
        self.assertIn("DELE", self.steps(tests["pop3"])["delete"]["detail"])
        self.assertIn("already deleted", self.steps(tests["imap"])["delete"]["detail"])
        # The temporary mailbox is gone, and with it its mail.
        self.assertNotIn(report["user"], self.mailboxes())
        self.assertEqual(sorted(before), sorted(self.mailboxes()))
        # Each test's session is in the protocol log under its id, as the viewer links it.
        for protocol, test in tests.items():
            events = self.log_events("--session", test["sessionId"])
            self.assertTrue(events, "no events of session %s (%s)" % (test["sessionId"], protocol))
            expected_proto = "submission" if protocol == "smtp" else protocol
            self.assertEqual({e["proto"] for e in events}, {expected_proto})
            self.assertTrue(any(e["remote"].endswith(":%d" % test["localPort"]) for e in events), events[:3])

    def test_implicit_tls_and_login_only(self):
        report = self.run_test("imap", "--security", "tls", "--trust-any", "--login-only")
        self.assertTrue(report["passed"], json.dumps(report, indent=1))
        test = report["tests"][0]
        self.assertEqual(test["port"], self.ports["imap"][1])
        self.assertEqual(test["security"], "tls")
        steps = self.steps(test)
        for name in ("connect", "tls", "login", "select"):
            self.assertEqual(steps[name]["result"], "success", steps[name])
        for name in ("find", "delete"):
            self.assertEqual(steps[name]["result"], "skipped", steps[name])
            self.assertIn("login only", steps[name]["detail"])
        self.assertNotIn(report["user"], self.mailboxes())

    def test_self_signed_certificate_fails_without_trust_any(self):
        report = self.run_test("pop3")
        self.assertFalse(report["passed"])
        steps = self.steps(report["tests"][0])
        self.assertEqual(steps["connect"]["result"], "success")
        self.assertEqual(steps["tls"]["result"], "failure", steps["tls"])
        self.assertIn("self-signed", steps["tls"]["error"])
        self.assertIn("trust any certificate", steps["tls"]["error"])
        self.assertFalse(steps["tls"]["tls"]["trusted"])
        for name in ("login", "stat", "find", "delete"):
            self.assertEqual(steps[name]["result"], "skipped", steps[name])
            self.assertIn("TLS handshake", steps[name]["detail"])
        # The readable form says the same and fails too.
        result = self.service.ctl("test", "smtp", "--security", "tls", timeout=300)
        self.assertEqual(result.returncode, h.EXIT_FAILED, repr(result))
        self.assertIn("Failure", result.stdout)
        self.assertIn("self-signed", result.stdout)
        self.assertIn("Skipped", result.stdout)

    def test_wrong_password_fails_at_login_and_skips_the_rest(self):
        address = "wrongpw@" + DOMAIN
        self.add_user(address, PASSWORD)
        self.addCleanup(self.service.ctl, "user", "remove", address)
        report = self.run_test("all", "--trust-any", "--user", address, "--password-stdin", password="not-it")
        self.assertFalse(report["passed"])
        self.assertFalse(report["temporaryMailbox"])
        for protocol, test in self.by_protocol(report).items():
            steps = self.steps(test)
            self.assertEqual(steps["tls"]["result"], "success", (protocol, steps["tls"]))
            self.assertEqual(steps["login"]["result"], "failure", (protocol, steps["login"]))
            self.assertIn("authentication failed", steps["login"]["error"])
            self.assertIn("wrong user name or password", steps["login"]["error"])
            later = [s for s in test["steps"] if s["step"] not in ("connect", "tls", "login")]
            self.assertTrue(later)
            for step in later:
                self.assertEqual(step["result"], "skipped", (protocol, step))
        self.assertIn(address, self.mailboxes())

    def test_administrator_is_refused_over_pop3_and_imap(self):
        address = "boss@" + DOMAIN
        self.add_user(address, PASSWORD, "--admin", "true")
        self.addCleanup(self.service.ctl, "user", "remove", address)
        for protocol in ("pop3", "imap"):
            report = self.run_test(protocol, "--trust-any", "--user", address, "--password-stdin", password=PASSWORD)
            self.assertFalse(report["passed"])
            steps = self.steps(report["tests"][0])
            self.assertEqual(steps["login"]["result"], "failure", steps["login"])
            self.assertIn("administrator accounts cannot read mail", steps["login"]["error"])
            self.assertEqual(steps["stat" if protocol == "pop3" else "select"]["result"], "skipped")

    def test_no_password_in_the_protocol_log(self):
        address = "secret@" + DOMAIN
        self.add_user(address, PASSWORD)
        self.addCleanup(self.service.ctl, "user", "remove", address)
        report = self.run_test("all", "--trust-any", "--user", address, "--password-stdin", password=PASSWORD)
        self.assertTrue(report["passed"], json.dumps(report, indent=1))
        self.assertNotIn(PASSWORD, json.dumps(report))
        plain = base64.b64encode(b"\0" + address.encode() + b"\0" + PASSWORD.encode()).decode()
        events = self.log_events()
        self.assertTrue(events)
        for event in events:
            self.assertNotIn(PASSWORD, event.get("data", ""), event)
            self.assertNotIn(plain, event.get("data", ""), event)
        self.service.ctl("--json", "log", "tail", "--lines", "1")  # flushes the writer
        for directory, _subdirs, files in os.walk(self.service.protocol_log_dir):
            for name in files:
                with open(os.path.join(directory, name), "rb") as f:
                    data = f.read()
                self.assertNotIn(PASSWORD.encode(), data, name)
                self.assertNotIn(plain.encode(), data, name)
        # The user's own mailbox is left as it was: the test message is gone.
        users = {u["address"]: u for u in self.service.ctl("--json", "user", "list").json()}
        self.assertEqual(users[address].get("messages"), 0, users[address])

    def test_smtp_alone_leaves_the_message_and_says_so(self):
        address = "sender@" + DOMAIN
        self.add_user(address, PASSWORD)
        self.addCleanup(self.service.ctl, "user", "remove", address)
        report = self.run_test("smtp", "--trust-any", "--user", address, "--password-stdin", password=PASSWORD)
        self.assertTrue(report["passed"], json.dumps(report, indent=1))
        self.assertEqual([t["protocol"] for t in report["tests"]], ["smtp"])
        self.assertTrue(any("may stay in %s's INBOX" % address in w for w in report.get("warnings", [])), report)

        def delivered():
            users = {u["address"]: u for u in self.service.ctl("--json", "user", "list").json()}
            return users[address].get("messages") == 1
        h.wait_until(delivered, timeout=15, what="the test message in the mailbox")

    def test_bad_requests_are_refused_with_a_reason(self):
        result = self.service.ctl("test", "ftp")
        self.assertEqual(result.returncode, h.EXIT_USAGE, repr(result))
        result = self.service.ctl("test", "all", "--port", "12345", "--trust-any")
        self.assertCtlFails(result, h.EXIT_FAILED, "one protocol")
        reply = self.service.rpc("diag.test", {"security": "ssl3"}, timeout=30)
        self.assertIn("error", reply)
        self.assertIn("plain, starttls or tls", reply["error"]["message"])

    def test_a_second_test_while_one_runs_is_refused_and_a_silent_server_times_out(self):
        # A listener that accepts and never greets: the test waits for its step timeout.
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        self.addCleanup(silent.close)
        port = silent.getsockname()[1]
        argv = [h.TEGAMICTL, "--data-dir", self.service.data_dir, "--json", "test", "pop3", "--host", "127.0.0.1",
                "--port", str(port), "--security", "plain", "--timeout", "2"]
        first = h.spawn(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(h.stop_process, first)
        # The first test is running once it has connected to the silent listener.
        silent.settimeout(30)
        connection, _ = silent.accept()
        self.addCleanup(connection.close)
        busy = self.service.rpc("diag.test", {"protocols": ["imap"], "loginOnly": True, "trustAnyCertificate": True},
                                timeout=30)
        self.assertIn("error", busy, busy)
        self.assertEqual(busy["error"]["code"], -32005, busy)
        self.assertIn("already running", busy["error"]["message"])
        out, err = first.communicate(timeout=60)
        self.assertEqual(first.returncode, h.EXIT_FAILED, (out, err))
        report = json.loads(out)
        steps = self.steps(report["tests"][0])
        self.assertEqual(steps["connect"]["result"], "failure", steps)
        self.assertIn("no answer from 127.0.0.1:%d within 2 s" % port, steps["connect"]["error"])
        self.assertGreaterEqual(steps["connect"]["latencyMs"], 1900)
        # The temporary mailbox of the timed-out test is gone too, and a new test may run.
        self.assertNotIn(report["user"], self.mailboxes())
        self.assertTrue(self.run_test("imap", "--trust-any", "--login-only")["passed"])


class FreshServiceTest(h.TegamiTestCase):
    """What a test on an unfinished setup says: no domain for a temporary mailbox, a protocol
    without a listener, nothing enabled at all."""

    def test_unfinished_setup_gets_actionable_errors(self):
        self.start_service()
        result = self.service.ctl("test", "all", timeout=60)
        self.assertCtlFails(result, h.EXIT_FAILED, "no protocol to test", "protocol enable")
        self.enable_protocol("imap", h.free_port())
        result = self.service.ctl("test", "imap", timeout=60)
        self.assertCtlFails(result, h.EXIT_FAILED, "needs a local domain", "domain add")
        result = self.service.ctl("test", "pop3", timeout=60)
        self.assertCtlFails(result, h.EXIT_FAILED, "pop3 has no running listener", "protocol enable pop3")
        # Without a certificate the listener offers no TLS: the test connects plainly, and the
        # server's refusal of a password without TLS is the login step's error.
        self.add_domain("fresh.example")
        self.add_user("carol@fresh.example", PASSWORD)
        result = self.service.ctl("--json", "test", "imap", "--user", "carol@fresh.example", "--password-stdin",
                                  stdin=PASSWORD + "\n", timeout=120)
        report = result.json()
        test = report["tests"][0]
        self.assertEqual(test["security"], "plain", test)
        steps = {s["step"]: s for s in test["steps"]}
        self.assertEqual(steps["tls"]["result"], "skipped")
        self.assertEqual(steps["login"]["result"], "failure", steps["login"])
        self.assertIn("passwords only over TLS", steps["login"]["error"])
        self.assertEqual(result.returncode, h.EXIT_FAILED)
        self.assertEqual(steps["select"]["result"], "skipped")

if __name__ == "__main__":
    h.main()
