"""The attacks every mail server is tested against, over real sockets: open-relay tricks,
relaying without authentication, STARTTLS command injection, SMTP smuggling with every
bare-line-end variant, AUTH only over TLS, sender spoofing by a logged-in user, limits, and
credentials kept out of the protocol log."""

import base64
import os
import socket

import tegami_harness as h
import test_smtp_support as smtp

PASSWORD = smtp.PASSWORD


class OpenRelay(smtp.SmtpTestCase):
    TRICKS = [
        "victim%remote.example@" + smtp.DOMAIN,  # percent hack
        "@" + smtp.DOMAIN + ",@relay.example:victim@remote.example",  # source route
        "@" + smtp.DOMAIN + ":victim@remote.example",
        '"victim@remote.example"@' + smtp.DOMAIN,  # quoted local part
        "remote.example!victim@" + smtp.DOMAIN,  # bang path
        "victim@remote.example@" + smtp.DOMAIN,  # two @
        "victim@[192.0.2.1]",  # address literal
        "victim@remote.example",  # plain relay
        "victim@remote.example.",
    ]

    def test_no_relay_trick_is_accepted_on_the_mx(self):
        client = self.mx_client()
        self.assertEqual(client.command("MAIL FROM:<spammer@remote.example>").code, 250)
        for trick in self.TRICKS:
            reply = client.command("RCPT TO:<%s>" % trick)
            self.assertGreaterEqual(reply.code, 500, "%s was accepted: %r" % (trick, reply))
        reply = client.command("DATA")
        self.assertEqual(reply.code, 554, reply)  # no valid recipients
        self.assertEqual(self.queue(), [])

    def test_relay_refusal_is_550_5_7_1_with_its_reason_logged(self):
        client = self.mx_client()
        client.command("MAIL FROM:<spammer@remote.example>")
        reply = client.command("RCPT TO:<victim@remote.example>")
        self.assertEqual(reply.code, 550, reply)
        self.assertTrue(reply.text.startswith("5.7.1"), reply)
        client.command("QUIT")
        notes = [e["data"] for e in self.log_events("--proto", "smtp") if e["dir"] == "*"]
        self.assertTrue(any("relay" in n for n in notes), notes)

    def test_unknown_local_user_is_550_5_1_1(self):
        client = self.mx_client()
        client.command("MAIL FROM:<someone@remote.example>")
        reply = client.command("RCPT TO:<nobody-here@%s>" % smtp.DOMAIN)
        self.assertEqual(reply.code, 550, reply)
        self.assertTrue(reply.text.startswith("5.1.1"), reply)

    def test_submission_accepts_nothing_without_auth(self):
        client = self.submission_client()
        reply = client.command("MAIL FROM:<someone@%s>" % smtp.DOMAIN)
        self.assertEqual(reply.code, 530, reply)
        self.assertTrue(reply.text.startswith("5.7.0"), reply)

    def test_authenticated_user_relays_and_may_not_spoof(self):
        alice = self.new_mailbox("alice")
        self.new_mailbox("bob")
        client = self.submission_client(alice)
        reply = client.command("MAIL FROM:<ceo@%s>" % smtp.DOMAIN)
        self.assertEqual(reply.code, 553, reply)
        self.assertTrue(reply.text.startswith("5.7.1"), reply)
        self.assertEqual(client.command("MAIL FROM:<%s>" % alice).code, 250)
        self.assertEqual(client.command("RCPT TO:<friend@remote.example>").code, 250)
        self.assertEqual(client.command("RSET").code, 250)

    def test_alias_of_the_user_is_an_allowed_sender(self):
        alice = self.new_mailbox("alice")
        sales = "sales%d@%s" % (self.next_number(), smtp.DOMAIN)
        self.assertCtlOk(self.service.ctl("alias", "add", sales, alice))
        client = self.submission_client(alice)
        self.assertEqual(client.command("MAIL FROM:<%s>" % sales).code, 250)


class TlsAndAuth(smtp.SmtpTestCase):
    def test_auth_is_not_offered_or_accepted_before_tls(self):
        alice = self.new_mailbox("alice")
        client = self.connect(self.smtp.submission)
        ehlo = client.ehlo()
        self.assertFalse(any(l.startswith("AUTH") for l in ehlo.lines), ehlo)
        self.assertIn("STARTTLS", ehlo.lines)
        reply = client.login(alice)
        self.assertEqual(reply.code, 538, reply)

    def test_starttls_injection_is_discarded_and_ehlo_is_needed_again(self):
        alice = self.new_mailbox("alice")
        client = self.connect(self.smtp.submission)
        client.ehlo()
        token = base64.b64encode(b"\0" + alice.encode() + b"\0" + PASSWORD.encode())
        # Everything after STARTTLS in the same packet must be dropped, not run over TLS.
        client.send(b"STARTTLS\r\nAUTH PLAIN " + token + b"\r\nMAIL FROM:<" + alice.encode() + b">\r\n")
        reply = client.reply()
        self.assertEqual(reply.code, 220, reply)
        client.sock = self.tls.wrap_socket(client.sock)
        reply = client.command("MAIL FROM:<%s>" % alice)
        self.assertEqual(reply.code, 503, "the session was not reset after STARTTLS: %r" % reply)
        self.assertEqual(client.ehlo().code, 250)
        reply = client.command("MAIL FROM:<%s>" % alice)
        self.assertEqual(reply.code, 530, "the injected AUTH took effect: %r" % reply)
        self.assertEqual(client.login(alice).code, 235)

    def test_wrong_password_is_535_and_never_logged(self):
        alice = self.new_mailbox("alice")
        client = self.submission_client()
        self.assertEqual(client.login(alice, "Not-The-Password-9d1c").code, 535)
        self.assertEqual(client.login(alice).code, 235)
        client.command("QUIT")
        text = ""
        for root, _, files in os.walk(self.service.protocol_log_dir):
            for name in files:
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    text += f.read()
        token = base64.b64encode(b"\0" + alice.encode() + b"\0" + PASSWORD.encode()).decode()
        for secret in (PASSWORD, "Not-The-Password-9d1c", token):
            self.assertNotIn(secret, text)
        self.assertIn("AUTH PLAIN", text)


class PopBeforeSmtp(smtp.SmtpTestCase):
    """The legacy mode: off by default; when on, a POP3 login from an address lets that
    address send as the account for the window, without SMTP AUTH."""

    @classmethod
    def seed(cls, service):
        super().seed(service)
        cls.pop3_port = h.free_port()
        h.ctl_ok(service, "config", "set", "pop3.bindings", "127.0.0.1:%d" % cls.pop3_port)
        h.ctl_ok(service, "config", "set", "pop3.tlsBindings", "[]")
        h.ctl_ok(service, "config", "set", "pop3.loginType", "plainTextLogin")
        h.ctl_ok(service, "protocol", "enable", "pop3")

    def pop3_login(self, address):
        import poplib
        client = poplib.POP3("127.0.0.1", self.pop3_port, timeout=15)
        client.user(address)
        client.pass_(PASSWORD)
        client.quit()

    def test_pop_before_smtp_only_when_enabled(self):
        alice = self.new_mailbox("alice")
        self.pop3_login(alice)
        client = self.submission_client()
        self.assertEqual(client.command("MAIL FROM:<%s>" % alice).code, 530)  # off by default
        client.close()

        self.assertCtlOk(self.service.ctl("config", "set", "submission.popBeforeSmtp", "true"))
        self.addCleanup(self.service.ctl, "config", "set", "submission.popBeforeSmtp", "false")
        status = self.assertCtlOk(self.service.ctl("--json", "status")).json()
        self.assertTrue(any("POP-before-SMTP" in w for w in status["warnings"]), status["warnings"])
        self.pop3_login(alice)
        client = self.submission_client()
        self.assertEqual(client.command("MAIL FROM:<%s>" % alice).code, 250)
        self.assertEqual(client.command("RCPT TO:<friend@remote.example>").code, 250)
        self.assertEqual(client.command("RSET").code, 250)
        # Only as that account.
        other = self.new_mailbox("other")
        self.assertEqual(client.command("MAIL FROM:<%s>" % other).code, 553)


class Smuggling(smtp.SmtpTestCase):
    VARIANTS = {
        "lf-dot-lf": b"\n.\n",
        "crlf-dot-lf": b"\r\n.\n",
        "lf-dot-crlf": b"\n.\r\n",
        "cr-dot-crlf": b"\r.\r\n",
        "cr-dot-cr": b"\r.\r",
    }

    def test_no_variant_ends_data_or_makes_a_second_message(self):
        victim = self.new_mailbox("victim")
        for name, ending in self.VARIANTS.items():
            with self.subTest(name):
                client = self.mx_client()
                self.assertEqual(client.command("MAIL FROM:<a@sender.example>").code, 250)
                self.assertEqual(client.command("RCPT TO:<%s>" % victim).code, 250)
                self.assertEqual(client.command("DATA").code, 354)
                smuggled = (b"MAIL FROM:<admin@" + smtp.DOMAIN.encode() + b">\r\nRCPT TO:<" + victim.encode()
                            + b">\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n")
                client.send(b"Subject: first\r\n\r\nhello" + ending + smuggled)
                # The server is still in DATA: only the final CRLF.CRLF ends it, and then
                # the message is refused as a whole for its bare line ends.
                reply = client.reply()
                self.assertEqual(reply.code, 550, reply)
                self.assertTrue(reply.text.startswith("5.6.11"), reply)
                self.assertIn("bare", reply.text)
                self.assertEqual(client.command("NOOP").code, 250)
        self.assertEqual(self.export(victim), [])
        self.assertEqual(self.queue(), [])

    def test_normalize_mode_turns_bare_line_ends_into_crlf(self):
        victim = self.new_mailbox("victim")
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.bareLineEndings", "normalize"))
        self.addCleanup(self.service.ctl, "config", "set", "smtp.bareLineEndings", "reject")
        client = self.mx_client()
        client.command("MAIL FROM:<a@sender.example>")
        client.command("RCPT TO:<%s>" % victim)
        client.command("DATA")
        client.send(b"Subject: lf\r\n\r\nline one\nline two\n.\nstill data\r\n.\r\n")
        reply = client.reply()
        self.assertEqual(reply.code, 250, reply)
        data = smtp.strip_trace(self.wait_for_mail(victim)[0])
        self.assertEqual(data, b"Subject: lf\r\n\r\nline one\r\nline two\r\n.\r\nstill data\r\n")


class Limits(smtp.SmtpTestCase):
    @classmethod
    def seed(cls, service):
        super().seed(service)
        h.ctl_ok(service, "config", "set", "smtp.maxMessageSize", "4096")
        h.ctl_ok(service, "config", "set", "smtp.maxRecipients", "3")

    def test_size_is_advertised_and_enforced(self):
        carol = self.new_mailbox("carol")
        client = self.mx_client()
        ehlo = client.ehlo()
        self.assertIn("SIZE 4096", ehlo.lines)
        reply = client.command("MAIL FROM:<a@sender.example> SIZE=5000")
        self.assertEqual(reply.code, 552, reply)
        self.assertEqual(client.command("MAIL FROM:<a@sender.example>").code, 250)
        self.assertEqual(client.command("RCPT TO:<%s>" % carol).code, 250)
        reply = self.send_data(client, b"Subject: big\r\n\r\n" + (b"x" * 70 + b"\r\n") * 80)
        self.assertEqual(reply.code, 552, reply)
        self.assertTrue(reply.text.startswith("5.3.4"), reply)
        self.assertEqual(client.command("NOOP").code, 250)  # still in step
        self.assertEqual(self.export(carol), [])

    def test_recipient_limit(self):
        recipients = [self.new_mailbox("rcpt") for _ in range(4)]
        client = self.mx_client()
        client.command("MAIL FROM:<a@sender.example>")
        for address in recipients[:3]:
            self.assertEqual(client.command("RCPT TO:<%s>" % address).code, 250)
        reply = client.command("RCPT TO:<%s>" % recipients[3])
        self.assertEqual(reply.code, 452, reply)
        self.assertTrue(reply.text.startswith("4.5.3"), reply)

    def test_overlong_command_line(self):
        client = self.mx_client()
        reply = client.command("NOOP " + "x" * 5000)
        self.assertEqual(reply.code, 500, reply)

    def test_protocol_errors_end_the_session(self):
        client = self.mx_client()
        replies = [client.command("BOGUS%d" % i) for i in range(5)]
        self.assertEqual([r.code for r in replies], [500] * 5)
        farewell = client.reply()  # the fifth error (smtp.maxProtocolErrors) ends the session
        self.assertEqual(farewell.code, 421, farewell)
        self.assertTrue(client.closed())


if __name__ == "__main__":
    h.main()
