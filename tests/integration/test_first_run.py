"""A fresh data directory: what an admin sees the first time tegamid runs."""

import json
import os
import shlex

import tegami_harness as h


class FirstRun(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.assertFalse(os.path.exists(self.service.data_dir))
        self.start_service()

    def next_steps(self):
        return self.assertCtlOk(self.service.ctl("--json", "status")).json()["nextSteps"]

    def parse_step(self, step):
        """Splits a next step into (program, command words) after checking it targets this
        data directory; the text after the command ("(or pop3, ...)") is a comment."""
        words = shlex.split(step)
        self.assertGreaterEqual(len(words), 4, step)
        program = words[0]
        self.assertEqual(os.path.basename(program), "tegamictl", step)
        if os.sep in program:
            # A full path is printed when tegamictl is not on PATH: it must be runnable.
            self.assertTrue(os.access(program, os.X_OK), "next step names a program that cannot run: %s" % step)
        self.assertEqual(words[1:3], ["--data-dir", self.service.data_dir], step)
        return program, words[3:]

    def test_status_says_nothing_is_enabled_and_prints_next_steps(self):
        status = self.assertCtlOk(self.service.ctl("--json", "status")).json()
        self.assertEqual(status["protocols"], {p: {"enabled": False} for p in h.PROTOCOLS})
        self.assertEqual(status["listeners"], [])
        self.assertEqual(status["accounts"], {"domains": 0, "mailboxes": 0, "aliases": 0})
        self.assertEqual(status["dataDir"], self.service.data_dir)
        self.assertEqual(status["pid"], self.service.pid)
        self.assertEqual(status["warnings"], [])

        commands = [self.parse_step(step)[1] for step in status["nextSteps"]]
        self.assertEqual(commands, [
            ["domain", "add", "example.com"],
            ["user", "add", "alice@example.com"],
            ["protocol", "enable", "imap", "(or", "pop3,", "submission,", "smtp)"],
            ["config", "set", "imap.bindings", "127.0.0.1:1143", "(a", "port", "above", "1023", "needs", "no",
             "privileges)"],
        ])

        text = self.assertCtlOk(self.service.ctl("status")).stdout
        self.assertIn("Enabled:        nothing yet", text)
        self.assertIn("No listeners: no protocol is enabled.", text)
        self.assertIn("Next steps:", text)
        for step in status["nextSteps"]:
            self.assertIn("  " + step + "\n", text)

        # tegamid's own start-up text shows the same steps.
        out, _ = self.service.output()
        self.assertIn("No protocol is enabled yet", out)
        for step in status["nextSteps"]:
            self.assertIn(step, out)

    def run_step(self, step, stdin=None):
        """Runs a next step as printed, without its trailing comment."""
        program, words = self.parse_step(step)
        for i, word in enumerate(words):
            if word.startswith("("):
                words = words[:i]
                break
        return self.assertCtlOk(h.run_ctl(["--data-dir", self.service.data_dir] + words, stdin_text=stdin,
                                          program=program if os.sep in program else None))

    def test_next_steps_are_commands_that_work(self):
        steps = self.next_steps()
        self.assertEqual(self.parse_step(steps[0])[1], ["domain", "add", "example.com"])
        self.run_step(steps[0])
        steps = self.next_steps()
        self.assertFalse(any("domain add" in s for s in steps), steps)

        self.assertEqual(self.parse_step(steps[0])[1], ["user", "add", "alice@example.com"])
        self.run_step(steps[0], stdin="a-long-password\n")
        steps = self.next_steps()
        self.assertFalse(any("user add" in s for s in steps), steps)
        users = self.assertCtlOk(self.service.ctl("--json", "user", "list")).json()
        self.assertEqual([u["address"] for u in users], ["alice@example.com"])

        # The last two steps enable imap on a port above 1023. A port of our own replaces
        # 1143 (which may be taken on this machine), and the TLS binding (993) is dropped.
        self.assertEqual(self.parse_step(steps[-1])[1][:3], ["config", "set", "imap.bindings"])
        port = h.free_port()
        self.assertCtlOk(self.service.ctl("config", "set", "imap.bindings", "127.0.0.1:%d" % port))
        self.assertCtlOk(self.service.ctl("config", "set", "imap.tlsBindings", "[]"))
        self.assertEqual(self.parse_step(steps[-2])[1][:3], ["protocol", "enable", "imap"])
        self.run_step(steps[-2])
        self.assertEqual(self.next_steps(), [])
        self.assertGreets("imap", port)

    def test_settings_file_written_with_every_protocol_disabled(self):
        self.assertTrue(os.path.isfile(self.service.settings_file))
        with open(self.service.settings_file, encoding="utf-8") as f:
            settings = json.load(f)
        self.assertEqual(settings["schemaVersion"], 1)
        for protocol in h.PROTOCOLS:
            self.assertIn(protocol, settings)
            self.assertIs(settings[protocol]["enabled"], False, protocol)
        # Complete: every setting `config get` knows is in the file, with its value.
        fields = self.assertCtlOk(self.service.ctl("--json", "config", "get")).json()
        for field in fields:
            section, name = field["key"].split(".", 1)
            self.assertEqual(settings[section][name], field["value"], field["key"])
        # Owner-only: the file may one day hold secrets.
        self.assertEqual(os.stat(self.service.settings_file).st_mode & 0o077, 0)

    def test_listener_list_is_empty(self):
        result = self.assertCtlOk(self.service.ctl("--json", "listener", "list"))
        self.assertEqual(result.json(), [])
        self.assertEqual(result.stdout, "[]\n")
        text = self.assertCtlOk(self.service.ctl("listener", "list")).stdout
        self.assertIn("No listeners: no protocol is enabled.", text)

    def test_empty_lists_say_how_to_fill_them(self):
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "domain", "list")).json(), [])
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "user", "list")).json(), [])
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "alias", "list")).json(), [])
        self.assertIn("tegamictl domain add", self.service.ctl("domain", "list").stdout)
        self.assertIn("tegamictl user add", self.service.ctl("user", "list").stdout)
        self.assertIn("No aliases.", self.service.ctl("alias", "list").stdout)


if __name__ == "__main__":
    h.main()
