"""Attacks and limits on the IMAP listeners: STARTTLS command injection, huge and
non-synchronising literals, NUL bytes, over-long lines, syntax errors and unknown commands
(BAD, and the connection goes on), logins that must be refused (administrators, anonymous
and guest, disabled accounts, accounts without IMAP, LOGIN before TLS), the same answer
for an unknown user and a wrong password, the login throttle, connection limits, and
passwords kept out of every log file.
"""
import base64
import concurrent.futures
import os
import socket
import ssl

import tegami_harness as h
import test_imap_support as imap
from test_imap_support import Literal, quote

WRONG = "Not-The-Password-73d1"


def b64(data):
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def side_by_side(function, items):
    """[function(item)] on parallel connections: failed logins are answered late, and the
    delays should not add up."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        return list(pool.map(function, items))


class Attacks(imap.ImapTestCase):
    def assertServing(self, client):
        """The connection still answers commands."""
        self.assertEqual(client.command("NOOP").status, b"OK")

    def test_starttls_injection(self):
        address = self.new_mailbox([imap.message("injection", [b"x"])])
        c = self.plain_connection()
        # Everything after STARTTLS in the same packet must be thrown away (CVE-2011-0411).
        c.send(b"a1 STARTTLS\r\na2 LOGIN " + quote(address) + b" " + quote(imap.PASSWORD) + b"\r\na3 CAPABILITY\r\n")
        r = c.read()
        self.assertEqual((r.tag, r.status), (b"a1", b"OK"), r)
        self.assertEqual(c.unread(0.5), b"", "the server answered the injected commands in plain text")
        c.sock = self.tls.wrap_socket(c.sock, server_hostname=imap.FQDN)
        r = c.command("SELECT INBOX", tag=b"a4")
        self.assertIn(r.status, (b"BAD", b"NO"), "the injected LOGIN was executed: %r" % r)
        self.assertEqual([x for x in r.untagged if x.kind() == "CAPABILITY" or x.tag in (b"a2", b"a3")], [], r)
        self.assertNotIn("STARTTLS", c.capabilities())
        self.assertIn(c.command("STARTTLS").status, (b"BAD", b"NO"), "no second STARTTLS")
        self.assertEqual(c.login(address).status, b"OK")
        c.ok("SELECT INBOX")

    def test_login_before_tls_is_refused(self):
        address = self.new_mailbox()
        c = self.plain_connection()
        self.assertIn("LOGINDISABLED", c.capabilities())
        self.assertIn(c.login(address).status, (b"NO", b"BAD"))
        r = c.command("AUTHENTICATE PLAIN " + imap.plain_response(address))
        self.assertIn(r.status, (b"NO", b"BAD"), r)
        self.assertIn(c.command("SELECT INBOX").status, (b"NO", b"BAD"))
        c.starttls(self.tls)
        self.assertEqual(c.login(address).status, b"OK")

    def test_huge_literals(self):
        address = self.new_mailbox()
        c = self.logged_in(address)
        # Synchronising: refused before the client sends anything; the session goes on.
        for size in (4294967295, 18446744073709551616, 2 ** 40):
            with self.subTest(size=size):
                c.send(b"t1 APPEND INBOX {%d}\r\n" % size)
                r = c.read()
                self.assertFalse(r.continuation, "the server asked for a %d-byte literal" % size)
                self.assertEqual(r.tag, b"t1", r)
                self.assertIn(r.status, (b"NO", b"BAD"), r)
                self.assertEqual((r.code or b"").upper(), b"TOOBIG", r)
                self.assertServing(c)
        # Before login as well (a literal in LOGIN).
        fresh = self.connect()
        fresh.send(b"t2 LOGIN {4294967295}\r\n")
        r = fresh.read()
        self.assertFalse(r.continuation, r)
        self.assertIn(r.status, (b"NO", b"BAD"), r)
        self.assertServing(fresh)
        self.assertEqual(fresh.login(address).status, b"OK")

        # Non-synchronising: the bytes are on their way; BAD [TOOBIG] and the connection ends
        # (RFC 7888 4), or the server reads past them. Either way the service keeps serving.
        plus = self.logged_in(address)
        plus.send(b"t3 APPEND INBOX {4294967295+}\r\nSubject: x\r\n\r\n")
        r = plus.read()
        self.assertIn(r.status, (b"NO", b"BAD", b"BYE"), r)
        self.assertEqual(self.logged_in(address).command("NOOP").status, b"OK")
        self.assertServiceAlive()

    def test_nul_bytes(self):
        address = self.new_mailbox([imap.message("nul", [b"x"])])
        c = self.connect()
        for line in (b"n1 LOGIN " + address.encode() + b"\0 secret", b"n2 NOOP\0", b"n3 CAPABILITY \0\0\0"):
            with self.subTest(line=line):
                c.send(line + b"\r\n")
                r = c.read()
                self.assertEqual(r.status, b"BAD", r)
                self.assertServing(c)
        self.assertEqual(c.login(address).status, b"OK")
        # In a literal (not a literal8): BAD; nothing stored.
        r = c.command("APPEND INBOX ", Literal(b"Subject: nul\r\n\r\na\0b\r\n"))
        self.assertEqual(r.status, b"BAD", r)
        self.assertServing(c)
        c.ok("SELECT INBOX")
        self.assertEqual(len(self.export(address)), 1)
        # In a quoted string.
        c.send(b'n4 SEARCH SUBJECT "a\0b"\r\n')
        self.assertEqual(c.finish(b"n4").status, b"BAD")
        self.assertServing(c)

    def test_syntax_errors_and_unknown_commands_get_bad(self):
        address = self.new_mailbox([imap.message("syntax", [b"x"])])
        bad_lines = [
            b"s1 FROBNICATE", b"s2 XYZZY 1 2 3", b"s3 FETCH", b"s4 FETCH 1:x FLAGS", b"s5 SELECT",
            b's6 LIST "unterminated', b"s7 SEARCH (SEEN", b"s8 STORE 1 +FLAGS", b"s9 UID FROB 1",
            b"s10 SELECT INBOX extra", b"s11 FETCH 1 (FLAGS", b"s12 NOOP extra", b"s13 LOGOUT now",
            b"s14 STATUS INBOX", b"s15 COPY 1", b"s16 CREATE",
        ]
        c = None
        for i, line in enumerate(bad_lines):
            if i % 4 == 0:
                c = self.logged_in(address, select="INBOX")
            with self.subTest(line=line):
                c.send(line + b"\r\n")
                r = c.read()
                self.assertEqual((r.tag, r.status), (line.split()[0], b"BAD"), r)
                self.assertServing(c)
        # Lines without a usable tag: untagged BAD (RFC 3501 7.1.3), connection kept.
        c = self.logged_in(address)
        for line in (b"*", b"+ NOOP", b"a(b NOOP", b"tag-only", b"   "):
            with self.subTest(line=line):
                c.send(line + b"\r\n")
                if line.strip():
                    r = c.read()
                    self.assertEqual(r.status, b"BAD", r)
                self.assertServing(c)

    def test_over_long_command_line(self):
        address = self.new_mailbox()
        c = self.logged_in(address)
        c.send(b"L1 NOOP " + b"x" * 20000 + b"\r\n")
        r = c.read()
        self.assertIn(r.status, (b"BAD", b"NO"), r)
        self.assertServing(c)
        # Within the limit, fine.
        c.ok("LIST \"\" " + quote("y" * 9000).decode())
        self.assertServiceAlive()


class Logins(imap.ImapTestCase):
    def assertNotLoggedIn(self, client):
        try:
            self.assertIn(client.command("SELECT INBOX").status, (b"BAD", b"NO"))
        except (ConnectionError, socket.timeout, ssl.SSLError):
            pass  # refused and closed: also not logged in

    def test_authenticate_forms(self):
        address = self.new_mailbox([imap.message("auth forms", [b"x"])])
        with self.subTest("PLAIN with an initial response (SASL-IR)"):
            c = self.connect()
            c.ok("AUTHENTICATE PLAIN " + imap.plain_response(address))
            c.ok("SELECT INBOX")
        with self.subTest("PLAIN after a continuation"):
            c = self.connect(starttls=True)
            c.send(b"p1 AUTHENTICATE PLAIN\r\n")
            self.assertTrue(c.read().continuation)
            c.send(imap.plain_response(address).encode() + b"\r\n")
            r = c.finish(b"p1")
            self.assertEqual(r.status, b"OK", r)
        with self.subTest("LOGIN mechanism"):
            c = self.connect()
            c.send(b"p2 AUTHENTICATE LOGIN\r\n")
            self.assertTrue(c.read().continuation)
            c.send(b64(address).encode() + b"\r\n")
            self.assertTrue(c.read().continuation)
            c.send(b64(imap.PASSWORD).encode() + b"\r\n")
            self.assertEqual(c.finish(b"p2").status, b"OK")
        with self.subTest("cancelled with *"):
            c = self.connect()
            c.send(b"p3 AUTHENTICATE PLAIN\r\n")
            self.assertTrue(c.read().continuation)
            c.send(b"*\r\n")
            self.assertEqual(c.finish(b"p3").status, b"BAD", "RFC 3501 6.2.2: a cancelled exchange is BAD")
            self.assertNotLoggedIn(c)
        with self.subTest("unknown mechanism, bad base64, wrong password"):
            c = self.connect()
            self.assertEqual(c.command("AUTHENTICATE CRAM-MD5").status, b"NO")
            self.assertIn(c.command("AUTHENTICATE PLAIN !!!notbase64").status, (b"BAD", b"NO"))
            self.assertEqual(c.command("AUTHENTICATE PLAIN " + imap.plain_response(address, WRONG)).status, b"NO")
            self.assertNotLoggedIn(c)
        with self.subTest("LOGIN with literals"):
            c = self.connect()
            c.ok("LOGIN ", Literal(address.encode()), " ", Literal(imap.PASSWORD.encode()))
            c.ok("SELECT INBOX")

    def test_unknown_user_and_wrong_password_get_the_same_answer(self):
        address = self.new_mailbox()
        unknown = "nobody-here@" + imap.DOMAIN

        def login(user):
            c = self.connect()
            r = c.login(user, WRONG)
            self.assertNotLoggedIn(c)
            return r.status, r.code, r.tagged.text.split(" ", 1)[1]

        def sasl(user):
            c = self.connect()
            r = c.command("AUTHENTICATE PLAIN " + imap.plain_response(user, WRONG))
            return r.status, r.code, r.tagged.text.split(" ", 1)[1]

        wrong, nobody, wrong_sasl, nobody_sasl = side_by_side(
            lambda f: f[0](f[1]), [(login, address), (login, unknown), (sasl, address), (sasl, unknown)])
        self.assertEqual(wrong, nobody)
        self.assertEqual(wrong[0], b"NO")
        self.assertEqual(wrong_sasl, nobody_sasl)
        self.assertEqual(wrong_sasl[0], b"NO")

    def test_admin_anonymous_guest_disabled_and_protocol_refused(self):
        admin = self.new_mailbox(prefix="admin")
        self.assertCtlOk(self.service.ctl("user", "set", admin, "--admin", "true"))
        disabled = self.new_mailbox(prefix="disabled")
        self.assertCtlOk(self.service.ctl("user", "set", disabled, "--enabled", "false"))
        pop_only = self.new_mailbox(prefix="poponly")
        self.assertCtlOk(self.service.ctl("user", "set", pop_only, "--protocols", "pop3"))

        def refused(attempt):
            user, sasl = attempt
            c = self.connect()
            if sasl:
                r = c.command("AUTHENTICATE PLAIN " + imap.plain_response(user))
            else:
                r = c.login(user)
            self.assertNotLoggedIn(c)
            return user, sasl, r

        users = (admin, disabled, pop_only, "anonymous", "anonymous@" + imap.DOMAIN, "guest", "GUEST")
        attempts = [(u, False) for u in users] + [(admin, True), (pop_only, True), ("guest@" + imap.DOMAIN, True)]
        for user, sasl, r in side_by_side(refused, attempts):
            with self.subTest(user=user, sasl=sasl):
                self.assertEqual(r.status, b"NO", r)

        c = self.connect()
        self.assertNotIn("AUTH=ANONYMOUS", c.capabilities())
        r = c.command("AUTHENTICATE ANONYMOUS " + b64("someone@elsewhere.test"))
        self.assertEqual(r.status, b"NO", r)
        self.assertNotLoggedIn(c)
        # The same steps log an ordinary mailbox in.
        ordinary = self.new_mailbox()
        self.assertEqual(self.connect().login(ordinary).status, b"OK")
        self.connect().ok("AUTHENTICATE PLAIN " + imap.plain_response(ordinary))

    def test_failures_go_through_the_throttle(self):
        address = self.new_mailbox([imap.message("throttle", [b"x"])])
        self.assertCtlOk(self.service.ctl("config", "set", "security.maxFailuresPerAccount", "3"))
        self.addCleanup(self.service.ctl, "config", "set", "security.maxFailuresPerAccount", "5")

        def wrong(_):
            with self.connect() as c:
                return c.login(address, WRONG).status

        self.assertEqual(side_by_side(wrong, range(3)), [b"NO"] * 3)
        c = self.connect()
        self.assertEqual(c.login(address).status, b"NO", "the account is locked: even the right password fails")
        self.assertNotLoggedIn(c)
        c = self.connect()
        self.assertEqual(c.command("AUTHENTICATE PLAIN " + imap.plain_response(address)).status, b"NO")
        other = self.new_mailbox()
        self.assertEqual(self.connect().login(other).status, b"OK", "other accounts are not affected")

    def test_passwords_never_reach_the_logs(self):
        address = self.new_mailbox([imap.message("redaction", [b"x"])])
        remotes = []
        c = self.connect()
        c.ok("LOGIN " + address + " " + imap.PASSWORD)  # as atoms
        c.logout()
        remotes.append(c.remote)
        c = self.connect()
        self.assertEqual(c.login(address, WRONG).status, b"NO")
        c.close()
        remotes.append(c.remote)
        c = self.connect(starttls=True)
        c.ok("AUTHENTICATE PLAIN " + imap.plain_response(address))
        c.logout()
        remotes.append(c.remote)
        c = self.connect()
        c.send(b"r1 AUTHENTICATE PLAIN\r\n")
        c.read()
        c.send(imap.plain_response(address).encode() + b"\r\n")
        self.assertEqual(c.finish(b"r1").status, b"OK")
        c.logout()
        remotes.append(c.remote)
        c = self.connect()
        c.ok("LOGIN ", Literal(address.encode()), " ", Literal(imap.PASSWORD.encode(), plus=True))
        c.logout()
        remotes.append(c.remote)

        secrets = [imap.PASSWORD, WRONG, b64(imap.PASSWORD), b64(WRONG), imap.plain_response(address),
                   imap.plain_response(address, WRONG)]
        sent = []
        for remote in remotes:
            events = self.session_events(remote)
            sent += [e["data"] for e in events if e["dir"] == "<"]
            for event in events:
                for secret in secrets:
                    self.assertNotIn(secret, event["data"], event)
        self.assertTrue([s for s in sent if "LOGIN" in s.upper()], "LOGIN commands are logged (redacted): %r" % sent)
        logs = os.path.join(self.service.data_dir, "logs")
        for directory, _, files in os.walk(logs):
            for name in files:
                data = h.read_bytes(os.path.join(directory, name))
                for secret in secrets:
                    self.assertNotIn(secret.encode(), data, os.path.join(directory, name))


def greeted(port):
    """True when a new connection is greeted with OK (and not refused)."""
    with imap.Imap(port, timeout=10) as c:
        return c.greeting.status == b"OK"


class Limits(imap.ImapTestCase):
    def test_connections_per_user(self):
        address = self.new_mailbox()
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnectionsPerUser", "2"))
        self.addCleanup(self.service.ctl, "config", "set", "imap.maxConnectionsPerUser", "16")
        first, second = self.logged_in(address), self.logged_in(address)
        third = self.connect()
        try:
            r = third.login(address)
            self.assertNotEqual(r.status, b"OK", r)
        except (ConnectionError, socket.timeout, ssl.SSLError):
            pass
        self.assertEqual(first.command("NOOP").status, b"OK")
        second.logout()
        h.wait_until(lambda: self.connect().login(address).status == b"OK", timeout=10,
                     what="a login once a connection of the user ended")

    def test_connections_per_address(self):
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnectionsPerAddress", "3"))
        self.addCleanup(self.service.ctl, "config", "set", "imap.maxConnectionsPerAddress", "200")
        held = [imap.Imap(self.imap.plain) for _ in range(3)]
        for c in held:
            self.addCleanup(c.close)
            self.assertEqual(c.greeting.status, b"OK", c.greeting)
        with h.Client(self.imap.plain, timeout=10) as refused:
            line = refused.read_line()
            self.assertTrue(line.startswith(h.REFUSAL["imap"]), line)
        held[0].close()
        h.wait_until(lambda: greeted(self.imap.plain), timeout=10, what="a connection once one of three ended")


if __name__ == "__main__":
    h.main()
