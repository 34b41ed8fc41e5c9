"""Per-account IMAP options (Gmail's IMAP settings), set with
`tegamictl user set ADDRESS --imap-auto-expunge true|false --imap-delete trash|archive|delete`:

- auto-expunge on: a message flagged \\Deleted is expunged at once, without the client's
  EXPUNGE; the session that flagged it hears of it at its next command that may renumber
  (never within the STORE's own answer, RFC 3501 7.4.1).
- delete action: what an expunge does outside Trash: move the message to Trash, to
  Archive, or delete it for good (plain IMAP). An expunge in Trash always deletes.
"""
import unittest

import tegami_harness as h
import test_imap_support as imap

SLACK = 10.0


class Options(imap.ImapTestCase):
    @classmethod
    def setUpClass(cls):
        usage = h.run_ctl(["help"]).stdout
        if "--imap-auto-expunge" not in usage or "--imap-delete" not in usage:
            raise unittest.SkipTest("this tegamictl has no `user set --imap-auto-expunge/--imap-delete`")
        super().setUpClass()

    def mailbox_with(self, count, *options):
        address = self.new_mailbox([imap.message("opt %d %d" % (self.next_number(), i), [b"x%d" % i])
                                    for i in range(count)])
        if options:
            self.assertCtlOk(self.service.ctl("user", "set", address, *options))
        return address

    def ids(self, address, folder="INBOX"):
        return sorted(imap.message_id(data) for _, data in self.export(address, folder))

    def test_the_options_are_stored(self):
        address = self.mailbox_with(0, "--imap-auto-expunge", "true", "--imap-delete", "archive")
        users = {u["address"]: u for u in self.assertCtlOk(self.service.ctl("--json", "user", "list")).json()}
        self.assertEqual(users[address]["imap"], {"autoExpunge": True, "deleteAction": "archive"}, users[address])
        self.assertCtlFails(self.service.ctl("user", "set", address, "--imap-delete", "shred"))
        self.assertCtlFails(self.service.ctl("user", "set", address, "--imap-auto-expunge", "maybe"), h.EXIT_USAGE)

    def test_default_keeps_deleted_mail_until_expunge_and_then_deletes(self):
        address = self.mailbox_with(3)
        before = self.ids(address)
        c = self.logged_in(address, select="INBOX")
        deleted = c.ok("FETCH 2 (BODY.PEEK[])").fetches()[2][b"BODY[]"]
        r = c.ok("STORE 2 +FLAGS (\\Deleted)")
        self.assertIn("\\Deleted", imap.flags_of(r.fetches()[2]))
        self.assertEqual([x.number() for x in c.ok("NOOP").of("EXPUNGE")], [])
        self.assertEqual(len(self.ids(address)), 3)
        self.assertEqual([x.number() for x in c.ok("EXPUNGE").of("EXPUNGE")], [2])
        self.assertEqual(self.ids(address), sorted(set(before) - {imap.message_id(deleted)}))
        self.assertEqual(self.ids(address, "Trash"), [], "delete (the default) does not keep a copy")
        self.assertEqual(self.ids(address, "Archive"), [])

    def test_auto_expunge_removes_on_store(self):
        address = self.mailbox_with(3, "--imap-auto-expunge", "true", "--imap-delete", "delete")
        c = self.logged_in(address, select="INBOX")
        uids = [int(i[b"UID"]) for _, i in sorted(c.ok("FETCH 1:* UID").fetches().items())]
        r = c.ok("STORE 2 +FLAGS (\\Deleted)")
        self.assertEqual(r.of("EXPUNGE"), [], "no EXPUNGE within STORE's answer (RFC 3501 7.4.1)")
        h.wait_until(lambda: len(self.ids(address)) == 2, timeout=SLACK, what="the auto-expunge")
        self.assertEqual([x.number() for x in c.ok("NOOP").of("EXPUNGE")], [2])
        self.assertEqual([int(i[b"UID"]) for _, i in sorted(c.ok("FETCH 1:* UID").fetches().items())],
                         [uids[0], uids[2]])
        other = self.logged_in(address)
        self.assertEqual(other.ok("STATUS INBOX (MESSAGES)").of("STATUS")[0].words()[-1][1], b"2")
        self.assertEqual(self.ids(address, "Trash"), [])

    def test_auto_expunge_with_trash_moves_on_store(self):
        address = self.mailbox_with(2, "--imap-auto-expunge", "true", "--imap-delete", "trash")
        before = self.ids(address)
        c = self.logged_in(address, select="INBOX")
        subject = c.ok("FETCH 1 (BODY.PEEK[])").fetches()[1][b"BODY[]"]
        c.ok("STORE 1 +FLAGS (\\Deleted)")
        h.wait_until(lambda: len(self.ids(address)) == 1, timeout=SLACK, what="the auto-expunge")
        self.assertEqual(self.ids(address, "Trash"), [imap.message_id(subject)])
        self.assertEqual(sorted(self.ids(address) + self.ids(address, "Trash")), before)

    def test_delete_action_trash_and_archive(self):
        for action, folder in (("trash", "Trash"), ("archive", "Archive")):
            with self.subTest(action=action):
                address = self.mailbox_with(3, "--imap-delete", action)
                before = self.ids(address)
                c = self.logged_in(address, select="INBOX")
                gone = c.ok("FETCH 2:3 (BODY.PEEK[])").fetches()
                c.ok("STORE 2:3 +FLAGS.SILENT (\\Deleted)")
                self.assertEqual(len(c.ok("EXPUNGE").of("EXPUNGE")), 2)
                moved = sorted(imap.message_id(i[b"BODY[]"]) for i in gone.values())
                self.assertEqual(self.ids(address, folder), moved)
                self.assertEqual(sorted(self.ids(address) + moved), before)
                # The message in the other folder is the message, not a stub.
                exported = {imap.message_id(d): d for _, d in self.export(address, folder)}
                for items in gone.values():
                    self.assertEqual(exported[imap.message_id(items[b"BODY[]"])], items[b"BODY[]"])
                if folder == "Trash":
                    # An expunge in Trash deletes for good.
                    c.ok("SELECT Trash")
                    c.ok("STORE 1:* +FLAGS.SILENT (\\Deleted)")
                    c.ok("EXPUNGE")
                    self.assertEqual(self.ids(address, "Trash"), [])
                    self.assertEqual(self.ids(address, "Archive"), [])

    def test_delete_action_applies_to_other_folders_and_move_is_not_a_delete(self):
        address = self.mailbox_with(2, "--imap-delete", "trash")
        c = self.logged_in(address)
        c.ok("CREATE Work")
        c.ok("SELECT INBOX")
        c.ok("MOVE 1 Work")  # a MOVE is not a deletion: nothing lands in Trash
        self.assertEqual(self.ids(address, "Trash"), [])
        c.ok("SELECT Work")
        c.ok("STORE 1 +FLAGS.SILENT (\\Deleted)")
        c.ok("CLOSE")  # CLOSE expunges too
        self.assertEqual(len(self.ids(address, "Trash")), 1)
        self.assertEqual(self.ids(address, "Work"), [])


if __name__ == "__main__":
    h.main()
