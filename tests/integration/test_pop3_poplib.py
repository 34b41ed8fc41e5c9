"""POP3 with Python's poplib: STLS on the plain listener and POP3_SSL on the implicit one.

The issue's "done when": a real client retrieves the mail that was put into the store,
byte-exact (dot-stuffing, 8-bit text, a message of several MB), LIST and STAT count the
octets RETR sends, TOP cuts where it should, DELE/RSET/QUIT do what RFC 1939 says, and
CAPA shows per login type only what may be used.
"""
import poplib

import tegami_harness as h
import test_pop3_support as pop

LARGE = 4 * 1024 * 1024 + 123


def joined(lines):
    """poplib's lines (CRLF removed, dots unstuffed) as the bytes RETR sent."""
    return b"".join(line + b"\r\n" for line in lines)


class Poplib(pop.Pop3TestCase):
    def starttls_client(self, address):
        client = poplib.POP3("127.0.0.1", self.pop3.plain, timeout=15)
        self.addCleanup(client.close)
        client.stls(context=self.tls)
        client.user(address)
        client.pass_(pop.PASSWORD)
        return client

    def ssl_client(self, address):
        client = poplib.POP3_SSL("127.0.0.1", self.pop3.implicit, context=self.tls, timeout=15)
        self.addCleanup(client.close)
        client.user(address)
        client.pass_(pop.PASSWORD)
        return client

    def test_stls_retrieves_every_message_byte_exact(self):
        imported = [
            pop.message("small", [b"Hello."]),
            pop.dotted_message(),
            pop.message("bare line feeds", [b"stored with CRLF", b"", b"as POP3 sends it"], eol=b"\n"),
            pop.large_message(LARGE),
        ]
        expected = {pop.message_id(m): pop.to_crlf(m) for m in imported}
        address = self.new_mailbox(imported)
        client = self.starttls_client(address)

        count, octets = client.stat()
        self.assertEqual(count, len(imported))
        self.assertEqual(octets, sum(len(m) for m in expected.values()))
        sizes = {int(n): int(s) for n, s in (line.split() for line in client.list()[1])}
        self.assertEqual(sorted(sizes), list(range(1, len(imported) + 1)))
        uids = {int(n): u for n, u in (line.split() for line in client.uidl()[1])}
        self.assertEqual(len(set(uids.values())), len(imported), uids)
        for uid in uids.values():
            # RFC 1939: 1 to 70 characters in the range 0x21 to 0x7E.
            self.assertTrue(1 <= len(uid) <= 70 and all(0x21 <= c <= 0x7E for c in uid), uid)

        retrieved = {}
        for number in sizes:
            response, lines, received = client.retr(number)
            self.assertTrue(response.startswith(b"+OK"), response)
            data = joined(lines)
            ident = pop.message_id(data)
            self.assertIn(ident, expected, data[:300])
            # Exact bytes; the large one compared by length first for a readable failure.
            self.assertEqual(len(data), len(expected[ident]), ident)
            self.assertEqual(data, expected[ident], ident)
            self.assertEqual(received, sizes[number], "LIST %d differs from what RETR sent" % number)
            self.assertEqual(int(client.list(number).split()[2]), sizes[number])
            self.assertEqual(client.uidl(number).split()[2], uids[number])
            retrieved[ident] = number
        self.assertEqual(set(retrieved), set(expected))

        # TOP: the header, the empty line and the first n body lines, dot-stuffed like RETR.
        dotted = retrieved[pop.message_id(pop.dotted_message())]
        message = expected[pop.message_id(pop.dotted_message())]
        head, body = message.split(b"\r\n\r\n", 1)
        self.assertEqual(joined(client.top(dotted, 0)[1]), head + b"\r\n\r\n")
        self.assertEqual(joined(client.top(dotted, 3)[1]),
                         head + b"\r\n\r\n" + b"".join(l + b"\r\n" for l in body.split(b"\r\n")[:3]))
        self.assertEqual(joined(client.top(dotted, 1000)[1]), message)
        self.assertTrue(client.quit().startswith(b"+OK"))
        self.assertEqual(self.message_count(address), len(imported), "reading must not remove anything")

    def test_pop3_ssl_dele_rset_and_quit(self):
        imported = [pop.message("ssl %d" % i, [b"message %d" % i]) for i in range(3)]
        address = self.new_mailbox(imported)
        client = self.ssl_client(address)
        uids = {int(n): u for n, u in (line.split() for line in client.uidl()[1])}
        sizes = {int(n): int(s) for n, s in (line.split() for line in client.list()[1])}
        self.assertEqual(len(uids), 3)

        self.assertTrue(client.dele(1).startswith(b"+OK"))
        self.assertEqual(client.stat(), (2, sizes[2] + sizes[3]))
        self.assertEqual(sorted(int(l.split()[0]) for l in client.list()[1]), [2, 3])
        for refused in (lambda: client.retr(1), lambda: client.dele(1), lambda: client.top(1, 0),
                        lambda: client.list(1), lambda: client.uidl(1), lambda: client.retr(4)):
            with self.assertRaises(poplib.error_proto):
                refused()
        self.assertTrue(client.rset().startswith(b"+OK"))
        self.assertEqual(client.stat(), (3, sum(sizes.values())))

        kept = {uids[1]: joined(client.retr(1)[1]), uids[3]: joined(client.retr(3)[1])}
        self.assertTrue(client.dele(2).startswith(b"+OK"))
        self.assertTrue(client.quit().startswith(b"+OK"))
        self.assertEqual(self.message_count(address), 2)

        # The next session sees the other two, under the same UIDs.
        again = self.ssl_client(address)
        self.assertEqual(again.stat()[0], 2)
        now = {u: int(n) for n, u in (line.split() for line in again.uidl()[1])}
        self.assertEqual(set(now), set(kept))
        for uid, data in kept.items():
            self.assertEqual(joined(again.retr(now[uid])[1]), data)
        again.quit()

    def test_capabilities_follow_the_login_type(self):
        base = {"RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION", "TOP", "UIDL"}
        address = self.new_mailbox([pop.message("capa", [b"x"])])
        try:
            for login_type in ("secureLogin", "plainTextAuthentication", "plainTextLogin"):
                with self.subTest(login_type=login_type):
                    self.assertCtlOk(self.service.ctl("config", "set", "pop3.loginType", login_type))
                    plain = poplib.POP3("127.0.0.1", self.pop3.plain, timeout=15)
                    self.addCleanup(plain.close)
                    before = plain.capa()
                    self.assertLessEqual(base | {"STLS"}, set(before), before)
                    if login_type == "plainTextLogin":
                        self.assertIn("USER", before)
                        self.assertLessEqual({"PLAIN", "LOGIN"}, set(before.get("SASL", [])), before)
                        plain.user(address)
                        plain.pass_(pop.PASSWORD)
                        self.assertEqual(plain.stat()[0], 1)
                        plain.quit()
                    else:
                        # No password may be sent before TLS, so no way to send one is offered.
                        self.assertNotIn("USER", before)
                        self.assertNotIn("SASL", before)
                        with self.assertRaises(poplib.error_proto):
                            plain.user(address)
                            plain.pass_(pop.PASSWORD)
                        with self.assertRaises(poplib.error_proto):
                            plain.stat()
                        plain.stls(context=self.tls)
                        after = plain.capa()
                        self.assertLessEqual(base | {"USER"}, set(after), after)
                        self.assertLessEqual({"PLAIN", "LOGIN"}, set(after.get("SASL", [])), after)
                        self.assertNotIn("STLS", after)
                        plain.user(address)
                        plain.pass_(pop.PASSWORD)
                        self.assertEqual(plain.stat()[0], 1)
                        plain.quit()

                    implicit = poplib.POP3_SSL("127.0.0.1", self.pop3.implicit, context=self.tls, timeout=15)
                    self.addCleanup(implicit.close)
                    caps = implicit.capa()
                    self.assertLessEqual(base | {"USER", "SASL"}, set(caps), caps)
                    self.assertNotIn("STLS", caps)
                    self.assertNotIn("ANONYMOUS", caps["SASL"])
                    implicit.quit()
        finally:
            self.assertCtlOk(self.service.ctl("config", "set", "pop3.loginType", "secureLogin"))


if __name__ == "__main__":
    h.main()
