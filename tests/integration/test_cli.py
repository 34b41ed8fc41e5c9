"""The tegamictl command surface against a running tegamid, with --json and without."""

import json
import os
import time
import unittest

import tegami_harness as h

PASSWORD = "correct-horse-battery"


class Domains(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()

    def test_add_list_remove(self):
        added = self.assertCtlOk(self.service.ctl("domain", "add", "example.com"))
        self.assertEqual(added.stdout, "Added domain example.com\n")
        added = self.assertCtlOk(self.service.ctl("--json", "domain", "add", "Example.ORG")).json()
        self.assertEqual(added["name"], "example.org")  # stored in lower case
        self.assertEqual(added["ace"], "example.org")
        idn = self.assertCtlOk(self.service.ctl("--json", "domain", "add", "Bücher.example")).json()
        self.assertEqual(idn["name"], "bücher.example")
        self.assertEqual(idn["ace"], "xn--bcher-kva.example")

        self.add_user("alice@example.com")
        self.assertCtlOk(self.service.ctl("alias", "add", "sales@example.com", "alice@example.com"))
        listed = {d["name"]: d for d in self.assertCtlOk(self.service.ctl("--json", "domain", "list")).json()}
        self.assertEqual(sorted(listed), ["bücher.example", "example.com", "example.org"])
        self.assertEqual((listed["example.com"]["mailboxes"], listed["example.com"]["aliases"]), (1, 1))
        self.assertEqual((listed["example.org"]["mailboxes"], listed["example.org"]["aliases"]), (0, 0))

        table = self.assertCtlOk(self.service.ctl("domain", "list")).stdout.splitlines()
        self.assertEqual(table[0].split(), ["DOMAIN", "ACE", "MAILBOXES", "ALIASES"])
        self.assertIn(["example.com", "example.com", "1", "1"], [row.split() for row in table[1:]])
        self.assertIn(["bücher.example", "xn--bcher-kva.example", "0", "0"], [row.split() for row in table[1:]])

        removed = self.assertCtlOk(self.service.ctl("domain", "remove", "example.org"))
        self.assertEqual(removed.stdout, "Removed domain example.org\n")
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "domain", "remove", "bücher.example")).stdout,
                         "true\n")
        names = [d["name"] for d in self.assertCtlOk(self.service.ctl("--json", "domain", "list")).json()]
        self.assertEqual(names, ["example.com"])
        self.assertEqual(self.assertServiceAlive()["accounts"], {"domains": 1, "mailboxes": 1, "aliases": 1})


class Users(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()
        self.add_domain("example.com")
        self.add_domain("example.net")

    def users(self, *args):
        return {u["address"]: u for u in self.assertCtlOk(self.service.ctl("--json", "user", "list", *args)).json()}

    def test_add_with_password_stdin_and_through_a_pipe(self):
        # --password-stdin, with options.
        added = self.service.ctl("user", "add", "alice@example.com", "--password-stdin", "--name", "Alice Liddell",
                                 "--quota", "1G", "--protocols", "imap,pop3", stdin=PASSWORD + "\n")
        self.assertEqual(self.assertCtlOk(added).stdout, "Added mailbox alice@example.com\n")
        # A pipe without the flag (stdin is not a terminal), and --json.
        bob = self.assertCtlOk(self.service.ctl("--json", "user", "add", "Bob@Example.NET", stdin=PASSWORD + "\n"))
        bob = bob.json()
        self.assertEqual(bob["address"], "bob@example.net")
        self.assertEqual(bob["protocols"], list(h.PROTOCOLS))  # every protocol by default
        self.assertEqual((bob["enabled"], bob["admin"], bob["quotaBytes"]), (True, False, 0))
        self.assertNotIn("password", json.dumps(bob).lower().replace("passwordchanged", ""))
        # A password line ending in CRLF (a Windows pipe) is accepted.
        self.assertCtlOk(self.service.ctl("user", "add", "carol@example.com", stdin=PASSWORD + "\r\n"))

        users = self.users()
        self.assertEqual(sorted(users), ["alice@example.com", "bob@example.net", "carol@example.com"])
        alice = users["alice@example.com"]
        self.assertEqual(alice["displayName"], "Alice Liddell")
        self.assertEqual(alice["quotaBytes"], 1024 ** 3)
        self.assertEqual(sorted(alice["protocols"]), ["imap", "pop3"])
        self.assertEqual((alice["usageBytes"], alice["messages"]), (0, 0))
        self.assertEqual(sorted(self.users("example.com")), ["alice@example.com", "carol@example.com"])
        self.assertEqual(sorted(self.users("example.net")), ["bob@example.net"])

        table = self.assertCtlOk(self.service.ctl("user", "list")).stdout.splitlines()
        self.assertEqual(table[0].split(), ["ADDRESS", "NAME", "ENABLED", "ROLE", "QUOTA", "PROTOCOLS"])
        alice_row = next(r for r in table if r.startswith("alice@example.com"))
        self.assertIn("Alice Liddell", alice_row)
        self.assertIn("1.0 GiB", alice_row)
        self.assertIn(" yes ", alice_row)

    def test_add_without_a_password_is_a_usage_error(self):
        result = self.service.ctl("user", "add", "alice@example.com", "--password-stdin")  # stdin is /dev/null
        self.assertCtlFails(result, h.EXIT_USAGE, "no password given")
        self.assertActionable(result.stderr)
        self.assertEqual(self.users(), {})

    def test_set(self):
        self.add_user("alice@example.com")
        changed = self.assertCtlOk(self.service.ctl("--json", "user", "set", "alice@example.com", "--enabled", "false"))
        self.assertIs(changed.json()["enabled"], False)
        changed = self.service.ctl("--json", "user", "set", "alice@example.com", "--protocols", "pop3,imap",
                                   "--quota", "500M", "--name", "Alice B")
        changed = self.assertCtlOk(changed).json()
        self.assertEqual(sorted(changed["protocols"]), ["imap", "pop3"])
        self.assertEqual(changed["quotaBytes"], 500 * 1024 * 1024)
        self.assertEqual(changed["displayName"], "Alice B")
        self.assertIs(changed["enabled"], False)  # unchanged by the second call

        # What the list shows is what was stored.
        stored = self.users()["alice@example.com"]
        for key in ("protocols", "quotaBytes", "displayName", "enabled"):
            self.assertEqual(stored[key], changed[key], key)

        text = self.assertCtlOk(self.service.ctl("user", "set", "alice@example.com", "--enabled", "true")).stdout
        row = next(r for r in text.splitlines() if r.startswith("alice@example.com"))
        self.assertIn(" yes ", row)
        self.assertIn("500 MiB", row)
        self.assertTrue(self.users()["alice@example.com"]["enabled"])

        self.assertCtlOk(self.service.ctl("user", "set", "alice@example.com", "--quota", "unlimited"))
        self.assertEqual(self.users()["alice@example.com"]["quotaBytes"], 0)
        admin = self.assertCtlOk(self.service.ctl("user", "set", "alice@example.com", "--admin", "yes")).stdout
        self.assertIn(" admin ", next(r for r in admin.splitlines() if r.startswith("alice@example.com")))
        self.assertIs(self.users()["alice@example.com"]["admin"], True)

    def test_passwd(self):
        self.add_user("alice@example.com")
        before = self.users()["alice@example.com"]["passwordChanged"]
        time.sleep(0.01)  # the time stamp has millisecond precision
        changed = self.service.ctl("user", "passwd", "alice@example.com", "--password-stdin",
                                   stdin="another-long-password\n")
        self.assertEqual(self.assertCtlOk(changed).stdout, "Changed the password of alice@example.com\n")
        middle = self.users()["alice@example.com"]["passwordChanged"]
        self.assertGreater(middle, before)
        time.sleep(0.01)
        piped = self.service.ctl("--json", "user", "passwd", "alice@example.com", stdin="yet-another-password\n")
        self.assertEqual(self.assertCtlOk(piped).stdout, "true\n")
        self.assertGreater(self.users()["alice@example.com"]["passwordChanged"], middle)

    def test_remove(self):
        self.add_user("alice@example.com")
        self.add_user("bob@example.com")
        removed = self.assertCtlOk(self.service.ctl("user", "remove", "alice@example.com"))
        self.assertEqual(removed.stdout, "Removed mailbox alice@example.com\n")
        self.assertEqual(sorted(self.users()), ["bob@example.com"])
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "user", "remove", "bob@example.com")).stdout,
                         "true\n")
        self.assertEqual(self.users(), {})
        # The address can be used again.
        self.add_user("alice@example.com")
        self.assertEqual(sorted(self.users()), ["alice@example.com"])

    def test_new_mailboxes_take_the_policy_defaults(self):
        for key, value in (("pop3.defaultScope", "new"), ("pop3.defaultAfterRetrieval", "archive"),
                           ("imap.defaultAutoExpunge", "true"), ("imap.defaultDeleteAction", "trash")):
            self.assertCtlOk(self.service.ctl("config", "set", key, value))
        self.add_user("alice@example.com")
        alice = self.users()["alice@example.com"]
        self.assertEqual((alice["pop"]["scope"], alice["pop"]["afterRetrieval"]), ("new", "archive"))
        self.assertEqual(alice["imap"], {"autoExpunge": True, "deleteAction": "trash"})
        # What the request says wins; a bad value creates nothing.
        bob = self.service.rpc("user.add", {"address": "bob@example.com", "password": PASSWORD,
                                            "popAfterRetrieval": "keep", "imapDeleteAction": "delete"})["result"]
        self.assertEqual((bob["pop"]["afterRetrieval"], bob["imap"]["deleteAction"]), ("keep", "delete"))
        refused = self.service.rpc("user.add", {"address": "carol@example.com", "password": PASSWORD,
                                                "imapDeleteAction": "shred"})
        self.assertEqual(refused["error"]["data"]["field"], "imapDeleteAction")
        self.assertNotIn("carol@example.com", self.users())

    def test_imap_options(self):
        self.add_user("alice@example.com")
        self.assertEqual(self.users()["alice@example.com"]["imap"], {"autoExpunge": False, "deleteAction": "delete"})
        self.assertCtlOk(self.service.ctl("user", "set", "alice@example.com", "--imap-auto-expunge", "true",
                                          "--imap-delete", "trash"))
        self.assertEqual(self.users()["alice@example.com"]["imap"], {"autoExpunge": True, "deleteAction": "trash"})
        refused = self.assertCtlFails(self.service.ctl("user", "set", "alice@example.com", "--imap-delete", "shred"),
                                      h.EXIT_FAILED, "imapDeleteAction", "trash")
        self.assertActionable(refused.stderr)
        self.assertCtlFails(self.service.ctl("user", "set", "alice@example.com", "--imap-auto-expunge", "maybe"),
                            h.EXIT_USAGE, "true or false")


class Aliases(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()
        self.add_domain("example.com")
        self.add_user("alice@example.com")
        self.add_user("bob@example.com")

    def aliases(self):
        return {a["address"]: a for a in self.assertCtlOk(self.service.ctl("--json", "alias", "list")).json()}

    def test_add_list_remove(self):
        added = self.assertCtlOk(self.service.ctl("alias", "add", "sales@example.com", "alice@example.com",
                                                  "bob@example.com"))
        self.assertEqual(added.stdout, "Added alias sales@example.com\n")
        added = self.service.ctl("--json", "alias", "add", "Info@Example.com", "alice@example.com",
                                 "partner@elsewhere.example")
        self.assertEqual(self.assertCtlOk(added).json()["address"], "info@example.com")

        aliases = self.aliases()
        self.assertEqual(sorted(aliases), ["info@example.com", "sales@example.com"])
        self.assertEqual(aliases["sales@example.com"]["targets"], ["alice@example.com", "bob@example.com"])
        self.assertEqual(aliases["info@example.com"]["targets"], ["alice@example.com", "partner@elsewhere.example"])

        table = self.assertCtlOk(self.service.ctl("alias", "list")).stdout.splitlines()
        self.assertEqual(table[0].split(), ["ALIAS", "TARGETS"])
        self.assertIn("sales@example.com  alice@example.com, bob@example.com", table)

        removed = self.assertCtlOk(self.service.ctl("alias", "remove", "sales@example.com"))
        self.assertEqual(removed.stdout, "Removed alias sales@example.com\n")
        self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "alias", "remove", "info@example.com")).stdout,
                         "true\n")
        self.assertEqual(self.aliases(), {})
        self.assertEqual(self.assertCtlOk(self.service.ctl("alias", "list")).stdout, "No aliases.\n")


class Config(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()

    def get(self, key):
        return self.assertCtlOk(self.service.ctl("--json", "config", "get", key)).json()

    def saved(self, key):
        section, name = key.split(".", 1)
        with open(self.service.settings_file, encoding="utf-8") as f:
            return json.load(f)[section][name]

    def test_get_all_and_one(self):
        fields = self.assertCtlOk(self.service.ctl("--json", "config", "get")).json()
        keys = [f["key"] for f in fields]
        self.assertEqual(len(keys), len(set(keys)))
        for protocol in h.PROTOCOLS:
            for name in ("enabled", "bindings", "tlsBindings", "maxConnections", "protocolLog"):
                self.assertIn(protocol + "." + name, keys)
        for f in fields:
            self.assertTrue(f["description"], f["key"])
            self.assertEqual(f["value"], f["default"], f["key"])  # a fresh directory has only defaults

        one = self.get("imap.maxConnections")
        self.assertEqual((one["key"], one["type"], one["value"], one["default"]),
                         ("imap.maxConnections", "int", 500, 500))
        self.assertEqual((one["minimum"], one["maximum"]), (1, 100000))
        login = self.get("pop3.loginType")
        self.assertEqual(login["type"], "enum")
        self.assertIn("secureLogin", login["choices"])

        text = self.assertCtlOk(self.service.ctl("config", "get", "imap.maxConnections")).stdout.splitlines()
        self.assertEqual(text[0], "imap.maxConnections = 500")
        self.assertEqual(text[1].split(), ["default:", "500"])
        self.assertEqual(text[2].split(), ["type:", "int"])
        table = self.assertCtlOk(self.service.ctl("config", "get")).stdout.splitlines()
        self.assertTrue(table[0].startswith("KEY"), table[0])
        self.assertEqual(len(table), len(fields) + 1)

    def test_set_bool_int_and_list(self):
        # bool
        result = self.assertCtlOk(self.service.ctl("--json", "config", "set", "pop3.protocolLog", "false")).json()
        self.assertEqual((result["key"], result["value"], result["restartRequired"]),
                         ("pop3.protocolLog", False, False))
        self.assertIs(self.get("pop3.protocolLog")["value"], False)
        self.assertIs(self.saved("pop3.protocolLog"), False)
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.protocolLog", "on"))
        self.assertIs(self.get("pop3.protocolLog")["value"], True)
        # int
        text = self.assertCtlOk(self.service.ctl("config", "set", "imap.maxConnections", "400")).stdout
        self.assertEqual(text, "imap.maxConnections = 400\nSaved and applied.\n")
        self.assertEqual(self.get("imap.maxConnections")["value"], 400)
        self.assertEqual(self.saved("imap.maxConnections"), 400)
        # list, comma separated and as a JSON array
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.trustedNetworks", "192.168.1.0/24, 10.0.0.0/8"))
        self.assertEqual(self.get("smtp.trustedNetworks")["value"], ["192.168.1.0/24", "10.0.0.0/8"])
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.trustedNetworks", '["172.16.0.0/12"]'))
        self.assertEqual(self.saved("smtp.trustedNetworks"), ["172.16.0.0/12"])
        self.assertCtlOk(self.service.ctl("config", "set", "smtp.trustedNetworks", "[]"))
        self.assertEqual(self.saved("smtp.trustedNetworks"), [])
        # string
        self.assertCtlOk(self.service.ctl("config", "set", "server.fqdn", "mail.example.com"))
        self.assertEqual(self.assertServiceAlive()["fqdn"], "mail.example.com")

        # The table marks what differs from the default.
        table = self.assertCtlOk(self.service.ctl("config", "get")).stdout.splitlines()
        marked = {row.split()[0] for row in table[1:] if row.rstrip().endswith("*")}
        self.assertEqual(marked, {"imap.maxConnections", "server.fqdn"})
        # The previous file is kept.
        self.assertTrue(os.path.isfile(self.service.settings_file + ".bak"))


class Misc(h.TegamiTestCase):
    def test_help_version_and_usage(self):
        helped = self.assertCtlOk(h.run_ctl(["help"]))
        for command in ("domain add", "user passwd", "alias remove", "protocol enable", "listener list", "config set",
                        "log tail"):
            self.assertIn(command, helped.stdout)
        self.assertIn("Exit status", helped.stdout)
        self.assertCtlOk(h.run_ctl(["--help"]))
        self.assertRegex(self.assertCtlOk(h.run_ctl(["version"])).stdout, r"^tegamictl \d+\.\d+\.\d+\n$")
        bare = h.run_ctl([])
        self.assertEqual(bare.returncode, h.EXIT_USAGE)
        self.assertIn("Usage: tegamictl", bare.stderr)

    def test_version_option(self):
        result = h.run_ctl(["--version"])
        self.assertEqual(result.returncode, h.EXIT_OK, repr(result))
        self.assertRegex(result.stdout, r"^tegamictl \d+\.\d+\.\d+\n$")

    def test_data_dir_from_the_environment(self):
        self.start_service()
        self.add_domain("example.com")
        result = h.run_ctl(["--json", "domain", "list"], env={"TEGAMI_DATA_DIR": self.service.data_dir})
        self.assertEqual([d["name"] for d in self.assertCtlOk(result).json()], ["example.com"])
        by_socket = h.run_ctl(["--socket", self.service.control_socket, "--json", "status"])
        self.assertEqual(self.assertCtlOk(by_socket).json()["pid"], self.service.pid)


if __name__ == "__main__":
    h.main()
