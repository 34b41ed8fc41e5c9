"""The maildrop through the wire: when DELE takes effect, the IN-USE lock, UIDL stability
across sessions and restarts, the per-account POP policy, STLS injection, the command
size limit and the idle timeout. Seen from outside: other POP3 sessions, `tegamictl user
list` (message counts over all folders) and `tegamictl mail export` (folders and flags).
"""
import time
import unittest

import tegami_harness as h
import test_pop3_support as pop


def messages(tag, count):
    return [pop.message("%s %d" % (tag, i), [b"This is message %d of %s." % (i, tag.encode())]) for i in range(count)]


class Maildrop(pop.Pop3TestCase):
    def numbers_by_id(self, client):
        """{Message-ID: message number} of a logged-in session, by retrieving each message."""
        return {pop.message_id(client.retr(n)): n for n in client.listing("LIST")}

    def test_dele_then_dropped_connection_removes_nothing(self):
        address = self.new_mailbox(messages("drop", 3))
        client = self.logged_in(address)
        uids = client.listing("UIDL")
        self.assertOk(client.command("DELE 1"))
        self.assertOk(client.command("DELE 3"))
        self.assertEqual(client.command("STAT").split()[1], b"1")
        client.drop()
        self.session_events(client.remote)  # the server has seen the connection end
        self.assertEqual(self.message_count(address), 3)
        again = self.logged_in(address)
        self.assertEqual(again.listing("UIDL"), uids)
        self.assertOk(again.quit())
        self.assertEqual(self.message_count(address), 3)

    def test_dele_then_rset_keeps_everything(self):
        address = self.new_mailbox(messages("rset", 3))
        client = self.logged_in(address)
        sizes = client.listing("LIST")
        self.assertOk(client.command("DELE 2"))
        self.assertEqual(set(client.listing("LIST")), {1, 3})
        self.assertOk(client.command("RSET"))
        self.assertEqual(client.listing("LIST"), sizes)
        self.assertOk(client.quit())
        self.assertEqual(self.message_count(address), 3)

    def test_dele_then_quit_removes_the_message_for_everyone(self):
        imported = messages("quit", 3)
        address = self.new_mailbox(imported)
        client = self.logged_in(address)
        numbers = self.numbers_by_id(client)
        uids = client.listing("UIDL")
        victim = numbers[pop.message_id(imported[1])]
        self.assertOk(client.command("DELE %d" % victim))
        self.assertOk(client.quit())
        # Removed from the store, not moved to another folder (Trash, Archive).
        self.assertEqual(self.message_count(address), 2)
        inbox = self.export(address)
        self.assertEqual(sorted(m for _, m in inbox), sorted([imported[0], imported[2]]))
        again = self.logged_in(address)
        remaining = set(again.listing("UIDL").values())
        self.assertEqual(remaining, set(uids.values()) - {uids[victim]})

    def test_a_second_session_is_in_use_until_the_first_ends_or_dies(self):
        address = self.new_mailbox(messages("lock", 2))
        first = self.logged_in(address)
        self.assertOk(first.command("DELE 1"))
        # Another session, on the other listener, with the right password.
        second = self.connect(starttls=True)
        self.assertErr(second.login(address), "IN-USE")
        second.close()  # RFC 1939: the server may close the connection after refusing the lock
        # The first session is unaffected.
        self.assertEqual(first.command("STAT").split()[1], b"1")

        # It dies (no QUIT): the lock goes with it, and its DELE with it.
        first.drop()
        self.session_events(first.remote)
        third = h.wait_until(lambda: self.try_login(address), timeout=10, what="a login after the holder died")
        self.assertEqual(third.command("STAT").split()[1], b"2")
        fourth = self.connect()
        self.assertErr(fourth.login(address), "IN-USE")
        fourth.close()
        # It ends with QUIT: free at once.
        self.assertOk(third.quit())
        fifth = self.logged_in(address)
        self.assertOk(fifth.quit())

    def try_login(self, address):
        client = self.connect()
        reply = client.login(address)
        if reply.startswith(b"+OK"):
            return client
        self.assertErr(reply, "IN-USE")
        client.close()
        return None

    def test_uidl_is_stable_across_sessions_and_restarts(self):
        imported = messages("uidl", 3)
        address = self.new_mailbox(imported)
        client = self.logged_in(address)
        by_uid = {uid: pop.message_id(client.retr(n)) for n, uid in client.listing("UIDL").items()}
        self.assertEqual(len(by_uid), 3)
        self.assertOk(client.quit())

        def current():
            c = self.logged_in(address)
            seen = {uid: pop.message_id(c.retr(n)) for n, uid in c.listing("UIDL").items()}
            self.assertOk(c.quit())
            return seen

        self.assertEqual(current(), by_uid)
        self.service.stop()
        self.service.start()
        h.wait_until(lambda: not h.connection_refused(self.pop3.implicit), timeout=10,
                     what="the POP3 listener after the restart")
        self.assertEqual(current(), by_uid)

        # Deleting one changes no other UID, and a new message never reuses the deleted one's.
        deleted_uid = next(u for u, ident in by_uid.items() if ident == pop.message_id(imported[0]))
        client = self.logged_in(address)
        number = {u: n for n, u in client.listing("UIDL").items()}[deleted_uid]
        self.assertOk(client.command("DELE %d" % number))
        self.assertOk(client.quit())
        newer = pop.message("uidl new", [b"later"])
        self.import_messages(address, [newer])
        after = current()
        del by_uid[deleted_uid]
        self.assertEqual({u: i for u, i in after.items() if i != pop.message_id(newer)}, by_uid)
        new_uid = next(u for u, i in after.items() if i == pop.message_id(newer))
        self.assertNotEqual(new_uid, deleted_uid)
        self.assertNotIn(new_uid, by_uid)


class Policy(pop.Pop3TestCase):
    def visible(self, address):
        """{Message-ID: message number} that a POP3 session sees."""
        client = self.logged_in(address)
        seen = {}
        for number in client.listing("LIST"):
            status, head = client.multiline("TOP %d 0" % number)
            self.assertOk(status)
            seen[pop.message_id(head)] = number
        self.assertOk(client.quit())
        return seen

    def test_scope_new_hides_mail_from_before_the_change(self):
        old = messages("scope old", 2)
        # Internal dates a month back, as mail that was there long before.
        address = self.new_mailbox(old, first_mtime=time.time() - 30 * 86400)
        self.assertEqual(set(self.visible(address)), {pop.message_id(m) for m in old})
        self.assertCtlOk(self.service.ctl("user", "set", address, "--pop-scope", "new"))
        self.assertEqual(self.mailbox(address)["pop"]["scope"], "new")
        self.assertEqual(self.visible(address), {})
        time.sleep(1.1)  # "from now on": a whole second later, whatever precision the store keeps
        newer = [pop.message("scope new", [b"arrived after the change"])]
        self.import_messages(address, newer)
        self.assertEqual(set(self.visible(address)), {pop.message_id(newer[0])})
        client = self.logged_in(address)
        self.assertEqual(client.command("STAT").split()[1], b"1")
        self.assertEqual(client.retr(1), newer[0])
        self.assertOk(client.quit())

        self.assertCtlOk(self.service.ctl("user", "set", address, "--pop-scope", "all"))
        self.assertEqual(set(self.visible(address)), {pop.message_id(m) for m in old + newer})
        self.assertEqual(self.message_count(address), 3)

    def retrieve_one(self, address, wanted, quit=True):
        """RETR of one message (found with TOP, which is not a retrieval), then QUIT or a drop."""
        client = self.logged_in(address)
        number = None
        for n in client.listing("LIST"):
            status, head = client.multiline("TOP %d 0" % n)
            if pop.message_id(head) == pop.message_id(wanted):
                number = n
        self.assertIsNotNone(number)
        self.assertEqual(client.retr(number), wanted)
        if quit:
            self.assertOk(client.quit())
        else:
            client.drop()
            self.session_events(client.remote)

    def test_after_retrieval_keep_read_archive_delete(self):
        for after in ("keep", "read", "archive", "delete"):
            with self.subTest(after=after):
                imported = messages("after " + after, 2)
                wanted, other = imported
                address = self.new_mailbox(imported)
                self.assertCtlOk(self.service.ctl("user", "set", address, "--pop-after", after))
                self.assertEqual(self.mailbox(address)["pop"]["afterRetrieval"], after)

                # A dropped connection moves and removes nothing, whatever the policy.
                self.retrieve_one(address, wanted, quit=False)
                self.assertEqual(self.message_count(address), 2)
                self.assertEqual(sorted(m for _, m in self.export(address)), sorted([wanted, other]))

                self.retrieve_one(address, wanted)
                inbox = {pop.message_id(m): (flags, m) for flags, m in self.export(address)}
                archive = {pop.message_id(m): (flags, m) for flags, m in self.export(address, "Archive")}
                # The message that was not retrieved is untouched in every mode.
                self.assertEqual(inbox.get(pop.message_id(other)), ("", other))
                self.assertNotIn(pop.message_id(other), archive)
                seen = self.visible(address)
                if after == "keep":
                    self.assertEqual(inbox.get(pop.message_id(wanted)), ("", wanted))
                    self.assertEqual(self.message_count(address), 2)
                    self.assertEqual(len(seen), 2)
                elif after == "read":
                    flags, data = inbox[pop.message_id(wanted)]
                    self.assertEqual((flags, data), ("S", wanted))
                    self.assertEqual(self.message_count(address), 2)
                    self.assertEqual(len(seen), 2)  # the maildrop is the INBOX
                elif after == "archive":
                    self.assertNotIn(pop.message_id(wanted), inbox)
                    self.assertEqual(archive.get(pop.message_id(wanted), (None, None))[1], wanted)
                    self.assertEqual(self.message_count(address), 2)
                    self.assertEqual(set(seen), {pop.message_id(other)})
                else:
                    self.assertNotIn(pop.message_id(wanted), inbox)
                    self.assertNotIn(pop.message_id(wanted), archive)
                    self.assertEqual(self.message_count(address), 1, "deleted mail is gone from every folder")
                    self.assertEqual(set(seen), {pop.message_id(other)})


class Wire(pop.Pop3TestCase):
    def test_commands_pipelined_after_stls_are_discarded(self):
        address = self.new_mailbox(messages("inject", 1))
        client = pop.Pop3(self.pop3.plain)
        self.addCleanup(client.close)
        # One write: a man in the middle could append commands to the client's STLS.
        client.send(b"STLS\r\nCAPA\r\nUSER " + address.encode() + b"\r\n")
        self.assertOk(client.line())
        self.assertEqual(client.unread(0.5), b"", "the server answered in plain text what came after STLS")
        client.sock = self.tls.wrap_socket(client.sock)
        # Over TLS the only answer is the one to this QUIT, none to the injected commands.
        reply = client.command("QUIT")
        client.wait_closed()
        self.assertOk(reply)
        self.assertEqual(client.unread(0), b"", "answers to commands injected before the handshake")

    def test_overlong_command_is_refused(self):
        address = self.new_mailbox(messages("long", 1))
        client = self.logged_in(address)
        # pop3.maxCommandSize is 512 bytes by default: the line is refused, not executed.
        with pop.Pop3(self.pop3.implicit, tls=self.tls) as fresh:
            self.assertOk(fresh.command("USER " + "a" * 505))  # 512 bytes with the CRLF
        reply = client.command("DELE 1 " + "9" * 600)
        self.assertErr(reply)
        with pop.Pop3(self.pop3.implicit, tls=self.tls) as fresh:
            self.assertErr(fresh.command("USER " + "a" * 600 + "@" + pop.DOMAIN))
        self.assertEqual(self.message_count(address), 1)
        # The limit comes from the settings.
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.maxCommandSize", "100"))
        self.addCleanup(self.service.ctl, "config", "set", "pop3.maxCommandSize", "512")
        with pop.Pop3(self.pop3.implicit, tls=self.tls) as fresh:
            self.assertErr(fresh.command("USER " + "a" * 150))

    def test_idle_connections_are_closed_after_the_timeout_from_the_settings(self):
        address = self.new_mailbox(messages("idle", 1))
        # 10 s is the smallest pre-login timeout the settings take; after login
        # pop3.authenticatedTimeoutSecs applies (30 min by default).
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.timeoutSecs", "10"))
        self.addCleanup(self.service.ctl, "config", "set", "pop3.timeoutSecs", "60")
        idle = self.connect()
        active = self.logged_in(address)
        started = time.monotonic()
        idle.wait_closed()
        waited = time.monotonic() - started
        self.assertGreater(waited, 8.5)
        self.assertLess(waited, 14)
        time.sleep(max(0.0, 11 - waited))
        self.assertEqual(active.command("STAT").split()[:2], [b"+OK", b"1"])
        self.assertOk(active.quit())


class LineEnds(pop.Pop3TestCase):
    # The store ends every message with a line end, so LIST, STAT and RETR agree even for
    # mail imported without one.
    def test_list_counts_what_retr_sends_for_a_message_without_a_final_line_end(self):
        unterminated = b"Subject: no line end\r\nMessage-ID: <eol@elsewhere.test>\r\n\r\nlast line without CRLF"
        address = self.new_mailbox([unterminated])
        client = self.logged_in(address)
        size = client.listing("LIST")[1]
        self.assertEqual(client.retr(1), unterminated + b"\r\n")
        self.assertEqual(size, len(unterminated) + 2)


if __name__ == "__main__":
    h.main()
