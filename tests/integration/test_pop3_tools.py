"""POP3 with the command-line clients admins use: curl (pop3:// with STARTTLS, pop3s://)
and fetchmail (STLS and implicit TLS, leaving mail on the server and deleting it).

Both check the certificate against the exported one and the server's name, as a client
on the network would.
"""
import getpass
import os
import shlex
import shutil
import subprocess
import sys
import unittest

import tegami_harness as h
import test_pop3_support as pop

# fetchmail's MDA: one file per message, in arrival order.
DELIVER = """import os, sys
target = sys.argv[1]
data = sys.stdin.buffer.read()
name = os.path.join(target, "%04d.eml" % len(os.listdir(target)))
with open(name + ".tmp", "wb") as f:
    f.write(data)
os.rename(name + ".tmp", name)
"""


def require(tool):
    if shutil.which(tool) is None:
        raise unittest.SkipTest("%s is not installed; run installer/install-deps.sh" % tool)


class Curl(pop.Pop3TestCase):
    @classmethod
    def setUpClass(cls):
        require("curl")
        super().setUpClass()

    def curl(self, url, address, *extra, check=True):
        """curl against the listener by the server's name, resolved to 127.0.0.1."""
        port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
        argv = ["curl", "--silent", "--show-error", "--max-time", "30", "--cacert", self.pop3.cafile,
                "--resolve", "%s:%d:127.0.0.1" % (pop.FQDN, port), "--user", "%s:%s" % (address, pop.PASSWORD)]
        argv += list(extra) + [url]
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        if check:
            self.assertEqual(proc.returncode, 0, "%s failed: %s" % (" ".join(argv), proc.stderr.decode()))
        return proc

    def url(self, scheme, port, number=None):
        return "%s://%s:%d/%s" % (scheme, pop.FQDN, port, "" if number is None else number)

    def listing(self, scheme, port, address, *extra):
        out = self.curl(self.url(scheme, port), address, *extra).stdout
        self.assertTrue(out.endswith(b"\r\n"), out)
        return {int(n): int(s) for n, s in (line.split() for line in out.splitlines())}

    def retrieve_all(self, scheme, port, address, expected, *extra):
        sizes = self.listing(scheme, port, address, *extra)
        self.assertEqual(sorted(sizes), list(range(1, len(expected) + 1)))
        found = {}
        for number, size in sizes.items():
            data = self.curl(self.url(scheme, port, number), address, *extra).stdout
            ident = pop.message_id(data)
            self.assertIn(ident, expected, data[:300])
            self.assertEqual(data, expected[ident])
            self.assertEqual(len(data), size, "LIST differs from what RETR sent")
            found[ident] = number
        self.assertEqual(set(found), set(expected))
        return found

    def test_starttls_lists_and_retrieves_byte_exact(self):
        imported = [pop.message("curl one", [b"Hello from curl."]), pop.dotted_message(),
                    pop.large_message(2 * 1024 * 1024)]
        expected = {pop.message_id(m): m for m in imported}
        address = self.new_mailbox(imported)
        # SASL PLAIN without and with an initial response, and SASL LOGIN.
        for extra in ((), ("--sasl-ir",), ("--login-options", "AUTH=LOGIN")):
            with self.subTest(auth=extra):
                self.retrieve_all("pop3", self.pop3.plain, address, expected, "--ssl-reqd", *extra)
        self.assertEqual(self.message_count(address), len(imported))

    def test_pop3s_retrieves_and_deletes(self):
        imported = [pop.message("curl s%d" % i, [b"line %d" % i, b".", b"end"]) for i in range(3)]
        expected = {pop.message_id(m): m for m in imported}
        address = self.new_mailbox(imported)
        numbers = self.retrieve_all("pop3s", self.pop3.implicit, address, expected)
        victim = numbers[pop.message_id(imported[1])]
        # curl sends DELE then QUIT: the message is gone for good.
        self.curl(self.url("pop3s", self.pop3.implicit, victim), address, "--request", "DELE", "--head")
        self.assertEqual(self.message_count(address), 2)
        del expected[pop.message_id(imported[1])]
        self.retrieve_all("pop3s", self.pop3.implicit, address, expected)
        uidl = self.curl(self.url("pop3s", self.pop3.implicit), address, "--request", "UIDL").stdout
        self.assertEqual(len(uidl.splitlines()), 2, uidl)

    def test_no_login_without_tls(self):
        address = self.new_mailbox([pop.message("curl plain", [b"secret mail"])])
        # Without --ssl-reqd curl does not upgrade; the default login type refuses it.
        proc = self.curl(self.url("pop3", self.pop3.plain, 1), address, check=False)
        self.assertNotEqual(proc.returncode, 0, proc)
        self.assertNotIn(b"secret mail", proc.stdout)
        # With the upgrade, the same request works.
        self.assertIn(b"secret mail", self.curl(self.url("pop3", self.pop3.plain, 1), address, "--ssl-reqd").stdout)


class Fetchmail(pop.Pop3TestCase):
    @classmethod
    def setUpClass(cls):
        require("fetchmail")
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.home = self.path("fetchmail-%d" % self.next_number())
        self.outbox = os.path.join(self.home, "delivered")
        os.makedirs(self.outbox)
        self.deliver = os.path.join(self.home, "deliver.py")
        with open(self.deliver, "w") as f:
            f.write(DELIVER)

    def rcfile(self, address, implicit, keep):
        """A fetchmail configuration that verifies the certificate: the poll name is the
        server's FQDN (what the certificate names), `via` the address it listens on."""
        port = self.pop3.implicit if implicit else self.pop3.plain
        tls = "ssl sslproto tls1.2+" if implicit else "sslproto tls1.2+"  # without `ssl`: STLS, required
        lines = [
            "set no syslog",
            "poll %s via 127.0.0.1 port %d protocol pop3 uidl timeout 30" % (pop.FQDN, port),
            '  user "%s" there with password "%s" is "%s" here' % (address, pop.PASSWORD, getpass.getuser()),
            '  %s sslcertck sslcertfile "%s" sslcommonname "%s"' % (tls, self.pop3.cafile, pop.FQDN),
            "  %s no rewrite" % ("keep" if keep else "no keep"),
            '  mda "%s"' % " ".join(shlex.quote(a) for a in (sys.executable, self.deliver, self.outbox)),
        ]
        path = os.path.join(self.home, "fetchmailrc")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)  # fetchmail refuses a password file others can read
        return path

    def fetch(self, rcfile):
        """One polling run; returns (exit status, output). 0: mail was delivered, 1: none."""
        env = dict(os.environ, HOME=self.home, FETCHMAILHOME=self.home)
        argv = ["fetchmail", "--fetchmailrc", rcfile, "--idfile", os.path.join(self.home, "fetchids"),
                "--pidfile", os.path.join(self.home, "fetchmail.pid"), "--nodetach", "--invisible", "--verbose"]
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=90)
        return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace")

    def delivered(self):
        return [h.read_bytes(os.path.join(self.outbox, n)) for n in sorted(os.listdir(self.outbox))
                if n.endswith(".eml")]

    def assertDelivered(self, expected):
        """fetchmail hands the MDA LF line ends; the bytes are otherwise the message's."""
        got = {pop.message_id(m): m for m in self.delivered()}
        self.assertEqual(set(got), {pop.message_id(m) for m in expected})
        for m in expected:
            self.assertEqual(got[pop.message_id(m)], pop.to_lf(m))

    def test_keep_leaves_the_mail_and_uidl_fetches_only_new_mail(self):
        imported = [pop.message("fetch keep %d" % i, [b"body %d" % i]) for i in range(2)] + [pop.dotted_message()]
        address = self.new_mailbox(imported)
        rc = self.rcfile(address, implicit=False, keep=True)
        status, output = self.fetch(rc)
        self.assertEqual(status, 0, output)
        self.assertIn("STLS", output)
        self.assertDelivered(imported)
        self.assertEqual(self.message_count(address), len(imported), "keep must leave the mail on the server")

        # Same UIDLs next time: nothing is fetched twice.
        status, output = self.fetch(rc)
        self.assertEqual(status, 1, output)
        self.assertEqual(len(self.delivered()), len(imported))

        newer = pop.message("fetch keep new", [b"arrived later"])
        self.import_messages(address, [newer])
        status, output = self.fetch(rc)
        self.assertEqual(status, 0, output)
        self.assertDelivered(imported + [newer])
        self.assertEqual(self.message_count(address), len(imported) + 1)

    def test_no_keep_deletes_what_it_fetched(self):
        imported = [pop.message("fetch flush %d" % i, [b"body %d" % i]) for i in range(3)]
        imported.append(pop.large_message(1024 * 1024))
        address = self.new_mailbox(imported)
        status, output = self.fetch(self.rcfile(address, implicit=True, keep=False))
        self.assertEqual(status, 0, output)
        self.assertDelivered(imported)
        self.assertEqual(self.message_count(address), 0, "no keep must delete the mail on the server")
        self.assertEqual(self.export(address), [])

    # fetchmail downloads with "TOP n 99999999", never with RETR: a TOP that sent the
    # whole message counts as a retrieval, so the policy applies to fetchmail users too.
    def test_the_after_retrieval_policy_applies_to_what_fetchmail_downloads(self):
        imported = [pop.message("fetch archive %d" % i, [b"body %d" % i]) for i in range(2)]
        address = self.new_mailbox(imported)
        self.assertCtlOk(self.service.ctl("user", "set", address, "--pop-after", "archive"))
        status, output = self.fetch(self.rcfile(address, implicit=True, keep=True))
        self.assertEqual(status, 0, output)
        self.assertDelivered(imported)
        self.assertEqual(sorted(m for _, m in self.export(address, "Archive")), sorted(imported))
        self.assertEqual(self.export(address), [])


if __name__ == "__main__":
    h.main()
