"""Listeners through real sockets, and the protocol log they write (tail, filters, follow)."""

import socket
import unittest

import tegami_harness as h


def session_events(events, sid):
    return [e for e in events if e["sid"] == sid]


class Protocols(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()

    def listeners(self):
        return {l["id"]: l for l in self.assertCtlOk(self.service.ctl("--json", "listener", "list")).json()}

    def whole_session(self, remote):
        """The logged events of the session from remote, once it has ended."""
        def ended():
            events = self.log_events("--remote", remote)
            return events if events and events[-1]["dir"] == "-" else None
        return h.wait_until(ended, what="the end of the session from %s in the log" % remote)

    def test_enable_and_disable_each_protocol(self):
        ports = {}
        for protocol in h.PROTOCOLS:
            plain, implicit = h.free_port(), h.free_port()
            ports[protocol] = (plain, implicit)
            change = self.enable_protocol(protocol, plain, implicit)
            self.assertEqual((change["protocol"], change["enabled"], change["failedListeners"]), (protocol, True, []))
            states = {(l["port"], l["tls"], l["state"]) for l in change["listeners"]}
            self.assertEqual(states, {(plain, "starttls", "listening"), (implicit, "implicit", "listening")})
            self.assertGreets(protocol, plain)

            # A fresh data directory has no certificate: the implicit-TLS listener runs but
            # says why it cannot offer TLS, and closes connections without a word (plain
            # text would be garbage to a TLS client).
            listener = next(l for l in change["listeners"] if l["tls"] == "implicit")
            self.assertFalse(listener.get("tlsAvailable", False), listener)
            with h.Client(implicit) as client:
                self.assertEqual(client.read_until_closed(), b"")
                notes = [e["data"] for e in self.whole_session(client.remote) if e["dir"] == "*"]
            self.assertTrue(any("TLS cannot be offered" in n for n in notes), notes)
            if "tlsProblem" in listener:
                self.assertTrue(any(listener["tlsProblem"] in n for n in notes), (notes, listener))

        listeners = self.listeners()
        self.assertEqual(len(listeners), 2 * len(h.PROTOCOLS))
        for protocol, (plain, implicit) in ports.items():
            listener = listeners["%s/127.0.0.1:%d" % (protocol, plain)]
            self.assertEqual((listener["state"], listener["address"]), ("listening", "127.0.0.1"))
            self.assertEqual(listener["acceptedConnections"], 1, listener)
            self.assertEqual(listeners["%s/127.0.0.1:%d" % (protocol, implicit)]["tls"], "implicit")
        status = self.assertServiceAlive()
        self.assertTrue(all(status["protocols"][p]["enabled"] for p in h.PROTOCOLS), status["protocols"])
        text = self.assertCtlOk(self.service.ctl("status")).stdout
        self.assertIn("Enabled:        imap, pop3, smtp, submission", text)
        table = self.assertCtlOk(self.service.ctl("listener", "list")).stdout.splitlines()
        self.assertEqual(table[0].split(), ["PROTOCOL", "ADDRESS", "TLS", "STATE", "CONNECTIONS"])
        self.assertIn(["imap", "127.0.0.1:%d" % ports["imap"][0], "starttls", "listening", "0"],
                      [row.split() for row in table])

        for protocol, (plain, implicit) in ports.items():
            text = self.assertCtlOk(self.service.ctl("protocol", "disable", protocol)).stdout
            self.assertEqual(text, "%s is disabled.\n" % protocol)
            self.assertTrue(h.connection_refused(plain), "%s still accepts on %d" % (protocol, plain))
            self.assertTrue(h.connection_refused(implicit), "%s still accepts on %d" % (protocol, implicit))
        self.assertEqual(self.listeners(), {})
        # The bindings stay configured for the next enable.
        field = self.assertCtlOk(self.service.ctl("--json", "config", "get", "pop3.bindings")).json()
        self.assertEqual(field["value"], ["127.0.0.1:%d" % ports["pop3"][0]])

    def test_enable_prints_the_listeners(self):
        port = h.free_port()
        self.bind_protocol("imap", port)
        text = self.assertCtlOk(self.service.ctl("protocol", "enable", "imap")).stdout.splitlines()
        self.assertEqual(text[0], "imap is enabled.")
        self.assertEqual(text[2].split(), ["imap", "127.0.0.1:%d" % port, "starttls", "listening", "0"])

    def test_imap_session_and_its_log(self):
        port = h.free_port()
        self.enable_protocol("imap", port)
        tls = self.listeners()["imap/127.0.0.1:%d" % port].get("tlsAvailable", False)
        with h.Client(port) as client:
            greeting = client.read_line()
            self.assertTrue(greeting.startswith(b"* OK [CAPABILITY IMAP4rev1"), greeting)
            client.send(b"a1 CAPABILITY\r\n")
            capability = client.read_line()
            self.assertTrue(capability.startswith(b"* CAPABILITY IMAP4rev1"), capability)
            # STARTTLS is offered exactly when the listener says TLS is available.
            self.assertEqual(b"STARTTLS" in capability, tls, capability)
            self.assertEqual(client.read_line(), b"a1 OK CAPABILITY completed")
            client.send(b"a2 LOGOUT\r\n")
            self.assertTrue(client.read_line().startswith(b"* BYE "))
            self.assertEqual(client.read_line(), b"a2 OK LOGOUT completed")
            self.assertEqual(client.read_until_closed(), b"")
            remote = client.remote

        events = self.whole_session(remote)
        # Every line in wire order: the greeting, CAPABILITY and its two reply lines, LOGOUT and its two.
        self.assertEqual([e["dir"] for e in events], ["+", ">", "<", ">", ">", "<", ">", ">", "-"])
        self.assertEqual(len({e["sid"] for e in events}), 1)
        self.assertEqual([e["seq"] for e in events], list(range(1, 10)))
        for e in events:
            self.assertEqual((e["proto"], e["local"], e["remote"]), ("imap", "127.0.0.1:%d" % port, remote))
        self.assertEqual(events[1]["data"], greeting.decode())
        self.assertEqual([e["data"] for e in events if e["dir"] == "<"], ["a1 CAPABILITY", "a2 LOGOUT"])

    def test_connection_limit_refusal(self):
        port = h.free_port()
        self.enable_protocol("imap", port)
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnectionsPerAddress", "1"))
        with h.Client(port) as first:
            self.assertTrue(first.read_line().startswith(h.GREETING["imap"]))
            with h.Client(port) as second:
                refusal = second.read_until_closed()
                refused_remote = second.remote
            self.assertEqual(refusal,
                             h.REFUSAL["imap"] + b"too many connections from your address, try again later\r\n")
            listener = self.listeners()["imap/127.0.0.1:%d" % port]
            self.assertEqual((listener["activeConnections"], listener["refusedConnections"]), (1, 1))
            # The first session is unaffected.
            first.send(b"a1 NOOP\r\n")
            self.assertEqual(first.read_line(), b"a1 OK NOOP completed")
        events = self.whole_session(refused_remote)
        self.assertIn("refused: too many connections from your address, try again later",
                      [e["data"] for e in events if e["dir"] == "*"])
        # With the first one gone, there is room again.
        h.wait_until(lambda: self.listeners()["imap/127.0.0.1:%d" % port]["activeConnections"] == 0,
                     what="the first session to be counted out")
        self.assertGreets("imap", port)

    def test_sessions_outlive_their_listener(self):
        port = h.free_port()
        self.enable_protocol("pop3", port)
        with h.Client(port) as client:
            self.assertTrue(client.read_line().startswith(h.GREETING["pop3"]))
            self.assertCtlOk(self.service.ctl("protocol", "disable", "pop3"))
            self.assertTrue(h.connection_refused(port))
            # The session still answers (CAPA is valid before login).
            client.send(b"CAPA\r\n")
            self.assertTrue(client.read_line().startswith(b"+OK"))
            while client.read_line() != b".":
                pass
            client.send(b"QUIT\r\n")
            self.assertTrue(client.read_line().startswith(b"+OK"))

    def test_port_in_use_fails_then_recovers(self):
        port = h.free_port()
        blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.addCleanup(blocker.close)
        blocker.bind(("127.0.0.1", port))
        blocker.listen(1)

        self.bind_protocol("pop3", port)
        enabled = self.assertCtlOk(self.service.ctl("protocol", "enable", "pop3"))
        self.assertIn("failed", enabled.stdout)
        self.assertIn("in use by another program", enabled.stdout)

        listener = self.listeners()["pop3/127.0.0.1:%d" % port]
        self.assertEqual(listener["state"], "failed")
        self.assertIn("port %d on 127.0.0.1 is in use by another program" % port, listener["error"])
        self.assertIn("choose another port", listener["error"])
        table = self.assertCtlOk(self.service.ctl("listener", "list")).stdout
        self.assertIn("Failing listeners:", table)

        status = self.assertServiceAlive()
        warnings = [w for w in status["warnings"] if "pop3/127.0.0.1:%d" % port in w]
        self.assertEqual(len(warnings), 1, status["warnings"])
        self.assertIn("is not listening", warnings[0])
        self.assertIn("in use by another program", warnings[0])
        text = self.assertCtlOk(self.service.ctl("status")).stdout
        self.assertIn("Warnings:", text)
        self.assertIn("  - " + warnings[0], text)

        # Freed, and any change of settings retries the failed listener.
        blocker.close()
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.maxConnections", "100"))
        listener = self.listeners()["pop3/127.0.0.1:%d" % port]
        self.assertEqual(listener["state"], "listening")
        self.assertNotIn("error", listener)
        self.assertGreets("pop3", port)
        status = self.assertServiceAlive()
        self.assertFalse([w for w in status["warnings"] if "is not listening" in w], status["warnings"])

    def test_bindings_change_live(self):
        first, second = h.free_port(), h.free_port()
        self.enable_protocol("imap", first)
        self.assertGreets("imap", first)
        self.assertCtlOk(self.service.ctl("config", "set", "imap.bindings", "127.0.0.1:%d" % second))
        self.assertTrue(h.connection_refused(first))
        self.assertGreets("imap", second)
        self.assertEqual(list(self.listeners()), ["imap/127.0.0.1:%d" % second])

    def test_ipv6_loopback(self):
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
                probe.bind(("::1", 0))
        except OSError:
            self.skipTest("no IPv6 loopback on this machine")
        port = h.free_port()
        self.assertCtlOk(self.service.ctl("config", "set", "imap.bindings", "[::1]:%d" % port))
        self.assertCtlOk(self.service.ctl("config", "set", "imap.tlsBindings", "[]"))
        self.assertCtlOk(self.service.ctl("protocol", "enable", "imap"))
        self.assertIn("[::1]:%d" % port, self.assertCtlOk(self.service.ctl("listener", "list")).stdout)
        seen = self.assertGreets("imap", port, host="::1")
        self.assertTrue(seen.remote.startswith("[::1]:"), seen.remote)
        events = self.whole_session(seen.remote)
        self.assertEqual(events[0]["local"], "[::1]:%d" % port)
        self.assertEqual({e["remote"] for e in self.log_events("--remote", "::1")}, {seen.remote})

    def test_connection_counters(self):
        port = h.free_port()
        self.enable_protocol("smtp", port)
        for _ in range(3):
            self.assertGreets("smtp", port)

        def settled():
            listener = self.listeners()["smtp/127.0.0.1:%d" % port]
            return listener if listener["activeConnections"] == 0 else None

        listener = h.wait_until(settled, what="the closed sessions to be counted out")
        self.assertEqual((listener["acceptedConnections"], listener["refusedConnections"]), (3, 0))

    def unbound_pop3(self):
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.bindings", "[]"))
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.tlsBindings", "[]"))
        return self.assertCtlOk(self.service.ctl("protocol", "enable", "pop3"))

    def test_enabled_protocol_without_addresses_is_a_warning(self):
        self.unbound_pop3()
        status = self.assertServiceAlive()
        self.assertTrue(status["protocols"]["pop3"]["enabled"])
        self.assertEqual(status["listeners"], [])
        self.assertTrue([w for w in status["warnings"] if "pop3" in w and "bindings" in w], status["warnings"])

    def test_enable_without_addresses_does_not_contradict_itself(self):
        text = self.unbound_pop3().stdout
        self.assertIn("pop3 is enabled.", text)
        self.assertNotIn("no protocol is enabled", text)


class ProtocolLog(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()
        self.imap, self.pop3 = h.free_port(), h.free_port()
        self.enable_protocol("imap", self.imap)
        self.enable_protocol("pop3", self.pop3)

    def connect(self, protocol):
        """One polite session; returns its remote endpoint as the log writes it."""
        return h.session(protocol, self.imap if protocol == "imap" else self.pop3).remote

    def sid_of(self, remote):
        events = h.wait_until(lambda: [e for e in self.log_events("--remote", remote) if e["dir"] == "-"],
                              what="the end of the session from %s" % remote)
        return events[0]["sid"]

    def test_tail_filters(self):
        first, second, third = self.connect("imap"), self.connect("imap"), self.connect("pop3")
        sids = [self.sid_of(first), self.sid_of(second), self.sid_of(third)]
        self.assertEqual(len(set(sids)), 3)

        imap = self.log_events("--proto", "imap")
        self.assertTrue(imap)
        self.assertEqual({e["proto"] for e in imap}, {"imap"})
        self.assertEqual({e["sid"] for e in imap}, set(sids[:2]))
        pop3 = self.log_events("--proto", "pop3")
        self.assertEqual({e["sid"] for e in pop3}, {sids[2]})

        session = self.log_events("--session", sids[0])
        self.assertEqual([e["dir"] for e in session], ["+", ">", "<", ">", ">", "-"])  # LOGOUT: BYE, then OK
        self.assertEqual({e["remote"] for e in session}, {first})

        self.assertEqual({e["sid"] for e in self.log_events("--remote", second)}, {sids[1]})
        # An address without a port matches every session from it (and no server notes).
        by_address = self.log_events("--remote", "127.0.0.1")
        self.assertEqual({e["sid"] for e in by_address}, set(sids))
        # Nobody logged in in these sessions, so no event carries a user.
        self.assertEqual(self.log_events("--user", "alice@example.com"), [])
        self.assertEqual(self.log_events("--proto", "imap", "--session", sids[2]), [])

        last_two = self.assertCtlOk(self.service.ctl("--json", "log", "tail", "--proto", "imap", "--lines", "2"))
        self.assertEqual(last_two.json_lines(), imap[-2:])
        everything = self.log_events()
        self.assertIn("service", {e["proto"] for e in everything})  # "tegamid started"
        self.assertIn("control", {e["proto"] for e in everything})  # the settings changes

        text = self.assertCtlOk(self.service.ctl("log", "tail", "--session", sids[0])).stdout.splitlines()
        self.assertEqual(len(text), 6)
        for row in text:
            self.assertIn(" imap ", row)
            self.assertIn(sids[0], row)
            self.assertIn(first, row)
        self.assertIn(" > * OK ", text[1])
        self.assertTrue(text[2].endswith(" < a1 LOGOUT"), text[2])

    def test_protocol_log_switch(self):
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.protocolLog", "false"))
        quiet = self.connect("pop3")
        loud = self.connect("imap")
        self.sid_of(loud)  # the imap session is logged; the pop3 one, before it, must not be
        self.assertEqual(self.log_events("--remote", quiet), [])
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.protocolLog", "true"))
        self.sid_of(self.connect("pop3"))

    def test_follow(self):
        follow_all = self.service.follow()
        follow_pop3 = self.service.follow("--proto", "pop3")
        self.addCleanup(follow_all.stop)
        self.addCleanup(follow_pop3.stop)

        # The subscriptions start a moment after the processes: connect until events flow.
        follow_all.wait_for(lambda e: e["proto"] == "imap", poke=lambda: self.connect("imap"))
        follow_pop3.wait_for(lambda e: e["proto"] == "pop3", poke=lambda: self.connect("pop3"))

        remote = self.connect("imap")
        end = follow_all.wait_for(lambda e: e["remote"] == remote and e["dir"] == "-")
        session = session_events(follow_all.events, end["sid"])
        self.assertEqual([e["dir"] for e in session], ["+", ">", "<", ">", ">", "-"])
        self.assertEqual([e["seq"] for e in session], [1, 2, 3, 4, 5, 6])
        self.assertEqual(session, self.log_events("--session", end["sid"]))  # live and stored agree

        # A settings change is a control note in the unfiltered stream only.
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnections", "123"))
        follow_all.wait_for(lambda e: e["proto"] == "control" and "imap.maxConnections" in e["data"])
        follow_pop3.drain(0.3)
        self.assertEqual({e["proto"] for e in follow_pop3.events}, {"pop3"})

        # Readable lines, after the last N events of the log: here the whole last session.
        follow_text = self.service.follow("--proto", "imap", json_lines=False, lines=5)
        self.addCleanup(follow_text.stop)
        last = follow_text.wait_for(lambda row: " - LOGOUT" in row)
        self.assertIn(end["sid"], last)
        self.assertEqual(len(follow_text.events), 5, follow_text.events)
        self.assertTrue(all(end["sid"] in row for row in follow_text.events), follow_text.events)
        tailed = list(follow_text.events)
        # New sessions, once the subscription is active, as they happen.
        row = follow_text.wait_for(lambda row: row not in tailed and " > * OK " in row,
                                   poke=lambda: self.connect("imap"))
        self.assertRegex(row, r"^\d{4}-\d\d-\d\dT\S+Z imap +[0-9a-f]{8} 127\.0\.0\.1:\d+ > \* OK ")

        # Following never ends by itself; the admin interrupts it.
        for follower in (follow_text, follow_all, follow_pop3):
            self.assertIsNone(follower.proc.poll())
            follower.stop()
        # The service drops the subscriptions and carries on.
        self.assertServiceAlive()
        self.sid_of(self.connect("imap"))


if __name__ == "__main__":
    h.main()
