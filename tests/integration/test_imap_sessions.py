"""Several sessions on one mailbox, and IDLE.

RFC 3501 5.2 and 7.4.1: a session learns of changes made elsewhere through untagged
responses (EXISTS, FETCH FLAGS, EXPUNGE) at NOOP and other commands, but an EXPUNGE
never while a FETCH, STORE or SEARCH is answered (sequence numbers would shift under the
client); the sequence numbers and UIDs of both sessions agree afterwards.

RFC 2177 IDLE: a client waiting in IDLE is told of new mail at once. Mail that arrives
through `tegamictl mail import` and through SMTP submission must be announced within one
second; flag changes and expunges from another session arrive too; DONE ends it.
"""
import socket
import ssl
import time

import tegami_harness as h
import test_imap_support as imap
import test_smtp_support as smtp

NOTICE = 1.0  # the promise: new mail shows within a second
SLACK = 5.0  # for what has no promise of its own, on a loaded machine


def uids(client):
    return [int(items[b"UID"]) for _, items in sorted(client.ok("FETCH 1:* (UID)").fetches().items())]


def wait_for(client, predicate, timeout):
    """Reads responses until one satisfies predicate; returns (it, seconds waited, the
    responses before it)."""
    started = time.monotonic()
    seen = []
    while True:
        remaining = started + timeout - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no matching response within %.1f s; got %r" % (timeout, seen))
        try:
            r = client.read(remaining)
        except (socket.timeout, TimeoutError, ssl.SSLError):
            continue
        if predicate(r):
            return r, time.monotonic() - started, seen
        seen.append(r)


def exists(n):
    return lambda r: r.untagged and r.kind() == "EXISTS" and r.number() == n


class TwoSessions(imap.ImapTestCase):
    def two(self, count=3):
        address = self.new_mailbox([imap.message("two %d" % i, [b"x"]) for i in range(count)])
        return address, self.logged_in(address, select="INBOX"), self.logged_in(address, select="INBOX")

    def test_flag_changes_show_in_the_other_session(self):
        _, a, b = self.two()
        self.assertEqual(uids(a), uids(b))
        a.ok("STORE 2 +FLAGS (\\Flagged)")
        a.ok("STORE 3 +FLAGS.SILENT (\\Seen $Done)")  # SILENT spares only the session that stored
        seen = h.wait_until(lambda: b.ok("NOOP").fetches() or None, timeout=SLACK,
                            what="untagged FETCH in the other session")
        # Both changes may come in one NOOP or spread over two; collect until both are known.
        deadline = time.monotonic() + SLACK
        while not ({2, 3} <= set(seen)) and time.monotonic() < deadline:
            for number, items in b.ok("NOOP").fetches().items():
                seen.setdefault(number, {}).update(items)
        self.assertIn("\\Flagged", imap.flags_of(seen[2]))
        self.assertLessEqual({"\\Seen", "$Done"}, imap.flags_of(seen[3]))
        self.assertNotIn(1, seen, "message 1 did not change")
        flags = b.ok("FETCH 1:3 FLAGS").fetches()
        self.assertIn("\\Flagged", imap.flags_of(flags[2]))
        self.assertIn("$Done", imap.flags_of(flags[3]))

    def test_expunge_waits_for_a_command_that_may_renumber(self):
        _, a, b = self.two(4)
        before = uids(a)
        a.ok("STORE 2 +FLAGS.SILENT (\\Deleted)")
        self.assertEqual([x.number() for x in a.ok("EXPUNGE").of("EXPUNGE")], [2])
        self.assertEqual(uids(a), [before[0]] + before[2:])

        # RFC 3501 7.4.1: not during FETCH, STORE or SEARCH (numbers would shift mid-answer).
        for command in ("FETCH 1:* (FLAGS)", "STORE 3 +FLAGS (\\Answered)", "SEARCH ALL", "FETCH 4 (UID)"):
            with self.subTest(command=command):
                r = b.command(command)
                self.assertIn(r.status, (b"OK", b"NO"), r)
                self.assertEqual(r.of("EXPUNGE"), [], "EXPUNGE sent while answering %s" % command)
                if command == "SEARCH ALL":
                    self.assertLessEqual(set(r.search()), {1, 2, 3, 4})
        # Until told, b still numbers 4 messages: message 4 is the last one.
        r = b.command("FETCH 4 (UID)")
        if r.status == b"OK":
            self.assertEqual(int(r.fetches()[4][b"UID"]), before[3])

        r = b.ok("NOOP")
        self.assertEqual([x.number() for x in r.of("EXPUNGE")], [2])
        self.assertEqual(uids(b), uids(a))
        # The STORE b made on (its) message 3 landed on the right message.
        flags = a.ok("FETCH 1:* (UID FLAGS)").fetches()
        answered = [int(i[b"UID"]) for i in flags.values() if "\\Answered" in imap.flags_of(i)]
        self.assertEqual(answered, [before[2]])

    def test_new_mail_and_numbers_agree(self):
        address, a, b = self.two(2)
        self.import_messages(address, [imap.message("two new %d" % i, [b"y"]) for i in range(2)])
        for client in (a, b):
            announced = h.wait_until(lambda: [x.number() for x in client.ok("NOOP").of("EXISTS")], timeout=SLACK,
                                     what="EXISTS after new mail")
            self.assertEqual(announced[-1], 4)
        a.ok("STORE 1,3 +FLAGS.SILENT (\\Deleted)")
        a.ok("EXPUNGE")
        b.ok("NOOP")
        self.assertEqual(uids(a), uids(b))
        self.assertEqual(len(uids(b)), 2)
        # A third session that comes now sees the same.
        c = self.logged_in(address, select="INBOX")
        self.assertEqual(uids(c), uids(a))


class Idle(imap.ImapTestCase):
    with_submission = True

    def idling(self, address):
        c = self.logged_in(address, select="INBOX")
        tag = c.next_tag()
        c.send(tag + b" IDLE\r\n")
        r = c.read()
        self.assertTrue(r.continuation, r)
        return c, tag

    def done(self, c, tag, word=b"DONE"):
        c.send(word + b"\r\n")
        r = c.finish(tag)
        self.assertEqual(r.status, b"OK", r)
        return r

    def test_idle_sees_an_import_within_a_second(self):
        address = self.new_mailbox([imap.message("idle 1", [b"x"])])
        c, tag = self.idling(address)
        self.import_messages(address, [imap.message("idle 2", [b"y"])])
        _, waited, _ = wait_for(c, exists(2), NOTICE + SLACK)
        self.assertLessEqual(waited, NOTICE, "EXISTS came %.2f s after the import" % waited)
        self.done(c, tag)
        r = c.ok("FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        self.assertEqual(r.fetches()[2][b"BODY[HEADER.FIELDS (SUBJECT)]"], b"Subject: idle 2\r\n\r\n")

    def test_idle_sees_smtp_submission_within_a_second(self):
        address = self.new_mailbox([imap.message("idle smtp 1", [b"x"])])
        c, tag = self.idling(address)
        s = smtp.Smtp(self.imap.submission)
        self.addCleanup(s.close)
        self.assertEqual(s.ehlo().code, 250)
        self.assertEqual(s.starttls(self.tls).code, 220)
        self.assertEqual(s.ehlo().code, 250)
        self.assertEqual(s.login(address, imap.PASSWORD).code, 235)
        self.assertEqual(s.command("MAIL FROM:<%s>" % address).code, 250)
        self.assertEqual(s.command("RCPT TO:<%s>" % address).code, 250)
        self.assertEqual(s.command("DATA").code, 354)
        s.send(imap.message("idle smtp 2", [b"sent by submission"]) + b".\r\n")
        accepted = s.reply()
        self.assertEqual(accepted.code, 250, accepted)
        _, waited, _ = wait_for(c, exists(2), NOTICE + SLACK)
        self.assertLessEqual(waited, NOTICE, "EXISTS came %.2f s after the 250 to DATA" % waited)
        self.done(c, tag, b"done")  # DONE is case-insensitive (RFC 2177 grammar)
        r = c.ok("FETCH 2 (BODY.PEEK[TEXT])")
        self.assertIn(b"sent by submission", r.fetches()[2][b"BODY[TEXT]"])
        s.command("QUIT")

    def test_idle_sees_flags_and_expunges_of_another_session(self):
        address = self.new_mailbox([imap.message("idle other %d" % i, [b"x"]) for i in range(3)])
        c, tag = self.idling(address)
        other = self.logged_in(address, select="INBOX")
        other.ok("STORE 3 +FLAGS (\\Flagged)")
        r, _, _ = wait_for(c, lambda r: r.untagged and r.kind() == "FETCH", SLACK)
        number, items = r.fetch()
        self.assertEqual(number, 3)
        self.assertIn("\\Flagged", imap.flags_of(items))
        other.ok("STORE 1 +FLAGS.SILENT (\\Deleted)")
        other.ok("EXPUNGE")
        r, _, _ = wait_for(c, lambda r: r.untagged and r.kind() == "EXPUNGE", SLACK)
        self.assertEqual(r.number(), 1)
        self.done(c, tag)
        self.assertEqual(uids(c), uids(other))

    def test_idle_can_be_repeated_and_ended_by_logout_of_the_client(self):
        address = self.new_mailbox([imap.message("idle again", [b"x"])])
        c, tag = self.idling(address)
        self.assertEqual(c.responses_within(0.5), [], "nothing happened, nothing to say")
        self.done(c, tag)
        c, tag = self.idling(address)
        self.done(c, tag)
        c.ok("NOOP")
        # A client that drops the connection while idling does not disturb the next one.
        dropped, _ = self.idling(address)
        dropped.close()
        c2, tag2 = self.idling(address)
        self.import_messages(address, [imap.message("idle again 2", [b"y"])])
        wait_for(c2, exists(2), NOTICE + SLACK)
        self.done(c2, tag2)


if __name__ == "__main__":
    h.main()
