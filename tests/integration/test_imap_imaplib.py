"""IMAP with Python's imaplib: STARTTLS on the plain listener (IMAP4 + starttls) and
IMAP4_SSL on the implicit one, through every RFC 3501 command and the extensions a client
library reaches (UIDPLUS, MOVE, NAMESPACE, QUOTA, ID, ENABLE, UNSELECT).

The exact responses (untagged data, response codes, ordering) are checked on a raw socket
in test_imap_commands.py; here a real client library must get what it expects, and the
messages it reads must be the imported bytes, exactly.
"""
import imaplib
import re
import time

import tegami_harness as h
import test_imap_support as imap

LARGE = 3 * 1024 * 1024 + 17

# RFC 2971 ID, in any state: imaplib does not know it.
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED", "LOGOUT"))


def ok(result):
    typ, data = result
    if typ != "OK":
        raise AssertionError("imaplib got %s: %r" % (typ, data))
    return data


def names(list_data):
    """Mailbox names of imaplib's LIST/LSUB data."""
    out = {}
    for line in list_data:
        if line is None:
            continue
        if isinstance(line, tuple):  # name sent as a literal
            line = re.sub(rb"\{\d+\}$", b"", line[0]) + imap.quote(line[1])
        values, _ = imap.parse_data(line)
        attributes, _delimiter, name = values[0], values[1], values[2]
        out[name.decode()] = {a.decode().lower() for a in attributes}
    return out


def status_items(data):
    """{ITEM: int} of imaplib's STATUS data."""
    m = re.search(rb"\((.*)\)\s*$", data[0])
    words = m.group(1).split()
    return {words[i].decode().upper(): int(words[i + 1]) for i in range(0, len(words), 2)}


class Capabilities(imap.ImapTestCase):
    def test_logindisabled_before_starttls(self):
        address = self.new_mailbox([imap.message("capa", [b"x"])])
        client = imaplib.IMAP4("127.0.0.1", self.imap.plain, timeout=30)
        self.addCleanup(imap._shutdown, client)
        before = set(client.capabilities)
        self.assertIn("IMAP4REV1", before)
        self.assertIn("STARTTLS", before)
        # RFC 3501 6.2.3 / 7.2.1: a server that refuses LOGIN before TLS says LOGINDISABLED.
        self.assertIn("LOGINDISABLED", before)
        with self.assertRaises(imaplib.IMAP4.error):
            client.login(address, imap.PASSWORD)
        self.assertEqual(client.state, "NONAUTH")

        client.starttls(ssl_context=self.tls)
        after = set(client.capabilities)
        self.assertNotIn("STARTTLS", after)
        self.assertNotIn("LOGINDISABLED", after)
        self.assertIn("AUTH=PLAIN", after)
        ok(client.login(address, imap.PASSWORD))
        self.assertEqual(client.state, "AUTH")
        typ, data = client.capability()
        logged_in = set(data[0].decode().upper().split())
        for extension in imap.EXTENSIONS:
            self.assertIn(extension, logged_in, data)
        self.assertTrue({"LITERAL+", "LITERAL-"} & logged_in, data)  # RFC 7888
        client.logout()

    def test_implicit_tls_offers_login_at_once(self):
        address = self.new_mailbox()
        client = self.imaplib_ssl()
        self.assertIn("IMAP4REV1", client.capabilities)
        self.assertNotIn("STARTTLS", client.capabilities)
        self.assertNotIn("LOGINDISABLED", client.capabilities)
        self.assertIn("AUTH=PLAIN", client.capabilities)
        self.assertNotIn("AUTH=ANONYMOUS", client.capabilities)
        ok(client.login(address, imap.PASSWORD))
        ok(client.noop())
        self.assertEqual(client.logout()[0], "BYE")

    def test_authenticate_plain(self):
        address = self.new_mailbox([imap.message("auth plain", [b"x"])])
        for starttls in (False, True):
            with self.subTest(starttls=starttls):
                client = self.imaplib_starttls() if starttls else self.imaplib_ssl()
                typ, _ = client.authenticate("PLAIN", lambda _: b"\0" + address.encode() + b"\0"
                                             + imap.PASSWORD.encode())
                self.assertEqual(typ, "OK")
                self.assertEqual(client.state, "AUTH")
                self.assertEqual(ok(client.select("INBOX"))[0], b"1")
                client.logout()
        client = self.imaplib_ssl()
        with self.assertRaises(imaplib.IMAP4.error):
            client.authenticate("PLAIN", lambda _: b"\0" + address.encode() + b"\0wrong-password")
        self.assertEqual(client.state, "NONAUTH")


class Walkthrough(imap.ImapTestCase):
    """Every RFC 3501 command once, through imaplib, on each transport."""

    def walk(self, client, address):
        # --- authenticated state: mailboxes ------------------------------------------------
        listed = names(ok(client.list()))
        self.assertIn("INBOX", listed)
        for folder, use in (("Sent", "\\sent"), ("Drafts", "\\drafts"), ("Trash", "\\trash"), ("Junk", "\\junk"),
                            ("Archive", "\\archive")):
            self.assertIn(folder, listed)
            self.assertIn(use, listed[folder], (folder, listed[folder]))
        ok(client.create("Projects/Tegami"))
        listed = names(ok(client.list('""', "Projects/*")))
        self.assertEqual(set(listed), {"Projects/Tegami"})
        self.assertIn("Projects", names(ok(client.list('""', "%"))))
        self.assertNotIn("Projects/Tegami", names(ok(client.list('""', "%"))))
        ok(client.rename("Projects/Tegami", "Projects/Mail"))
        self.assertEqual(set(names(ok(client.list('""', "Projects/*")))), {"Projects/Mail"})
        ok(client.subscribe("Projects/Mail"))
        self.assertIn("Projects/Mail", names(ok(client.lsub('""', "*"))))
        ok(client.unsubscribe("Projects/Mail"))
        self.assertNotIn("Projects/Mail", names(ok(client.lsub('""', "*"))))
        ok(client.delete("Projects/Mail"))
        self.assertEqual(names(ok(client.list('""', "Projects/*"))), {})
        typ, _ = client.create("INBOX")
        self.assertEqual(typ, "NO")

        status = status_items(ok(client.status("INBOX", "(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)")))
        self.assertEqual(status["MESSAGES"], 3)
        self.assertEqual(status["UNSEEN"], 2)

        # APPEND with flags and an internal date; UIDPLUS answers with APPENDUID.
        appended = imap.message("appended by imaplib", [b"Draft text.", b".", b"end"])
        when = time.mktime((2024, 3, 5, 12, 34, 56, 0, 0, -1))
        ok(client.append("Drafts", r"(\Draft \Seen $Tegami)", imaplib.Time2Internaldate(when), appended))
        appenduid = client.untagged_responses.get("APPENDUID") or [b""]
        code = re.match(rb"(\d+) (\d+)$", appenduid[-1])
        self.assertIsNotNone(code, "no APPENDUID after APPEND: %r" % client.untagged_responses)

        # --- selected state ---------------------------------------------------------------
        self.assertEqual(ok(client.select("Drafts")), [b"1"])
        data = imap.imaplib_fetches(ok(client.uid("FETCH", code.group(2).decode(),
                                                  "(FLAGS INTERNALDATE BODY.PEEK[])")))
        (items,) = data.values()
        self.assertEqual(items[b"BODY[]"], appended)
        self.assertLessEqual({"\\Draft", "\\Seen", "$Tegami"}, imap.flags_of(items))
        self.assertEqual(time.mktime(imaplib.Internaldate2tuple(b'INTERNALDATE "' + items[b"INTERNALDATE"]
                                                                + b'"')), when)
        ok(client.close())

        self.assertEqual(ok(client.select("INBOX")), [b"3"])
        ok(client.check())
        self.assertEqual(ok(client.search(None, "UNSEEN")), [b"2 3"])
        self.assertEqual(ok(client.search(None, "FROM", '"sender"', "SUBJECT", '"walk 2"')), [b"2"])
        uids = ok(client.uid("SEARCH", "ALL"))[0].split()
        self.assertEqual(len(uids), 3)

        fetched = imap.imaplib_fetches(ok(client.fetch("1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[])")))
        self.assertEqual(sorted(fetched), [1, 2, 3])
        for number, items in fetched.items():
            self.assertEqual(items[b"BODY[]"], self.imported[number - 1])
            self.assertEqual(int(items[b"RFC822.SIZE"]), len(self.imported[number - 1]))
            self.assertEqual(items[b"UID"], uids[number - 1])
        self.assertIn("\\Seen", imap.flags_of(fetched[1]))
        self.assertNotIn("\\Seen", imap.flags_of(fetched[2]), "BODY.PEEK must not set \\Seen")

        header = imap.imaplib_fetches(ok(client.fetch("2", "(BODY[HEADER.FIELDS (SUBJECT)])")))[2]
        self.assertEqual(header[b"BODY[HEADER.FIELDS (SUBJECT)]"], b"Subject: walk 2\r\n\r\n")
        ok(client.fetch("2", "(BODY[TEXT])"))  # not PEEK: sets \Seen
        self.assertIn("\\Seen", imap.flags_of(imap.imaplib_fetches(ok(client.fetch("2", "(FLAGS)")))[2]))

        stored = imap.imaplib_fetches(ok(client.store("3", "+FLAGS", r"(\Flagged)")))
        self.assertIn("\\Flagged", imap.flags_of(stored[3]))
        ok(client.store("3", "-FLAGS.SILENT", r"(\Flagged)"))
        self.assertNotIn("\\Flagged", imap.flags_of(imap.imaplib_fetches(ok(client.fetch("3", "(FLAGS)")))[3]))
        ok(client.uid("STORE", uids[2].decode(), "+FLAGS", r"(\Answered)"))
        self.assertEqual(ok(client.search(None, "ANSWERED")), [b"3"])

        ok(client.create("Keep"))
        ok(client.copy("1", "Keep"))
        self.assertIn("COPYUID", client.untagged_responses, "no COPYUID after COPY (RFC 4315)")
        ok(client.uid("COPY", uids[1].decode(), "Keep"))
        self.assertEqual(status_items(ok(client.status("Keep", "(MESSAGES)")))["MESSAGES"], 2)

        ok(client._simple_command("MOVE", "3", "Keep"))
        self.assertEqual(client.untagged_responses.pop("EXPUNGE", None), [b"3"], "MOVE expunges (RFC 6851)")
        self.assertEqual(status_items(ok(client.status("Keep", "(MESSAGES)")))["MESSAGES"], 3)
        ok(client.noop())
        self.assertEqual(ok(client.search(None, "ALL")), [b"1 2"])

        ok(client.store("1", "+FLAGS", r"(\Deleted)"))
        expunged = ok(client.expunge())
        self.assertEqual(expunged, [b"1"])
        self.assertEqual(ok(client.search(None, "ALL")), [b"1"])
        ok(client.uid("STORE", uids[1].decode(), "+FLAGS.SILENT", r"(\Deleted)"))
        ok(client.uid("EXPUNGE", uids[1].decode()))
        self.assertEqual(ok(client.search(None, "ALL")), [b""])

        # UID MOVE back from Keep, then UNSELECT (no expunge) and CLOSE (expunge).
        ok(client.select("Keep"))
        keep_uids = ok(client.uid("SEARCH", "ALL"))[0].split()
        ok(client.uid("MOVE", keep_uids[0].decode(), "INBOX"))
        ok(client.store("1", "+FLAGS.SILENT", r"(\Deleted)"))
        ok(client.unselect())
        self.assertEqual(status_items(ok(client.status("Keep", "(MESSAGES)")))["MESSAGES"], 2)
        ok(client.select("Keep"))
        ok(client.close())
        self.assertEqual(status_items(ok(client.status("Keep", "(MESSAGES)")))["MESSAGES"], 1)
        self.assertEqual(status_items(ok(client.status("INBOX", "(MESSAGES)")))["MESSAGES"], 1)

        # --- extensions a library reaches ---------------------------------------------------
        namespace = ok(client.namespace())[0]
        self.assertTrue(namespace.startswith(b'(("" "/"))'), namespace)
        typ, data = client.getquotaroot("INBOX")
        self.assertEqual(typ, "OK", data)
        typ, data = client._simple_command("ID", '("name" "imaplib")')
        self.assertEqual(typ, "OK", data)
        typ, data = client._simple_command("ENABLE", "CONDSTORE")
        self.assertEqual(typ, "OK", data)
        self.assertEqual(client.logout()[0], "BYE")

    def fill(self):
        self.imported = [imap.to_crlf(imap.message("walk %d" % i, [b"body %d" % i, b".", b"end"]))
                         for i in range(1, 4)]
        return self.new_mailbox([(self.imported[0], "S"), self.imported[1], self.imported[2]])

    def test_starttls(self):
        address = self.fill()
        self.walk(self.imaplib_starttls(address), address)

    def test_imap4_ssl(self):
        address = self.fill()
        self.walk(self.imaplib_ssl(address), address)


class ByteExact(imap.ImapTestCase):
    def test_body_is_the_imported_message(self):
        imported = [
            imap.message("small", [b"Hello."]),
            imap.pop.dotted_message(),
            imap.message("bare line feeds", [b"stored with CRLF", b"", b"as IMAP sends it"], eol=b"\n"),
            imap.japanese_message(),
            imap.multipart_message(),
            imap.large_message(LARGE),
        ]
        expected = [imap.to_crlf(m) for m in imported]
        address = self.new_mailbox(imported)
        for client in (self.imaplib_ssl(address), self.imaplib_starttls(address)):
            self.assertEqual(ok(client.select("INBOX", readonly=True)), [b"%d" % len(imported)])
            fetched = imap.imaplib_fetches(ok(client.fetch("1:*", "(RFC822.SIZE BODY.PEEK[])")))
            for number, data in enumerate(expected, 1):
                got = fetched[number][b"BODY[]"]
                self.assertEqual(len(got), len(data), number)
                self.assertEqual(got, data, number)
                self.assertEqual(int(fetched[number][b"RFC822.SIZE"]), len(data), number)
            # RFC822 is the same bytes (and not a PEEK, but the mailbox is read-only).
            self.assertEqual(imap.imaplib_fetches(ok(client.fetch("2", "(RFC822)")))[2][b"RFC822"], expected[1])
            # Partial fetches of the large one, crossing line ends.
            last = len(imported)
            part = imap.imaplib_fetches(ok(client.fetch(str(last), "(BODY.PEEK[]<1000.70000>)")))[last]
            self.assertEqual(part[b"BODY[]<1000>"], expected[-1][1000:71000])
            self.assertEqual(ok(client.search(None, "UNSEEN")), [b" ".join(b"%d" % i for i in range(1, last + 1))])
            client.logout()


if __name__ == "__main__":
    h.main()
