"""Refused commands: a non-zero exit, a message that says what to do, and a service that
keeps running with its data unchanged."""

import os
import unittest

import tegami_harness as h


class RefusedCommands(h.SharedTegamiTestCase):
    @classmethod
    def seed(cls, service):
        h.ctl_ok(service, "domain", "add", "example.com")
        h.ctl_ok(service, "user", "add", "alice@example.com", stdin="correct-horse-battery\n")
        h.ctl_ok(service, "alias", "add", "sales@example.com", "alice@example.com")

    def tearDown(self):
        # Whatever was refused, the service runs on and nothing was lost.
        status = self.assertServiceAlive()
        self.assertEqual(status["accounts"], {"domains": 1, "mailboxes": 1, "aliases": 1})

    def refused(self, *args, stdin=None, code=h.EXIT_FAILED, fragments=()):
        result = self.service.ctl(*args, stdin=stdin)
        self.assertCtlFails(result, code, *fragments)
        self.assertTrue(result.stderr.startswith("tegamictl: "), repr(result))
        self.assertEqual(result.stdout, "", repr(result))
        return result

    def test_invalid_addresses(self):
        result = self.refused("user", "add", "notanaddress", stdin="a-long-password\n",
                              fragments=("'notanaddress' has no '@'", "alice@example.com"))
        self.assertActionable(result.stderr)
        # The others name the address and what is wrong with it.
        for address, fragment in (("two@@example.com", "more than one '@'"), ("bad..dots@example.com", "two dots"),
                                  (".x@example.com", "starts with a dot"), ("@example.com", "is empty")):
            self.refused("user", "add", address, stdin="a-long-password\n", fragments=(address, fragment))
        result = self.refused("alias", "add", "info@example.com", "not an address", fragments=("not an address",))
        self.assertActionable(result.stderr)
        result = self.refused("domain", "add", "bad..domain", fragments=("bad..domain",))
        self.assertIn("two dots", result.stderr)

    def test_missing_domain(self):
        result = self.refused("user", "add", "bob@nowhere.example", stdin="a-long-password\n",
                              fragments=("nowhere.example", "tegamictl domain add nowhere.example"))
        self.assertActionable(result.stderr)
        self.refused("user", "remove", "nobody@example.com", fragments=("tegamictl user list",))
        self.refused("user", "passwd", "nobody@example.com", stdin="a-long-password\n",
                     fragments=("nobody@example.com",))
        self.refused("alias", "remove", "nothing@example.com", fragments=("tegamictl alias list",))
        self.refused("domain", "remove", "nowhere.example", fragments=("nowhere.example",))

    def test_domain_still_in_use(self):
        result = self.refused("domain", "remove", "example.com", fragments=("1 mailbox", "1 alias"))
        self.assertActionable(result.stderr)

    def test_duplicates(self):
        self.refused("domain", "add", "example.com", fragments=("example.com", "already exists"))
        self.refused("domain", "add", "EXAMPLE.com", fragments=("already exists",))
        result = self.refused("user", "add", "alice@example.com", stdin="a-long-password\n",
                              fragments=("alice@example.com", "already exists"))
        self.assertActionable(result.stderr)
        result = self.refused("alias", "add", "sales@example.com", "alice@example.com",
                              fragments=("sales@example.com", "already"))
        self.assertActionable(result.stderr)
        # An alias cannot take a mailbox's address.
        self.refused("alias", "add", "alice@example.com", "sales@example.com")

    def test_duplicate_domain_says_what_to_do(self):
        result = self.refused("domain", "add", "example.com")
        self.assertActionable(result.stderr)

    def test_short_password(self):
        result = self.refused("user", "add", "bob@example.com", stdin="short\n", fragments=("at least 8",))
        self.assertIn("5 characters", result.stderr)
        self.refused("user", "passwd", "alice@example.com", stdin="short\n", fragments=("at least 8",))

    def test_unknown_protocol(self):
        result = self.refused("protocol", "enable", "gopher",
                              fragments=("'gopher' is not a protocol", "smtp, submission, pop3, imap"))
        self.assertActionable(result.stderr)
        self.refused("protocol", "disable", "http", fragments=("'http' is not a protocol",))
        self.refused("user", "set", "alice@example.com", "--protocols", "pop3,bogus", fragments=("bogus",))
        self.refused("user", "add", "bob@example.com", "--protocols", "nntp", stdin="a-long-password\n",
                     fragments=("nntp",))

    def test_unknown_config_key(self):
        result = self.refused("config", "set", "imap.maxConection", "5",
                              fragments=("imap.maxConection", "tegamictl config get"))
        self.assertActionable(result.stderr)
        self.refused("config", "get", "nope", fragments=("'nope' is not a known setting",))

    def test_bad_values(self):
        before = h.read_bytes(self.service.settings_file)
        result = self.refused("config", "set", "imap.maxConnections", "0",
                              fragments=("imap.maxConnections", "between 1 and 100000", "found 0"))
        self.refused("config", "set", "imap.maxConnections", "1000000", fragments=("between 1 and 100000",))
        self.refused("config", "set", "imap.maxConnections", "lots", fragments=("'lots' is not a whole number",))
        self.refused("config", "set", "imap.enabled", "maybe", fragments=("true or false",))
        self.refused("config", "set", "imap.bindings", "127.0.0.1:99999", fragments=("99999",))
        self.refused("config", "set", "pop3.loginType", "whatever", fragments=("secureLogin",))
        self.refused("config", "set", "smtp.trustedNetworks", "everyone", fragments=("address/prefix",))
        self.refused("config", "set", "server.fqdn", "not a host", fragments=("not a valid host name",))
        # Nothing refused reached the file or the running settings.
        self.assertEqual(h.read_bytes(self.service.settings_file), before)
        field = self.assertCtlOk(self.service.ctl("--json", "config", "get", "imap.maxConnections")).json()
        self.assertEqual(field["value"], 500)
        self.assertIn("1 and 100000", result.stderr)

    def test_two_listeners_on_one_address_and_port(self):
        for protocol in ("smtp", "submission"):
            self.addCleanup(self.service.ctl, "protocol", "disable", protocol)
        port = h.free_port()
        self.enable_protocol("smtp", port)
        # Configuring the clash on a disabled protocol is allowed; enabling it is not.
        self.bind_protocol("submission", port)
        result = self.refused("protocol", "enable", "submission",
                              fragments=("127.0.0.1:%d" % port, "smtp.bindings",
                                         "two listeners cannot share an address and port"))
        self.assertActionable(result.stderr)
        status = self.assertServiceAlive()
        self.assertFalse(status["protocols"]["submission"]["enabled"])
        self.assertEqual([(l["protocol"], l["state"]) for l in status["listeners"]], [("smtp", "listening")])

        # The same clash through config set on an enabled protocol.
        other = h.free_port()
        self.enable_protocol("submission", other)
        self.refused("config", "set", "submission.bindings", "127.0.0.1:%d" % port,
                     fragments=("two listeners cannot share an address and port",))
        field = self.assertCtlOk(self.service.ctl("--json", "config", "get", "submission.bindings")).json()
        self.assertEqual(field["value"], ["127.0.0.1:%d" % other])
        self.assertGreets("submission", other)
        # 0.0.0.0 covers 127.0.0.1, so it clashes too.
        self.refused("config", "set", "submission.bindings", "0.0.0.0:%d" % port,
                     fragments=("two listeners cannot share an address and port",))

    def test_usage_errors(self):
        result = self.refused("frobnicate", code=h.EXIT_USAGE, fragments=("unknown command 'frobnicate'",
                                                                        "tegamictl help"))
        self.refused("user", "frobnicate", code=h.EXIT_USAGE, fragments=("unknown command 'user frobnicate'",))
        self.refused("domain", "add", code=h.EXIT_USAGE, fragments=("usage: tegamictl domain add DOMAIN",))
        self.refused("user", "set", "alice@example.com", code=h.EXIT_USAGE, fragments=("nothing to change",))
        self.refused("user", "set", "alice@example.com", "--enabled", "maybe", code=h.EXIT_USAGE,
                     fragments=("--enabled takes true or false",))
        self.refused("user", "set", "alice@example.com", "--quota", "lots", code=h.EXIT_USAGE,
                     fragments=("--quota takes a size",))
        self.refused("log", "tail", "--lines", "many", code=h.EXIT_USAGE, fragments=("--lines takes a number",))
        self.refused("config", "set", "imap.maxConnections", code=h.EXIT_USAGE, fragments=("config set KEY VALUE",))
        self.refused("status", "--data-dir", code=h.EXIT_USAGE, fragments=("--data-dir needs a value",))
        self.assertActionable(result.stderr)

    def test_huge_quota_is_a_usage_error(self):
        for size in ("1e30", "9999999T"):
            self.refused("user", "set", "alice@example.com", "--quota", size, code=h.EXIT_USAGE,
                         fragments=("--quota",))


class ServiceNotRunning(h.TegamiTestCase):
    def test_unreachable_service_exits_3_and_says_how_to_start_it(self):
        os.makedirs(self.service.data_dir)
        for args in (("status",), ("--json", "domain", "list"), ("user", "add", "a@example.com")):
            result = self.service.ctl(*args, stdin="a-long-password\n")
            self.assertCtlFails(result, h.EXIT_UNREACHABLE, "cannot reach tegamid", self.service.control_socket,
                                "tegamid --data-dir")
            self.assertEqual(result.stdout, "")

    def test_stopped_service_exits_3(self):
        self.start_service()
        self.assertEqual(self.service.stop(), 0)
        result = self.service.ctl("status")
        self.assertCtlFails(result, h.EXIT_UNREACHABLE, "cannot reach tegamid", "tegamid --data-dir")


if __name__ == "__main__":
    h.main()
