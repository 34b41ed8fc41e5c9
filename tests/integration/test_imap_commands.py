"""IMAP commands on a raw socket, response by response, against RFC 3501 and the
extensions Tegami announces: SELECT/EXAMINE data, mailbox management (hierarchy, INBOX
rename, modified UTF-7 names), LIST/LSUB patterns and SPECIAL-USE attributes, STATUS,
APPEND (APPENDUID, TRYCREATE, LITERAL+), FETCH items and sections, STORE, SEARCH keys
(with CHARSET UTF-8 and Japanese), COPY/MOVE (COPYUID), EXPUNGE/CLOSE/UNSELECT, the UID
forms, NAMESPACE, ID, ENABLE CONDSTORE and GETQUOTAROOT.
"""
import calendar
import datetime
import re

import tegami_harness as h
import test_imap_support as imap
from test_imap_support import Literal, quote

SYSTEM_FLAGS = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}


def utc(*fields):
    return calendar.timegm(datetime.datetime(*fields).timetuple())


def internaldate(value):
    """Seconds since the epoch of an INTERNALDATE string "05-Mar-2024 12:34:56 +0900"."""
    return datetime.datetime.strptime(value.decode(), "%d-%b-%Y %H:%M:%S %z").timestamp()


def mail(sender, to, subject, body, date, extra=()):
    lines = [b"From: " + sender, b"To: " + to, b"Subject: " + subject, b"Date: " + date,
             b"Message-ID: <" + re.sub(rb"\W", b"", subject + date)[:40] + b"@test>"] + list(extra)
    return b"\r\n".join(lines) + b"\r\n\r\n" + body + b"\r\n"


def uids_of(reply):
    """[UID] of the FETCH responses, in message-number order."""
    return [int(items[b"UID"]) for _, items in sorted(reply.fetches().items())]


def visible(flags):
    """Flags without \\Recent, which depends on which session saw the message first."""
    return {f for f in flags if f.lower() != "\\recent"}


def status_of(reply):
    """{ITEM: int} of the "* STATUS name (...)" response."""
    (r,) = reply.of("STATUS")
    values = r.words()
    items = values[-1]
    return {items[i].decode().upper(): int(items[i + 1]) for i in range(0, len(items), 2)}


def listed(reply):
    """{name: set of lower-case attributes} of LIST/LSUB responses, plus the delimiters."""
    out = {}
    for r in reply.untagged:
        if r.kind() in ("LIST", "LSUB"):
            attributes, delimiter, name = r.words()[1:4]
            out[name.decode()] = {a.decode().lower() for a in attributes}
    return out


class Selection(imap.ImapTestCase):
    def test_select_and_examine(self):
        messages = [(imap.message("sel 1", [b"a"]), "S"), imap.message("sel 2", [b"b"]),
                    (imap.message("sel 3", [b"c"]), "F")]
        address = self.new_mailbox(messages)
        c = self.logged_in(address)
        r = c.ok("SELECT INBOX")
        self.assertEqual([x.number() for x in r.of("EXISTS")], [3], r)
        (recent,) = r.of("RECENT")
        (flags,) = r.of("FLAGS")
        self.assertLessEqual(SYSTEM_FLAGS, {f.decode() for f in flags.words()[1]}, flags)
        codes = r.codes()
        for code in ("PERMANENTFLAGS", "UIDVALIDITY", "UIDNEXT", "HIGHESTMODSEQ", "UNSEEN"):
            self.assertIn(code, codes, r)
        permanent = {f.decode() for f in imap.parse_data(codes["PERMANENTFLAGS"])[0][0]}
        self.assertLessEqual({"\\Seen", "\\Deleted", "\\Flagged", "\\*"}, permanent)
        self.assertEqual(int(codes["UNSEEN"]), 2, "UNSEEN names the first message without \\Seen")
        self.assertGreater(int(codes["UIDVALIDITY"]), 0)
        self.assertGreater(int(codes["HIGHESTMODSEQ"]), 0)
        self.assertEqual(r.code, b"READ-WRITE")

        fetched = c.ok("FETCH 1:* (UID FLAGS)").fetches()
        self.assertEqual(sorted(fetched), [1, 2, 3])
        self.assertLess(max(int(i[b"UID"]) for i in fetched.values()), int(codes["UIDNEXT"]))
        self.assertEqual(visible(imap.flags_of(fetched[1])), {"\\Seen"})
        self.assertEqual(visible(imap.flags_of(fetched[2])), set())
        self.assertEqual(visible(imap.flags_of(fetched[3])), {"\\Flagged"})
        # \Recent: as many messages carry it as RECENT said, and only in this first session.
        self.assertEqual(sum("\\Recent" in imap.flags_of(i) for i in fetched.values()), recent.number())

        other = self.logged_in(address)
        again = other.ok("EXAMINE INBOX")
        self.assertEqual(again.code, b"READ-ONLY")
        self.assertEqual([x.number() for x in again.of("EXISTS")], [3])
        self.assertEqual([x.number() for x in again.of("RECENT")], [0], "another session already saw them")
        self.assertEqual(again.codes()["UIDVALIDITY"], codes["UIDVALIDITY"])
        self.assertEqual(again.codes()["UIDNEXT"], codes["UIDNEXT"])
        # Read-only: no flag changes, not even the implicit \Seen of BODY[].
        self.assertEqual(other.command("STORE 2 +FLAGS (\\Flagged)").status, b"NO")
        other.ok("FETCH 2 BODY[]")
        self.assertNotIn("\\Seen", imap.flags_of(other.ok("FETCH 2 FLAGS").fetches()[2]))
        self.assertNotIn("\\Flagged", imap.flags_of(c.ok("FETCH 2 FLAGS").fetches()[2]))

        # A failed SELECT leaves no mailbox selected (RFC 3501 6.3.1).
        self.assertEqual(c.command("SELECT Nonexistent").status, b"NO")
        self.assertEqual(c.command("FETCH 1 FLAGS").status, b"BAD")
        c.ok("SELECT inbox")  # INBOX in any case
        self.assertEqual(c.logout().status, b"OK")

    def test_commands_outside_their_state(self):
        address = self.new_mailbox([imap.message("states", [b"x"])])
        c = self.connect()
        for command in ("SELECT INBOX", "LIST \"\" *", "STATUS INBOX (MESSAGES)", "FETCH 1 FLAGS", "ENABLE CONDSTORE"):
            with self.subTest(state="not authenticated", command=command):
                self.assertIn(c.command(command).status, (b"BAD", b"NO"))
        self.assertEqual(c.login(address).status, b"OK")
        self.assertIn(c.command("LOGIN x y").status, (b"BAD", b"NO"))
        for command in ("FETCH 1 FLAGS", "STORE 1 +FLAGS (\\Seen)", "SEARCH ALL", "EXPUNGE", "CLOSE", "UNSELECT",
                        "COPY 1 INBOX", "UID FETCH 1 FLAGS"):
            with self.subTest(state="authenticated", command=command):
                self.assertEqual(c.command(command).status, b"BAD")
        c.ok("SELECT INBOX")
        c.ok("NOOP")
        self.assertEqual(c.ok("FETCH 1 (UID)").fetches()[1][b"UID"].isdigit(), True)


class Mailboxes(imap.ImapTestCase):
    def test_create_rename_delete_with_hierarchy(self):
        address = self.new_mailbox()
        c = self.logged_in(address)
        root = c.ok('LIST "" ""')
        (line,) = root.of("LIST")
        self.assertEqual(line.words()[1:], [[b"\\Noselect"], b"/", b""], line)

        c.ok('CREATE "Projects/2024/Q1"')
        tree = listed(c.ok('LIST "" "Projects*"'))
        self.assertEqual(set(tree), {"Projects", "Projects/2024", "Projects/2024/Q1"})
        r = c.ok("APPEND ", quote("Projects/2024/Q1"), " ", Literal(imap.message("in Q1", [b"x"])))
        for name in ("Projects", "INBOX", "inbox", "Projects/2024/Q1"):
            with self.subTest(create=name):
                self.assertEqual(c.command("CREATE " + quote(name).decode()).status, b"NO")

        c.ok("RENAME Projects Work")
        tree = listed(c.ok('LIST "" *'))
        self.assertLessEqual({"Work", "Work/2024", "Work/2024/Q1"}, set(tree))
        self.assertFalse([n for n in tree if n.startswith("Projects")], tree)
        self.assertEqual(status_of(c.ok('STATUS "Work/2024/Q1" (MESSAGES)'))["MESSAGES"], 1)
        self.assertEqual(c.command("RENAME Work Trash").status, b"NO")  # exists
        self.assertEqual(c.command("RENAME Nonexistent Other").status, b"NO")

        c.ok('DELETE "Work/2024/Q1"')
        self.assertNotIn("Work/2024/Q1", listed(c.ok('LIST "" *')))
        # A mailbox with inferiors: its messages go, the name stays as \Noselect (6.3.4).
        c.ok("APPEND Work ", Literal(imap.message("in Work", [b"x"])))
        c.ok("DELETE Work")
        tree = listed(c.ok('LIST "" "Work*"'))
        self.assertIn("\\noselect", tree["Work"], tree)
        self.assertIn("Work/2024", tree)
        self.assertEqual(c.command("SELECT Work").status, b"NO")
        self.assertEqual(c.command("DELETE Work").status, b"NO", "\\Noselect with inferiors (RFC 3501 6.3.4)")
        for name in ("INBOX", "Nonexistent"):
            with self.subTest(delete=name):
                self.assertEqual(c.command("DELETE " + name).status, b"NO")

        # Modified UTF-7 (RFC 3501 5.1.3): 日本語 and "Entwürfe".
        c.ok('CREATE "&ZeVnLIqe-"')
        c.ok('CREATE "Entw&APw-rfe/&ZeVnLIqe-"')
        tree = listed(c.ok('LIST "" *'))
        self.assertIn("&ZeVnLIqe-", tree)
        self.assertIn("Entw&APw-rfe/&ZeVnLIqe-", tree)
        c.ok('SELECT "&ZeVnLIqe-"')

    def test_rename_inbox_moves_its_messages(self):
        address = self.new_mailbox([imap.message("old inbox %d" % i, [b"x"]) for i in range(2)])
        c = self.logged_in(address)
        c.ok('RENAME INBOX "Old Inbox"')
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 0)
        self.assertEqual(status_of(c.ok('STATUS "Old Inbox" (MESSAGES)'))["MESSAGES"], 2)
        r = c.ok("SELECT INBOX")
        self.assertEqual([x.number() for x in r.of("EXISTS")], [0])
        self.import_messages(address, [imap.message("after rename", [b"x"])])
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 1)

    def test_list_patterns_subscriptions_and_special_use(self):
        address = self.new_mailbox()
        c = self.logged_in(address)
        c.ok('CREATE "Lists/Tegami/Dev"')
        every = listed(c.ok('LIST "" "*"'))
        self.assertLessEqual({"INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive", "Lists", "Lists/Tegami",
                              "Lists/Tegami/Dev"}, set(every))
        for name, use in (("Sent", "\\sent"), ("Drafts", "\\drafts"), ("Trash", "\\trash"), ("Junk", "\\junk"),
                          ("Archive", "\\archive")):
            self.assertIn(use, every[name], (name, every[name]))  # RFC 6154
        self.assertFalse({"\\sent", "\\trash", "\\drafts", "\\junk", "\\archive"} & every["Lists"])
        top = listed(c.ok('LIST "" "%"'))
        self.assertIn("Lists", top)
        self.assertIn("INBOX", top)
        self.assertFalse([n for n in top if "/" in n], top)
        self.assertEqual(set(listed(c.ok('LIST "" "Lists/%"'))), {"Lists/Tegami"})
        self.assertEqual(set(listed(c.ok('LIST "Lists/" "%"'))), {"Lists/Tegami"})  # reference + pattern
        self.assertEqual(set(listed(c.ok('LIST "" "Lists/*"'))), {"Lists/Tegami", "Lists/Tegami/Dev"})
        self.assertEqual(set(listed(c.ok('LIST "" "inBOX"'))), {"INBOX"})
        self.assertEqual(set(listed(c.ok('LIST "" "L*s/T*"'))), {"Lists/Tegami", "Lists/Tegami/Dev"})
        self.assertEqual(listed(c.ok('LIST "" "Nothing*"')), {})

        # The special-use folders come subscribed; new folders are not.
        subscribed = listed(c.ok('LSUB "" "*"'))
        self.assertLessEqual({"INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive"}, set(subscribed))
        self.assertNotIn("Lists/Tegami/Dev", subscribed)
        c.ok('SUBSCRIBE "Lists/Tegami/Dev"')
        self.assertIn("Lists/Tegami/Dev", listed(c.ok('LSUB "" "*"')))
        self.assertEqual(set(listed(c.ok('LSUB "" "Lists/Tegami/%"'))), {"Lists/Tegami/Dev"})
        c.ok('UNSUBSCRIBE "Lists/Tegami/Dev"')
        self.assertNotIn("Lists/Tegami/Dev", listed(c.ok('LSUB "" "*"')))

    def test_status(self):
        address = self.new_mailbox([(imap.message("st 1", [b"x"]), "S"), imap.message("st 2", [b"y"]),
                                    imap.message("st 3", [b"z"])])
        c = self.logged_in(address)
        status = status_of(c.ok("STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)"))
        self.assertEqual(status["MESSAGES"], 3)
        self.assertEqual(status["UNSEEN"], 2)
        self.assertIn("RECENT", status)
        self.assertGreater(status["HIGHESTMODSEQ"], 0)
        codes = c.ok("EXAMINE INBOX").codes()
        self.assertEqual(status["UIDVALIDITY"], int(codes["UIDVALIDITY"]))
        self.assertEqual(status["UIDNEXT"], int(codes["UIDNEXT"]))
        self.assertEqual(c.command("STATUS Nonexistent (MESSAGES)").status, b"NO")
        self.assertEqual(c.command("STATUS INBOX (BOGUS)").status, b"BAD")


class Append(imap.ImapTestCase):
    def test_append_with_flags_and_date(self):
        address = self.new_mailbox([imap.message("existing", [b"x"])])
        c = self.logged_in(address)
        data = imap.message("appended", [b"line", b".", b"\xe3\x81\x82 8-bit"])
        r = c.ok('APPEND INBOX (\\Seen \\Flagged $Project) "05-Mar-2024 12:34:56 +0900" ', Literal(data))
        code = r.code.split()
        self.assertEqual(code[0].upper(), b"APPENDUID", r)
        validity, uid = int(code[1]), int(code[2])

        selected = c.ok("SELECT INBOX")
        self.assertEqual(int(selected.codes()["UIDVALIDITY"]), validity)
        self.assertEqual([x.number() for x in selected.of("EXISTS")], [2])
        (items,) = c.ok("UID FETCH %d (FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])" % uid).fetches().values()
        self.assertEqual(items[b"BODY[]"], data)
        self.assertEqual(int(items[b"RFC822.SIZE"]), len(data))
        self.assertEqual(visible(imap.flags_of(items)), {"\\Seen", "\\Flagged", "$Project"})
        self.assertEqual(internaldate(items[b"INTERNALDATE"]), utc(2024, 3, 5, 3, 34, 56))

        # LITERAL+ (RFC 7888), no flags, no date; seen by the selecting session as EXISTS.
        second = imap.message("literal plus", [b"y"])
        r = c.ok("APPEND INBOX ", Literal(second, plus=True))
        self.assertGreater(int(r.code.split()[2]), uid)
        exists = [x.number() for x in r.of("EXISTS")] + [x.number() for x in c.ok("NOOP").of("EXISTS")]
        self.assertEqual(exists[-1:], [3], "the selected session must learn of the appended message")
        (items,) = c.ok("FETCH 3 (FLAGS BODY.PEEK[])").fetches().values()
        self.assertEqual(items[b"BODY[]"], second)
        self.assertEqual(visible(imap.flags_of(items)), set())

        # Into a missing mailbox: NO [TRYCREATE], and the literal is never asked for.
        r = c.command("APPEND Missing ", Literal(imap.message("nowhere", [b"x"])))
        self.assertStatus(r, b"NO", "TRYCREATE")
        r = c.command('APPEND INBOX "31-Feb-2024 00:00:00 +0000" ', Literal(b"Subject: x\r\n\r\ny\r\n"))
        self.assertIn(r.status, (b"BAD", b"NO"), "an impossible date: %r" % r)
        c.ok("NOOP")
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 3)


class Fetch(imap.ImapTestCase):
    def test_every_fetch_item(self):
        multipart = imap.to_crlf(imap.multipart_message())
        when = utc(2024, 3, 4, 12, 0, 0)
        address = self.new_mailbox([(multipart, "", when)])
        c = self.logged_in(address, select="INBOX")
        r = c.ok("FETCH 1 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE)")
        items = r.fetches()[1]
        self.assertTrue(items[b"UID"].isdigit())
        self.assertEqual(int(items[b"RFC822.SIZE"]), len(multipart))
        self.assertEqual(internaldate(items[b"INTERNALDATE"]), when)

        envelope = items[b"ENVELOPE"]
        self.assertEqual(len(envelope), 10, envelope)
        date, subject, sender, origin, reply_to, to, cc, bcc, in_reply_to, msgid = envelope
        self.assertEqual(date, b"Mon, 04 Mar 2024 10:00:00 +0000")
        self.assertEqual(subject, b"multipart")
        self.assertEqual(sender, [[b"Sender", None, b"sender", b"elsewhere.test"]])
        self.assertEqual(origin, sender, "Sender defaults to From (RFC 3501 7.4.2)")
        self.assertEqual(reply_to, sender, "Reply-To defaults to From")
        self.assertEqual(to, [[None, None, b"someone", imap.DOMAIN.encode()]])
        self.assertEqual((cc, bcc, in_reply_to), (None, None, None))
        self.assertEqual(msgid, imap.message_id(multipart))

        structure = items[b"BODYSTRUCTURE"]
        self.assertIsInstance(structure[0], list, structure)
        self.assertIsInstance(structure[1], list, structure)
        self.assertEqual(structure[2].upper(), b"MIXED")
        text, attachment = structure[0], structure[1]
        self.assertEqual([v.upper() if v else v for v in text[:2]], [b"TEXT", b"PLAIN"])
        self.assertEqual([p.upper() for p in text[2]], [b"CHARSET", b"US-ASCII"])
        self.assertEqual(text[5].upper(), b"7BIT")
        self.assertEqual(int(text[6]), len(b"Part one text."))
        self.assertIn(int(text[7]), (0, 1))  # lines of a text part: counted line ends or lines
        self.assertEqual([v.upper() for v in attachment[:2]], [b"APPLICATION", b"OCTET-STREAM"])
        self.assertEqual(attachment[5].upper(), b"BASE64")
        # Extension data of the multipart: the boundary parameter.
        self.assertIn(b"XyZ", structure[3], structure)
        body = items[b"BODY"]
        self.assertEqual(body[2].upper(), b"MIXED")
        self.assertEqual(len(body), 3, "BODY has no extension data")

        head, text_part = multipart.split(b"\r\n\r\n", 1)
        r = c.ok("FETCH 1 (BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[1] BODY.PEEK[2] BODY.PEEK[2.MIME] "
                 "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT)] "
                 "BODY.PEEK[]<0.100> BODY.PEEK[]<100.50> BODY.PEEK[TEXT]<5.10> BODY.PEEK[]<100000.10>)")
        items = r.fetches()[1]
        self.assertEqual(items[b"BODY[HEADER]"], head + b"\r\n\r\n")
        self.assertEqual(items[b"BODY[TEXT]"], text_part)
        self.assertEqual(items[b"BODY[1]"], b"Part one text.")
        self.assertEqual(items[b"BODY[2]"], b"AAECAwQFBgcICQ==")
        self.assertEqual(items[b"BODY[2.MIME]"], b'Content-Type: application/octet-stream; name="a.bin"\r\n'
                         b"Content-Transfer-Encoding: base64\r\n"
                         b'Content-Disposition: attachment; filename="a.bin"\r\n\r\n')
        self.assertEqual(items[b"BODY[HEADER.FIELDS (SUBJECT FROM)]"],
                         b"From: Sender <sender@elsewhere.test>\r\nSubject: multipart\r\n\r\n")
        not_subject = b"\r\n".join(l for l in head.split(b"\r\n") if not l.startswith(b"Subject:"))
        self.assertEqual(items[b"BODY[HEADER.FIELDS.NOT (SUBJECT)]"], not_subject + b"\r\n\r\n")
        self.assertEqual(items[b"BODY[]<0>"], multipart[:100])
        self.assertEqual(items[b"BODY[]<100>"], multipart[100:150])
        self.assertEqual(items[b"BODY[TEXT]<5>"], text_part[5:15])
        self.assertEqual(items[b"BODY[]<100000>"], b"", "a partial past the end is empty (RFC 3501 6.4.5)")

        r = c.ok("FETCH 1 (RFC822.HEADER)")
        self.assertEqual(r.fetches()[1][b"RFC822.HEADER"], head + b"\r\n\r\n")
        self.assertNotIn("\\Seen", imap.flags_of(c.ok("FETCH 1 FLAGS").fetches()[1]))
        r = c.ok("FETCH 1 (RFC822.TEXT)")
        self.assertEqual(r.fetches()[1][b"RFC822.TEXT"], text_part)
        self.assertIn("\\Seen", imap.flags_of(c.ok("FETCH 1 FLAGS").fetches()[1]), "RFC822.TEXT sets \\Seen")
        self.assertEqual(c.ok("FETCH 1 RFC822").fetches()[1][b"RFC822"], multipart)

        # The macros (6.4.5).
        for macro, expected in (("FAST", {b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE"}),
                                ("ALL", {b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE", b"ENVELOPE"}),
                                ("FULL", {b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE", b"ENVELOPE", b"BODY"})):
            with self.subTest(macro=macro):
                self.assertLessEqual(expected, set(c.ok("FETCH 1 " + macro).fetches()[1]))
        for bad in ("FETCH 1 (BOGUS)", "FETCH 1 BODY[", "FETCH 0 FLAGS", "FETCH 1 BODY[HEADER.FIELDS ()]"):
            with self.subTest(bad=bad):
                self.assertEqual(c.command(bad).status, b"BAD")
        self.assertNotEqual(c.command("FETCH 5 FLAGS").status, b"OK", "no message 5")
        r = c.ok("UID FETCH 999999 FLAGS")
        self.assertEqual(r.of("FETCH"), [], "a UID set without messages is not an error")

    def test_body_sets_seen_and_peek_does_not(self):
        address = self.new_mailbox([imap.message("peek %d" % i, [b"x"]) for i in range(3)])
        c = self.logged_in(address, select="INBOX")
        c.ok("FETCH 1 BODY.PEEK[]")
        c.ok("FETCH 1 BODY.PEEK[HEADER]")
        self.assertNotIn("\\Seen", imap.flags_of(c.ok("FETCH 1 FLAGS").fetches()[1]))
        r = c.ok("FETCH 2 BODY[]")
        # The implicit \Seen SHOULD be reported in the same FETCH response (6.4.5).
        self.assertIn(b"FLAGS", r.fetches()[2], r)
        self.assertIn("\\Seen", imap.flags_of(r.fetches()[2]))
        c.ok("FETCH 3 BODY[HEADER]")
        seen = c.ok("FETCH 1:3 FLAGS").fetches()
        self.assertEqual(["\\Seen" in imap.flags_of(seen[n]) for n in (1, 2, 3)], [False, True, True])
        flags = [f for f, _ in self.export(address)]
        self.assertEqual(sorted("S" in f for f in flags), [False, True, True])


class Store(imap.ImapTestCase):
    def test_store_forms(self):
        address = self.new_mailbox([imap.message("store %d" % i, [b"x"]) for i in range(3)])
        c = self.logged_in(address, select="INBOX")
        r = c.ok("STORE 1 +FLAGS (\\Flagged)")
        self.assertEqual(visible(imap.flags_of(r.fetches()[1])), {"\\Flagged"})
        r = c.ok("STORE 1 +FLAGS.SILENT (\\Answered)")
        self.assertEqual(r.of("FETCH"), [], "SILENT: no FETCH response (6.4.6)")
        r = c.ok("STORE 1 FLAGS ($Label1 \\Seen)")
        self.assertEqual(visible(imap.flags_of(r.fetches()[1])), {"$Label1", "\\Seen"})
        r = c.ok("STORE 1 -FLAGS ($Label1)")
        self.assertEqual(visible(imap.flags_of(r.fetches()[1])), {"\\Seen"})
        r = c.ok("STORE 2:3 +FLAGS (\\Draft \\Answered)")
        self.assertEqual(sorted(r.fetches()), [2, 3])
        c.ok("STORE 1:* -FLAGS.SILENT (\\Answered)")
        c.ok("STORE 3 FLAGS.SILENT ()")
        fetched = c.ok("FETCH 1:3 FLAGS").fetches()
        self.assertEqual([visible(imap.flags_of(fetched[n])) for n in (1, 2, 3)],
                         [{"\\Seen"}, {"\\Draft"}, set()])
        # The keyword is now known to the mailbox: FLAGS lists it for the next SELECT.
        c.ok("STORE 3 +FLAGS.SILENT ($Work)")
        reselected = c.ok("SELECT INBOX")
        (flags,) = reselected.of("FLAGS")
        self.assertIn(b"$Work", flags.words()[1])
        for bad in ("STORE 1 FROB (\\Seen)", "STORE 1 +FLAGS (\\Seen"):
            with self.subTest(bad=bad):
                self.assertEqual(c.command(bad).status, b"BAD")
        # A system flag RFC 3501 does not define (a syntactically valid flag-extension).
        self.assertIn(c.command("STORE 1 +FLAGS (\\Bogus)").status, (b"BAD", b"NO"))
        self.assertNotEqual(c.command("STORE 9 +FLAGS (\\Seen)").status, b"OK")
        # The flags are stored: another session and the export see them.
        other = self.logged_in(address, select="INBOX")
        fetched = other.ok("FETCH 1:3 FLAGS").fetches()
        self.assertEqual([visible(imap.flags_of(fetched[n])) for n in (1, 2, 3)],
                         [{"\\Seen"}, {"\\Draft"}, {"$Work"}])


class Search(imap.ImapTestCase):
    def fill(self):
        big_body = b"\r\n".join(b"filler line %04d of a long reply" % i for i in range(200)) + b"\r\npineapple"
        messages = [
            (mail(b"Alice <alice@example.org>", b"bob@example.test", b"Invoice 2024-03",
                  b"Please pay the pineapple invoice.", b"Fri, 01 Mar 2024 09:00:00 +0000"), "S",
             utc(2024, 3, 1, 12)),
            (mail(b"Carol <carol@example.org>", b"dave@example.test", b"Lunch?", b"Sushi at noon.",
                  b"Sun, 10 Mar 2024 09:00:00 +0000", [b"Cc: erin@example.test", b"X-Priority: 1"]), "FR",
             utc(2024, 3, 10, 12)),
            (mail(b"alice@example.org", b"bob@example.test", b"Re: Invoice 2024-03", big_body,
                  b"Wed, 20 Mar 2024 09:00:00 +0000"), "", utc(2024, 3, 20, 12)),
            (imap.to_crlf(imap.japanese_message()).replace(b"Mon, 04 Mar 2024", b"Mon, 25 Mar 2024"), "D",
             utc(2024, 3, 25, 12)),
        ]
        return self.new_mailbox(messages)

    def test_search_keys(self):
        address = self.fill()
        c = self.logged_in(address, select="INBOX")
        uids = uids_of(c.ok("FETCH 1:* UID"))
        c.ok("STORE 3 +FLAGS.SILENT ($Work)")
        cases = [
            ("ALL", [1, 2, 3, 4]), ("SEEN", [1]), ("UNSEEN", [2, 3, 4]), ("FLAGGED", [2]), ("UNFLAGGED", [1, 3, 4]),
            ("ANSWERED", [2]), ("UNANSWERED", [1, 3, 4]), ("DRAFT", [4]), ("UNDRAFT", [1, 2, 3]), ("DELETED", []),
            ("UNDELETED", [1, 2, 3, 4]), ("KEYWORD $Work", [3]), ("UNKEYWORD $Work", [1, 2, 4]),
            ('FROM "alice"', [1, 3]), ("FROM ALICE", [1, 3]), ('FROM "example.org"', [1, 2, 3]),
            ('TO "bob"', [1, 3]), ("CC erin", [2]), ("BCC erin", []), ('SUBJECT "invoice"', [1, 3]),
            ('SUBJECT "re: invoice"', [3]), ("BODY pineapple", [1, 3]), ("BODY PINEAPPLE", [1, 3]),
            ("TEXT sushi", [2]), ("TEXT carol", [2]), ("BODY carol", []), ('HEADER X-Priority "1"', [2]),
            ('HEADER X-Priority ""', [2]), ('HEADER "Message-ID" ""', [1, 2, 3, 4]),
            ("LARGER 4000", [3]), ("SMALLER 4000", [1, 2, 4]),
            ("BEFORE 10-Mar-2024", [1]), ("ON 10-Mar-2024", [2]), ("SINCE 20-Mar-2024", [3, 4]),
            ("SENTBEFORE 10-Mar-2024", [1]), ("SENTON 10-Mar-2024", [2]), ("SENTSINCE 20-Mar-2024", [3, 4]),
            ("OR FROM carol DRAFT", [2, 4]), ("NOT FROM alice", [2, 4]), ("(FROM alice SEEN)", [1]),
            ("FROM alice SEEN", [1]), ("OR (FROM alice UNSEEN) FLAGGED", [2, 3]), ("NOT (OR SEEN FLAGGED)", [3, 4]),
            ("2:3", [2, 3]), ("2:3 SEEN", []), ("*", [4]), ("3:*", [3, 4]), ("1,4", [1, 4]),
            ("UID %d:*" % uids[1], [2, 3, 4]), ("UID %d" % uids[2], [3]), ("UID %d,%d" % (uids[0], uids[3]), [1, 4]),
            ("ALL UNDELETED", [1, 2, 3, 4]),
        ]
        for key, expected in cases:
            with self.subTest(key=key):
                self.assertEqual(sorted(c.ok("SEARCH " + key).search()), expected)
        # UID SEARCH answers UIDs.
        self.assertEqual(sorted(c.ok('UID SEARCH SUBJECT "invoice"').search()), [uids[0], uids[2]])
        self.assertEqual(sorted(c.ok("UID SEARCH 2:3").search()), [uids[1], uids[2]])
        self.assertEqual(sorted(c.ok("UID SEARCH UID %d:*" % (uids[3] + 1000)).search()), [uids[3]],
                         "n:* with n past the last UID still includes the last message (6.4.8)")
        for bad in ("SEARCH FROB", "SEARCH FROM", "SEARCH (SEEN", "SEARCH BEFORE 2024-03-10", "SEARCH LARGER x"):
            with self.subTest(bad=bad):
                self.assertEqual(c.command(bad).status, b"BAD")

    def test_search_charset_utf8_japanese(self):
        address = self.fill()
        c = self.logged_in(address, select="INBOX")
        cases = [
            (("SEARCH CHARSET UTF-8 SUBJECT ", Literal("週次会議".encode())), [4]),
            (("SEARCH CHARSET UTF-8 BODY ", Literal("東京オフィス".encode())), [4]),
            (("SEARCH CHARSET UTF-8 TEXT ", Literal("議事録".encode())), [4]),
            (("SEARCH CHARSET UTF-8 SUBJECT ", Literal("大阪".encode())), []),
            (("SEARCH CHARSET UTF-8 BODY ", Literal("pineapple".encode())), [1, 3]),
            (("SEARCH CHARSET US-ASCII SUBJECT lunch",), [2]),
            (("SEARCH CHARSET UTF-8 ", quote("週次"), " OR SEEN FLAGGED"), None),  # not a key: BAD
        ]
        for parts, expected in cases:
            with self.subTest(parts=parts[0]):
                if expected is None:
                    self.assertEqual(c.command(*parts).status, b"BAD")
                else:
                    self.assertEqual(sorted(c.ok(*parts).search()), expected)
        # A quoted UTF-8 string works too (RFC 3501 allows 8-bit only in literals, but
        # clients send it; accepting it or answering BAD are both allowed).
        r = c.command("SEARCH CHARSET UTF-8 SUBJECT ", quote("週次"))
        if r.status == b"OK":
            self.assertEqual(r.search(), [4])
        else:
            self.assertEqual(r.status, b"BAD")
        r = c.command("SEARCH CHARSET KOI8-X ALL")
        self.assertEqual(r.status, b"NO", "an unknown charset is NO, not BAD (6.4.4)")
        self.assertTrue(r.code is None or r.code.upper().startswith(b"BADCHARSET"), r)


class CopyMove(imap.ImapTestCase):
    def test_copy_and_move_with_copyuid(self):
        address = self.new_mailbox([(imap.message("cm 0", [b"x0"]), "S")]
                                   + [imap.message("cm %d" % i, [b"x%d" % i]) for i in range(1, 4)])
        c = self.logged_in(address, select="INBOX")
        uids = uids_of(c.ok("FETCH 1:* UID"))
        c.ok("CREATE Keep")
        r = c.ok("COPY 1:2 Keep")
        name, validity, sources, targets = r.code.split()
        self.assertEqual(name.upper(), b"COPYUID")
        self.assertEqual(expand(sources), uids[:2])
        keep_validity = int(validity)
        copied = expand(targets)
        self.assertEqual(len(copied), 2)
        self.assertEqual(r.of("EXPUNGE"), [], "COPY leaves the source alone")

        self.assertStatus(c.command("COPY 1 Missing"), b"NO", "TRYCREATE")
        self.assertStatus(c.command("MOVE 1 Missing"), b"NO", "TRYCREATE")

        # MOVE (RFC 6851): COPYUID in an untagged OK before the EXPUNGEs.
        r = c.ok("MOVE 3 Keep")
        kinds = [(x.status or x.kind()) for x in r.untagged]
        self.assertIn("EXPUNGE", kinds, r)
        ok_copyuid = [x for x in r.untagged if x.status == b"OK" and x.code and x.code.upper().startswith(b"COPYUID")]
        self.assertEqual(len(ok_copyuid), 1, r)
        self.assertLess(r.untagged.index(ok_copyuid[0]), kinds.index("EXPUNGE"))
        self.assertEqual(expand(ok_copyuid[0].code.split()[2]), [uids[2]])
        self.assertEqual([x.number() for x in r.of("EXPUNGE")], [3])

        r = c.ok("UID MOVE %d Keep" % uids[3])
        self.assertEqual([x.number() for x in r.of("EXPUNGE")], [3])
        self.assertEqual(uids_of(c.ok("FETCH 1:* UID")), uids[:2])

        keep = c.ok("SELECT Keep")
        self.assertEqual(int(keep.codes()["UIDVALIDITY"]), keep_validity)
        fetched = c.ok("FETCH 1:* (UID FLAGS BODY.PEEK[])").fetches()
        self.assertEqual(len(fetched), 4)
        self.assertEqual([int(fetched[n][b"UID"]) for n in (1, 2)], copied)
        self.assertEqual(visible(imap.flags_of(fetched[1])), {"\\Seen"}, "COPY keeps the flags")
        self.assertEqual([imap.message_id(fetched[n][b"BODY[]"]) for n in (1, 2, 3, 4)],
                         [imap.message_id(imap.message("cm %d" % i, [b"x%d" % i])) for i in range(4)])
        r = c.ok("UID COPY %s INBOX" % fetched[4][b"UID"].decode())
        self.assertEqual(r.code.split()[0].upper(), b"COPYUID")
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 3)


def expand(uid_set):
    """[int] of a UID set such as b"4:6,9"."""
    out = []
    for part in uid_set.split(b","):
        if b":" in part:
            a, b = (int(x) for x in part.split(b":"))
            out += list(range(min(a, b), max(a, b) + 1))
        else:
            out.append(int(part))
    return out


class Expunge(imap.ImapTestCase):
    def test_expunge_uid_expunge_close_unselect(self):
        address = self.new_mailbox([imap.message("ex %d" % i, [b"x"]) for i in range(6)])
        c = self.logged_in(address, select="INBOX")
        uids = uids_of(c.ok("FETCH 1:* UID"))
        c.ok("STORE 2,3,5 +FLAGS.SILENT (\\Deleted)")
        c.ok("CHECK")
        r = c.ok("EXPUNGE")
        remaining = list(uids)
        for x in r.of("EXPUNGE"):
            del remaining[x.number() - 1]  # each EXPUNGE renumbers the ones after it (7.4.1)
        self.assertEqual(remaining, [uids[0], uids[3], uids[5]])
        self.assertEqual(uids_of(c.ok("FETCH 1:* UID")), remaining)

        # UID EXPUNGE (RFC 4315) removes only the named \Deleted messages.
        c.ok("STORE 1:2 +FLAGS.SILENT (\\Deleted)")
        r = c.ok("UID EXPUNGE %d:%d" % (uids[3], uids[5]))
        self.assertEqual([x.number() for x in r.of("EXPUNGE")], [2])
        self.assertEqual(uids_of(c.ok("FETCH 1:* UID")), [uids[0], uids[5]])

        # UNSELECT leaves \Deleted messages; CLOSE expunges them without EXPUNGE responses.
        c.ok("UNSELECT")
        self.assertEqual(c.command("FETCH 1 FLAGS").status, b"BAD")
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 2)
        c.ok("SELECT INBOX")
        r = c.ok("CLOSE")
        self.assertEqual(r.of("EXPUNGE"), [])
        self.assertEqual(c.command("FETCH 1 FLAGS").status, b"BAD")
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 1)
        # CLOSE on a read-only mailbox does not expunge.
        c.ok("SELECT INBOX")
        c.ok("STORE 1 +FLAGS.SILENT (\\Deleted)")
        c.ok("EXAMINE INBOX")
        c.ok("CLOSE")
        self.assertEqual(status_of(c.ok("STATUS INBOX (MESSAGES)"))["MESSAGES"], 1)
        self.assertEqual([f for f, _ in self.export(address)], ["T"])


class Extensions(imap.ImapTestCase):
    def test_namespace_and_id(self):
        address = self.new_mailbox()
        c = self.connect()
        r = c.ok('ID ("name" "tegami-tests" "version" "1")')  # RFC 2971: in any state
        (line,) = r.of("ID")
        values = line.words()[1]
        self.assertTrue(values is None or isinstance(values, list), line)
        self.assertEqual(c.login(address).status, b"OK")
        c.ok("ID NIL")
        (line,) = c.ok("NAMESPACE").of("NAMESPACE")
        personal, other, shared = line.words()[1:4]
        self.assertEqual(personal[0][:2], [b"", b"/"], line)
        self.assertTrue(other is None or isinstance(other, list))
        self.assertTrue(shared is None or isinstance(shared, list))

    def test_enable_condstore(self):
        address = self.new_mailbox([imap.message("cs %d" % i, [b"x"]) for i in range(3)])
        c = self.connect()
        self.assertIn(c.command("ENABLE CONDSTORE").status, (b"BAD", b"NO"), "ENABLE needs a login (RFC 5161)")
        self.assertEqual(c.login(address).status, b"OK")
        r = c.ok("ENABLE CONDSTORE")
        (enabled,) = r.of("ENABLED")
        self.assertIn(b"CONDSTORE", enabled.raw.upper())
        selected = c.ok("SELECT INBOX")
        highest = int(selected.codes()["HIGHESTMODSEQ"])
        fetched = c.ok("FETCH 1:3 (FLAGS)").fetches()
        for n in (1, 2, 3):
            self.assertIn(b"MODSEQ", fetched[n], "MODSEQ with FLAGS once CONDSTORE is on (RFC 7162 3.1.4)")
            self.assertLessEqual(int(fetched[n][b"MODSEQ"][0]), highest)

        r = c.ok("STORE 2 +FLAGS (\\Flagged)")
        modseq = int(r.fetches()[2][b"MODSEQ"][0])
        self.assertGreater(modseq, highest)
        changed = c.ok("FETCH 1:3 (FLAGS) (CHANGEDSINCE %d)" % highest).fetches()
        self.assertEqual(sorted(changed), [2])
        # UNCHANGEDSINCE older than the message's modseq: not stored, MODIFIED names it.
        r = c.ok("STORE 2 (UNCHANGEDSINCE %d) -FLAGS (\\Flagged)" % (modseq - 1))
        self.assertEqual(r.code.split()[0].upper(), b"MODIFIED", r)
        self.assertEqual(expand(r.code.split()[1]), [2])
        self.assertIn("\\Flagged", imap.flags_of(c.ok("FETCH 2 FLAGS").fetches()[2]))
        r = c.ok("STORE 2 (UNCHANGEDSINCE %d) -FLAGS (\\Flagged)" % modseq)
        self.assertNotIn("\\Flagged", imap.flags_of(r.fetches()[2]))
        self.assertEqual(sorted(c.ok("SEARCH MODSEQ %d" % (modseq + 1)).search()), [2])
        status = status_of(c.ok("STATUS INBOX (HIGHESTMODSEQ)"))
        self.assertGreater(status["HIGHESTMODSEQ"], modseq)

    def test_getquotaroot(self):
        imported = [imap.to_crlf(imap.message("quota %d" % i, [b"x" * 3000])) for i in range(3)]
        address = self.new_mailbox()
        self.assertCtlOk(self.service.ctl("user", "set", address, "--quota", "10M"))
        self.import_messages(address, imported)
        c = self.logged_in(address)
        r = c.ok("GETQUOTAROOT INBOX")
        (root_line,) = r.of("QUOTAROOT")
        words = root_line.words()
        self.assertEqual(words[1], b"INBOX")
        self.assertEqual(len(words), 3, "one quota root: %r" % root_line)
        root = words[2]
        (quota,) = r.of("QUOTA")
        self.assertEqual(quota.words()[1], root)
        resources = quota.words()[2]
        usage = {resources[i].upper(): (int(resources[i + 1]), int(resources[i + 2]))
                 for i in range(0, len(resources), 3)}
        used, limit = usage[b"STORAGE"]
        self.assertEqual(limit, 10 * 1024, "STORAGE is in units of 1024 octets (RFC 9208 5.1)")
        self.assertIn(used, range(sum(len(m) for m in imported) // 1024, sum(len(m) for m in imported) // 1024 + 2))
        r = c.ok("GETQUOTA ", quote(root))
        self.assertEqual(len(r.of("QUOTA")), 1)
        self.assertEqual(c.command("GETQUOTAROOT Missing").status, b"NO")


if __name__ == "__main__":
    h.main()
