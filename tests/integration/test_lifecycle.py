"""Starting, stopping and restarting tegamid: persistence, the single-instance lock, clean
shutdown on signals, and refusing to start on a broken settings file."""

import json
import os
import signal

import tegami_harness as h


class Shutdown(h.TegamiTestCase):
    def assertStoppedCleanly(self, code):
        self.assertEqual(code, 0, self.service.output())
        self.assertFalse(os.path.exists(self.service.control_socket), "the control socket was left behind")
        self.assertFalse(os.path.exists(self.service.lock_file), "the instance lock was left behind")
        self.assertCtlFails(self.service.ctl("status"), h.EXIT_UNREACHABLE)

    def service_log(self):
        with open(self.service.service_log, encoding="utf-8") as f:
            return f.read()

    def test_sigterm_exits_0_and_logs_stopped(self):
        self.start_service()
        self.assertTrue(os.path.exists(self.service.lock_file))
        self.assertStoppedCleanly(self.service.stop(signal.SIGTERM))
        log = self.service_log()
        self.assertIn("SIGTERM received, shutting down", log)
        self.assertIn("tegamid stopped", log)
        self.assertLess(log.index("SIGTERM received"), log.index("tegamid stopped"))
        # The protocol log records the stop too.
        notes = []
        for name in sorted(os.listdir(self.service.protocol_log_dir)):
            with open(os.path.join(self.service.protocol_log_dir, name), encoding="utf-8") as f:
                notes += [json.loads(line) for line in f if line.strip()]
        self.assertEqual([n["data"] for n in notes if n["proto"] == "service"][-1], "tegamid stopping")

    def test_sigint_exits_0(self):
        self.start_service()
        self.assertStoppedCleanly(self.service.stop(signal.SIGINT))
        self.assertIn("SIGINT received", self.service_log())

    def test_shutdown_with_clients_connected(self):
        self.start_service()
        port = h.free_port()
        self.enable_protocol("imap", port)
        follower = self.service.follow()
        self.addCleanup(follower.stop)
        follower.wait_for(lambda e: e["proto"] == "imap", poke=lambda: h.session("imap", port))
        idle = self.service.connect_control()
        self.addCleanup(idle.close)
        idle.sendall(b'{"jsonrpc":"2.0","id":1,"method":"sta')  # half a request, never finished
        # A mail client in the middle of a session (greeted, one command answered).
        client = h.Client(port)
        self.addCleanup(client.close)
        self.assertTrue(client.read_line().startswith(h.GREETING["imap"]))
        client.send(b"a1 NOOP\r\n")
        self.assertEqual(client.read_line(), b"a1 OK NOOP completed")

        self.assertStoppedCleanly(self.service.stop(signal.SIGTERM))
        self.assertIn("tegamid stopped", self.service_log())
        # The follower notices and ends with an explanation instead of hanging.
        code, stderr = follower.wait_exit()
        self.assertEqual(code, h.EXIT_FAILED)
        self.assertIn("tegamid closed the connection", stderr)
        # The mail client is disconnected, and nothing listens any more.
        client.read_until_closed()
        self.assertTrue(h.connection_refused(port))


class Restart(h.TegamiTestCase):
    def snapshot(self):
        ctl = self.service.ctl
        config = {f["key"]: f["value"] for f in self.assertCtlOk(ctl("--json", "config", "get")).json()}
        return {
            "config": config,
            "domains": self.assertCtlOk(ctl("--json", "domain", "list")).json(),
            "users": self.assertCtlOk(ctl("--json", "user", "list")).json(),
            "aliases": self.assertCtlOk(ctl("--json", "alias", "list")).json(),
        }

    def test_everything_survives_a_restart(self):
        self.start_service()
        self.add_domain("example.com")
        self.add_domain("bücher.example")
        self.add_user("alice@example.com", "alice-password", "--name", "Alice", "--quota", "2G",
                      "--protocols", "imap,submission")
        self.add_user("bob@bücher.example")
        self.assertCtlOk(self.service.ctl("user", "set", "bob@bücher.example", "--enabled", "false"))
        self.assertCtlOk(self.service.ctl("alias", "add", "team@example.com", "alice@example.com",
                                          "bob@bücher.example"))
        self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnections", "321"))
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.trustedNetworks", "192.168.7.0/24,10.1.0.0/16"))
        self.assertCtlOk(self.service.ctl("config", "set", "server.fqdn", "mail.example.com"))
        port = h.free_port()
        self.enable_protocol("imap", port)
        before = self.snapshot()
        first_pid = self.service.pid

        self.assertEqual(self.service.stop(), 0)
        self.assertFalse(os.path.exists(self.service.control_socket))
        self.assertFalse(os.path.exists(self.service.lock_file))
        self.assertTrue(h.connection_refused(port))

        self.start_service()
        self.assertNotEqual(self.service.pid, first_pid)
        after = self.snapshot()
        self.assertEqual(after["config"], before["config"])
        self.assertEqual(after["domains"], before["domains"])
        self.assertEqual(after["users"], before["users"])
        self.assertEqual(after["aliases"], before["aliases"])
        # Spot checks, so that an empty snapshot on both sides cannot pass.
        self.assertEqual(after["config"]["imap.maxConnections"], 321)
        self.assertEqual(after["config"]["smtp.trustedNetworks"], ["192.168.7.0/24", "10.1.0.0/16"])
        self.assertIs(after["config"]["imap.enabled"], True)
        users = {u["address"]: u for u in after["users"]}
        self.assertEqual(users["alice@example.com"]["quotaBytes"], 2 * 1024 ** 3)
        self.assertIs(users["bob@bücher.example"]["enabled"], False)
        self.assertEqual(after["aliases"][0]["targets"], ["alice@example.com", "bob@bücher.example"])

        # The enabled protocol listens again at start, without any command.
        status = self.assertServiceAlive()
        self.assertEqual(status["fqdn"], "mail.example.com")
        self.assertEqual([(l["id"], l["state"]) for l in status["listeners"]],
                         [("imap/127.0.0.1:%d" % port, "listening")])
        self.assertGreets("imap", port)
        out, _ = self.service.output()
        self.assertIn("imap/127.0.0.1:%d" % port, out)
        # The console text of a configured server has no first-run steps left.
        self.assertNotIn("domain add", out)


class CrashRecovery(h.TegamiTestCase):
    def test_restart_after_sigkill(self):
        self.start_service()
        self.add_domain("example.com")
        self.add_user("alice@example.com")
        port = h.free_port()
        self.enable_protocol("imap", port)
        self.assertEqual(self.service.stop(signal.SIGKILL), -signal.SIGKILL)
        # What a crash leaves behind: a socket nobody answers and a lock of a dead process.
        self.assertTrue(os.path.exists(self.service.control_socket))
        self.assertTrue(os.path.exists(self.service.lock_file))
        self.assertCtlFails(self.service.ctl("status"), h.EXIT_UNREACHABLE, "cannot reach tegamid")

        self.start_service()
        status = self.assertServiceAlive()
        self.assertEqual(status["accounts"], {"domains": 1, "mailboxes": 1, "aliases": 0})
        self.assertEqual([(l["id"], l["state"]) for l in status["listeners"]],
                         [("imap/127.0.0.1:%d" % port, "listening")])
        self.assertEqual(self.service.stop(), 0)


class SingleInstance(h.TegamiTestCase):
    def test_second_tegamid_on_the_same_directory_is_refused(self):
        self.start_service()
        self.add_domain("example.com")
        settings = h.read_bytes(self.service.settings_file)

        second = self.service.run_foreground()
        self.assertNotEqual(second.returncode, 0, repr(second))
        self.assertIn("another tegamid (pid %d) is already running" % self.service.pid, second.stderr)
        self.assertIn(self.service.data_dir, second.stderr)
        self.assertIn("tegamictl --data-dir", second.stderr)

        # The same directory through a symbolic link is the same instance.
        link = os.path.join(self.root, "link")
        os.symlink(self.service.data_dir, link)
        via_link = h.Tegamid(self.root, "link").run_foreground()
        self.assertNotEqual(via_link.returncode, 0, repr(via_link))
        self.assertIn("pid %d" % self.service.pid, via_link.stderr)

        # The first one is untouched: same process, same socket, same data.
        status = self.assertServiceAlive()
        self.assertEqual(status["accounts"]["domains"], 1)
        self.assertEqual(h.read_bytes(self.service.settings_file), settings)
        self.assertTrue(os.path.exists(self.service.lock_file))


BROKEN_JSON = """{
    "schemaVersion": 1,
    "imap": {
        "enabled": ture
    }
}
"""


class BrokenSettings(h.TegamiTestCase):
    def write_settings(self, text):
        os.makedirs(self.service.data_dir, exist_ok=True)
        with open(self.service.settings_file, "w", encoding="utf-8") as f:
            f.write(text)
        return h.read_bytes(self.service.settings_file)

    def assertRefusedToStart(self, text, fragments):
        """Start and --check-config both refuse with the same message, naming the file
        and the fragments; the file is untouched and nothing keeps running."""
        content = self.write_settings(text)
        started = self.service.run_foreground()
        self.assertEqual(started.returncode, 1, repr(started))
        self.assertIn("tegamid cannot start: ", started.stderr)
        message = started.stderr.split("tegamid cannot start: ", 1)[1].strip()
        self.assertIn("settings file %s" % self.service.settings_file, message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(h.read_bytes(self.service.settings_file), content, "the broken file was changed")
        self.assertFalse(os.path.exists(self.service.settings_file + ".bak"), "a backup was written over nothing")
        self.assertFalse(os.path.exists(self.service.lock_file))
        self.assertCtlFails(self.service.ctl("status"), h.EXIT_UNREACHABLE)
        # Whoever runs tegamid as a service finds the reason in its log as well.
        with open(self.service.service_log, encoding="utf-8") as f:
            self.assertIn(message, f.read())

        checked = self.service.run_foreground("--check-config", test_hashing=False)
        self.assertEqual(checked.returncode, 1, repr(checked))
        self.assertEqual(checked.stdout, "")
        self.assertEqual(checked.stderr.strip(), "tegamid: " + message)
        self.assertEqual(h.read_bytes(self.service.settings_file), content)
        return message

    def test_invalid_json_names_the_line(self):
        message = self.assertRefusedToStart(BROKEN_JSON, ["is not valid JSON", "line 4"])
        self.assertIn("Fix the file in an editor, or replace it with the previous copy %s.bak"
                      % self.service.settings_file, message)

    def test_out_of_range_value(self):
        message = self.assertRefusedToStart('{"schemaVersion": 1, "imap": {"maxConnections": 0}}',
                                            ["field 'imap.maxConnections'", "between 1 and 100000", "found 0"])
        self.assertIn("correct it, or remove the line to use the default (500)", message)

    def test_unknown_key(self):
        self.assertRefusedToStart('{"schemaVersion": 1, "imap": {"maxConection": 5}}',
                                  ["field 'imap.maxConection'", "is not a known setting",
                                   "check the spelling or remove it"])

    def test_wrong_type(self):
        self.assertRefusedToStart('{"imap": {"enabled": "yes"}}',
                                  ["field 'imap.enabled'", "must be true or false", "(false)"])

    def test_two_listeners_on_one_port(self):
        text = json.dumps({"smtp": {"enabled": True, "bindings": ["127.0.0.1:2525"], "tlsBindings": []},
                           "submission": {"enabled": True, "bindings": ["127.0.0.1:2525"], "tlsBindings": []}})
        self.assertRefusedToStart(text, ["submission.bindings", "two listeners cannot share an address and port"])

    def test_newer_schema(self):
        self.assertRefusedToStart('{"schemaVersion": 99}', ["schemaVersion", "newer version"])

    def test_check_config_accepts_a_valid_file(self):
        self.start_service()
        self.assertEqual(self.service.stop(), 0)
        checked = self.service.run_foreground("--check-config", test_hashing=False)
        self.assertEqual(checked.returncode, 0, repr(checked))
        self.assertEqual(checked.stdout, "%s is valid\n" % self.service.settings_file)
        # A hand-written partial file is valid too: missing keys take their defaults.
        self.write_settings('{"schemaVersion": 1, "imap": {"maxConnections": 7}}')
        self.assertEqual(self.service.run_foreground("--check-config", test_hashing=False).returncode, 0)
        self.start_service()
        field = self.assertCtlOk(self.service.ctl("--json", "config", "get", "imap.maxConnections")).json()
        self.assertEqual(field["value"], 7)

    def test_check_config_while_running(self):
        self.start_service()
        with open(self.service.settings_file, "a", encoding="utf-8") as f:
            f.write("trailing garbage\n")
        checked = self.service.run_foreground("--check-config", test_hashing=False)
        self.assertEqual(checked.returncode, 1, repr(checked))
        self.assertIn("is not valid JSON", checked.stderr)
        self.assertServiceAlive()  # checking does not need (or take) the instance lock


if __name__ == "__main__":
    h.main()
