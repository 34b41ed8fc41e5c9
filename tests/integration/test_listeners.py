"""Listeners through real sockets, and the protocol log they write (tail, filters, follow)."""

import socket

import tegami_harness as h


def session_events(events, sid):
    return [e for e in events if e["sid"] == sid]


class Protocols(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()

    def listeners(self):
        return {l["id"]: l for l in self.assertCtlOk(self.service.ctl("--json", "listener", "list")).json()}

    def test_enable_and_disable_each_protocol(self):
        ports = {}
        for protocol in h.PROTOCOLS:
            plain, implicit = h.free_port(), h.free_port()
            ports[protocol] = (plain, implicit)
            change = self.enable_protocol(protocol, plain, implicit)
            self.assertEqual((change["protocol"], change["enabled"], change["failedListeners"]), (protocol, True, []))
            states = {(l["port"], l["tls"], l["state"]) for l in change["listeners"]}
            self.assertEqual(states, {(plain, "starttls", "listening"), (implicit, "implicit", "listening")})

            greeting, _ = h.read_greeting(plain)
            self.assertTrue(greeting.startswith(h.UNAVAILABLE_GREETING[protocol]), (protocol, greeting))
            self.assertTrue(greeting.endswith(b"\r\n"), greeting)
            self.assertEqual(greeting.count(b"\r\n"), 1, greeting)
            # No certificate store yet: an implicit-TLS connection is closed without a word.
            silence, _ = h.read_greeting(implicit)
            self.assertEqual(silence, b"")

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
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "config", "get", "pop3.bindings")).json()["value"],
                         ["127.0.0.1:%d" % ports["pop3"][0]])

    def test_enable_prints_the_listeners(self):
        port = h.free_port()
        self.bind_protocol("imap", port)
        text = self.assertCtlOk(self.service.ctl("protocol", "enable", "imap")).stdout.splitlines()
        self.assertEqual(text[0], "imap is enabled.")
        self.assertEqual(text[2].split(), ["imap", "127.0.0.1:%d" % port, "starttls", "listening", "0"])

    def test_imap_greeting_and_its_log(self):
        port = h.free_port()
        self.enable_protocol("imap", port)
        greeting, (_, client_port) = h.read_greeting(port)
        self.assertEqual(greeting, b"* BYE [UNAVAILABLE] imap service not available yet on this server\r\n")

        remote = "127.0.0.1:%d" % client_port
        def whole_session():
            events = self.log_events("--remote", remote)
            return events if events and events[-1]["dir"] == "-" else None

        events = h.wait_until(whole_session, what="the session's events in the log")
        self.assertEqual([e["dir"] for e in events], ["+", ">", "*", "-"])
        self.assertEqual(len({e["sid"] for e in events}), 1)
        self.assertEqual([e["seq"] for e in events], [1, 2, 3, 4])
        for e in events:
            self.assertEqual((e["proto"], e["local"], e["remote"]), ("imap", "127.0.0.1:%d" % port, remote))
        self.assertEqual(events[1]["data"], "* BYE [UNAVAILABLE] imap service not available yet on this server")

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
        greeting, _ = h.read_greeting(port)
        self.assertTrue(greeting.startswith(h.UNAVAILABLE_GREETING["pop3"]), greeting)
        status = self.assertServiceAlive()
        self.assertFalse([w for w in status["warnings"] if "pop3/" in w], status["warnings"])

    def test_bindings_change_live(self):
        first, second = h.free_port(), h.free_port()
        self.enable_protocol("imap", first)
        self.assertTrue(h.read_greeting(first)[0].startswith(h.UNAVAILABLE_GREETING["imap"]))
        self.assertCtlOk(self.service.ctl("config", "set", "imap.bindings", "127.0.0.1:%d" % second))
        self.assertTrue(h.connection_refused(first))
        self.assertTrue(h.read_greeting(second)[0].startswith(h.UNAVAILABLE_GREETING["imap"]))
        self.assertEqual(list(self.listeners()), ["imap/127.0.0.1:%d" % second])

    def test_connection_counters(self):
        port = h.free_port()
        self.enable_protocol("smtp", port)
        for _ in range(3):
            greeting, _ = h.read_greeting(port)
            self.assertIn(b"smtp service not available yet", greeting)

        def settled():
            listener = self.listeners()["smtp/127.0.0.1:%d" % port]
            return listener if listener["activeConnections"] == 0 else None

        listener = h.wait_until(settled, what="the closed sessions to be counted out")
        self.assertEqual((listener["acceptedConnections"], listener["refusedConnections"]), (3, 0))


class ProtocolLog(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()
        self.imap, self.pop3 = h.free_port(), h.free_port()
        self.enable_protocol("imap", self.imap)
        self.enable_protocol("pop3", self.pop3)

    def connect(self, port):
        """One session; returns its remote endpoint as the log writes it."""
        _, (address, client_port) = h.read_greeting(port)
        return "%s:%d" % (address, client_port)

    def sid_of(self, remote):
        events = h.wait_until(lambda: [e for e in self.log_events("--remote", remote) if e["dir"] == "-"],
                              what="the end of the session from %s" % remote)
        return events[0]["sid"]

    def test_tail_filters(self):
        first, second, third = self.connect(self.imap), self.connect(self.imap), self.connect(self.pop3)
        sids = [self.sid_of(first), self.sid_of(second), self.sid_of(third)]
        self.assertEqual(len(set(sids)), 3)

        imap = self.log_events("--proto", "imap")
        self.assertTrue(imap)
        self.assertEqual({e["proto"] for e in imap}, {"imap"})
        self.assertEqual({e["sid"] for e in imap}, set(sids[:2]))
        pop3 = self.log_events("--proto", "pop3")
        self.assertEqual({e["sid"] for e in pop3}, {sids[2]})

        session = self.log_events("--session", sids[0])
        self.assertEqual([e["dir"] for e in session], ["+", ">", "*", "-"])
        self.assertEqual({e["remote"] for e in session}, {first})

        self.assertEqual({e["sid"] for e in self.log_events("--remote", second)}, {sids[1]})
        # An address without a port matches every session from it (and no server notes).
        by_address = self.log_events("--remote", "127.0.0.1")
        self.assertEqual({e["sid"] for e in by_address}, set(sids))
        # No protocol logs anyone in yet in this build, so no event carries a user.
        self.assertEqual(self.log_events("--user", "alice@example.com"), [])
        self.assertEqual(self.log_events("--proto", "imap", "--session", sids[2]), [])

        last_two = self.assertCtlOk(self.service.ctl("--json", "log", "tail", "--proto", "imap", "--lines", "2"))
        self.assertEqual(last_two.json_lines(), imap[-2:])
        everything = self.log_events()
        self.assertIn("service", {e["proto"] for e in everything})  # "tegamid started"
        self.assertIn("control", {e["proto"] for e in everything})  # the settings changes

        text = self.assertCtlOk(self.service.ctl("log", "tail", "--session", sids[0])).stdout.splitlines()
        self.assertEqual(len(text), 4)
        for row in text:
            self.assertIn(" imap ", row)
            self.assertIn(sids[0], row)
            self.assertIn(first, row)
        self.assertTrue(text[1].endswith("> * BYE [UNAVAILABLE] imap service not available yet on this server"),
                        text[1])

    def test_protocol_log_switch(self):
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.protocolLog", "false"))
        quiet = self.connect(self.pop3)
        loud = self.connect(self.imap)
        self.sid_of(loud)  # the imap session is logged; the pop3 one, before it, must not be
        self.assertEqual(self.log_events("--remote", quiet), [])
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.protocolLog", "true"))
        self.sid_of(self.connect(self.pop3))

    def test_follow(self):
        follow_all = self.service.follow()
        follow_pop3 = self.service.follow("--proto", "pop3")
        self.addCleanup(follow_all.stop)
        self.addCleanup(follow_pop3.stop)

        # The subscriptions start a moment after the processes: connect until events flow.
        follow_all.wait_for(lambda e: e["proto"] == "imap", poke=lambda: self.connect(self.imap))
        follow_pop3.wait_for(lambda e: e["proto"] == "pop3", poke=lambda: self.connect(self.pop3))

        remote = self.connect(self.imap)
        end = follow_all.wait_for(lambda e: e["remote"] == remote and e["dir"] == "-")
        session = session_events(follow_all.events, end["sid"])
        self.assertEqual([e["dir"] for e in session], ["+", ">", "*", "-"])
        self.assertEqual([e["seq"] for e in session], [1, 2, 3, 4])
        self.assertEqual(session, self.log_events("--session", end["sid"]))  # live and stored agree

        # A settings change is a control note in the unfiltered stream only.
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnections", "123"))
        follow_all.wait_for(lambda e: e["proto"] == "control" and "imap.maxConnections" in e["data"])
        follow_pop3.drain(0.3)
        self.assertEqual({e["proto"] for e in follow_pop3.events}, {"pop3"})

        # Following never ends by itself; the admin interrupts it.
        self.assertIsNone(follow_all.proc.poll())
        self.assertIsNone(follow_pop3.proc.poll())
        follow_all.stop()
        follow_pop3.stop()
        # The service drops the subscriptions and carries on.
        self.assertServiceAlive()
        self.sid_of(self.connect(self.imap))


if __name__ == "__main__":
    h.main()
