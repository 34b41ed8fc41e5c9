"""Passwords never reach a log, the settings or any other file of the data directory:
the accounts database keeps only an Argon2 hash."""

import os
import pty
import select
import subprocess
import termios

import tegami_harness as h

# Distinctive, so that a hit cannot be a coincidence.
FIRST = "Kx7-first-Zebra-Quartz-4711"
SECOND = "Pw9-second-Mango-Violet-0815"
REFUSED = "Rf3-refused-Lotus-Cobalt-2024"  # sent with a request that fails
SECRETS = (FIRST, SECOND, REFUSED)


def encodings(secret):
    # UTF-8 as most files hold text, UTF-16 as Qt holds strings in memory (a careless
    # dump of a QString would show it).
    return (secret.encode("utf-8"), secret.encode("utf-16-le"))


def files_under(directory):
    for base, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(base, name)
            if os.path.isfile(path):
                yield path


class PasswordsStaySecret(h.TegamiTestCase):
    def assertNoSecretIn(self, data, where):
        for secret in SECRETS:
            for encoded in encodings(secret):
                self.assertNotIn(encoded, data, "a password (%s) is in %s" % (secret, where))

    def assertDataDirectoryClean(self):
        checked = 0
        for path in files_under(self.service.data_dir):
            self.assertNoSecretIn(h.read_bytes(path), path)
            checked += 1
        logs = list(files_under(os.path.join(self.service.data_dir, "logs")))
        self.assertIn(self.service.service_log, logs)
        self.assertTrue(any(p.startswith(self.service.protocol_log_dir) for p in logs), logs)
        return checked

    def test_passwords_are_in_no_file_and_no_output(self):
        self.start_service()
        port = h.free_port()
        self.enable_protocol("imap", port)
        self.add_domain("example.com")
        outputs = []
        outputs.append(self.assertCtlOk(self.service.ctl("user", "add", "alice@example.com", "--password-stdin",
                                                         stdin=FIRST + "\n")))
        outputs.append(self.assertCtlOk(self.service.ctl("--json", "user", "passwd", "alice@example.com",
                                                         stdin=SECOND + "\n")))
        outputs.append(self.assertCtlFails(self.service.ctl("user", "add", "bob@nowhere.example",
                                                            stdin=REFUSED + "\n")))
        outputs.append(self.assertCtlFails(self.service.ctl("user", "add", "alice@example.com",
                                                            stdin=REFUSED + "\n")))
        # Raw control traffic with a password in a malformed request.
        self.service.rpc_raw(('{"jsonrpc":"2.0","id":1,"method":"user.passwd","params":{"password":"%s"' % REFUSED)
                             .encode() + b"\n")
        self.service.rpc("user.add", {"address": "carol@example.com", "password": REFUSED, "quotaBytes": -5})
        self.assertGreets("imap", port)  # some protocol traffic in the log as well

        outputs.append(self.assertCtlOk(self.service.ctl("--json", "log", "tail", "--lines", "100000")))
        outputs.append(self.assertCtlOk(self.service.ctl("log", "tail", "--lines", "100000")))
        outputs.append(self.assertCtlOk(self.service.ctl("--json", "user", "list")))
        outputs.append(self.assertCtlOk(self.service.ctl("--json", "status")))
        outputs.append(self.assertCtlOk(self.service.ctl("--json", "config", "get")))
        for result in outputs:
            self.assertNoSecretIn(result.stdout.encode(), result.command() + " (stdout)")
            self.assertNoSecretIn(result.stderr.encode(), result.command() + " (stderr)")
        self.assertIn('"proto":"control"', outputs[4].stdout.replace(" ", ""))  # the tail is not empty

        # While running, and after a clean stop (everything flushed and checkpointed).
        self.assertDataDirectoryClean()
        self.assertEqual(self.service.stop(), 0)
        self.assertGreaterEqual(self.assertDataDirectoryClean(), 4)
        for text in self.service.output():
            self.assertNoSecretIn(text.encode(), "the output of tegamid")

        # The database does hold the password, as an Argon2id hash.
        database = b"".join(h.read_bytes(p) for p in files_under(self.service.data_dir)
                            if os.path.basename(p).startswith("accounts.db"))
        self.assertIn(b"$argon2id$", database)


class InteractivePrompt(h.TegamiTestCase):
    def test_password_typed_at_a_terminal_is_not_echoed(self):
        self.start_service()
        self.add_domain("example.com")
        master, terminal = pty.openpty()
        self.addCleanup(os.close, master)
        self.addCleanup(os.close, terminal)
        proc = h.spawn([h.TEGAMICTL, "--data-dir", self.service.data_dir, "user", "add", "dave@example.com"],
                       stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(h.stop_process, proc)

        # Type only once tegamictl has switched echo off (the terminal's own flags say so).
        h.wait_until(lambda: not termios.tcgetattr(terminal)[3] & termios.ECHO, timeout=10,
                     what="tegamictl to turn off echo on the terminal")
        os.write(master, (FIRST + "\n").encode())
        out, err = proc.communicate(timeout=h.CTL_TIMEOUT)
        self.assertEqual(proc.returncode, h.EXIT_OK, err)
        self.assertEqual(out, b"Added mailbox dave@example.com\n")
        self.assertIn(b"Password for dave@example.com: ", err)

        echoed = b""
        while select.select([master], [], [], 0.1)[0]:
            chunk = os.read(master, 4096)
            if not chunk:
                break
            echoed += chunk
        self.assertNotIn(FIRST.encode(), echoed, "the password was echoed to the terminal")
        self.assertNotIn(FIRST.encode(), out + err)
        self.assertTrue(termios.tcgetattr(terminal)[3] & termios.ECHO, "echo was not switched back on")
        users = self.assertCtlOk(self.service.ctl("--json", "user", "list")).json()
        self.assertEqual([u["address"] for u in users], ["dave@example.com"])


if __name__ == "__main__":
    h.main()
