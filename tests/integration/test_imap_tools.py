"""IMAP with the command-line clients people use: mbsync (isync) synchronising a mailbox
both ways with a local Maildir, over implicit TLS and STARTTLS; curl listing folders,
fetching by UID, searching and uploading over imaps:// and imap:// with STARTTLS.

Both verify the certificate against the exported one (mbsync connects to "localhost",
which the test certificate names; curl to the server's FQDN, resolved to 127.0.0.1).
"""
import os
import shutil
import subprocess
import time
import unittest

import tegami_harness as h
import test_imap_support as imap


def require(tool):
    if shutil.which(tool) is None:
        raise unittest.SkipTest("%s is not installed; run installer/install-deps.sh" % tool)


def normalised(data):
    """A message as both sides must agree on it: LF line ends (Maildir), without the X-TUID
    header mbsync adds to messages it uploads."""
    lines = imap.pop.to_lf(data).split(b"\n")
    return b"\n".join(l for l in lines if not l.startswith(b"X-TUID: "))


def read_local(folder):
    """{Message-ID: (flags, normalised bytes)} of a local Maildir folder; a duplicate
    Message-ID fails."""
    out = {}
    for sub in ("cur", "new"):
        directory = os.path.join(folder, sub)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            data = h.read_bytes(os.path.join(directory, name))
            ident = imap.message_id(data)
            if ident in out:
                raise AssertionError("message %s twice in %s" % (ident, folder))
            out[ident] = (name.split(":2,", 1)[1] if ":2," in name else "", normalised(data))
    return out


class Mbsync(imap.ImapTestCase):
    @classmethod
    def setUpClass(cls):
        require("mbsync")
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.home = self.path("mbsync-%d" % self.next_number())
        self.local = os.path.join(self.home, "Mail")
        os.makedirs(self.local)

    def rcfile(self, address, starttls):
        port = self.imap.plain if starttls else self.imap.implicit
        lines = [
            "IMAPAccount tegami",
            "Host %s" % imap.LOCALHOST,
            "Port %d" % port,
            'User "%s"' % address,
            'Pass "%s"' % imap.PASSWORD,
            "SSLType %s" % ("STARTTLS" if starttls else "IMAPS"),
            "SSLVersions TLSv1.2 TLSv1.3",
            'CertificateFile "%s"' % self.imap.cafile,
            # With STARTTLS the plain LOGIN command; with implicit TLS SASL (PLAIN).
            "AuthMechs %s" % ("LOGIN" if starttls else "*"),
            "Timeout 60",
            "",
            "IMAPStore remote",
            "Account tegami",
            "",
            "MaildirStore local",
            'Path "%s/"' % self.local,
            'Inbox "%s/INBOX"' % self.local,
            "SubFolders Verbatim",
            "",
            "Channel mail",
            "Far :remote:",
            "Near :local:",
            "Patterns *",
            "Sync All",
            "Create Both",
            "Expunge Both",
            "SyncState *",
        ]
        path = os.path.join(self.home, "mbsyncrc")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)
        return path

    def sync(self, rcfile):
        env = dict(os.environ, HOME=self.home)
        proc = subprocess.run(["mbsync", "--verbose", "--config", rcfile, "mail"], stdin=subprocess.DEVNULL,
                              capture_output=True, env=env, timeout=180)
        output = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 0, "mbsync failed:\n" + output[-4000:])
        return output

    def server(self, address, folder="INBOX"):
        out = {}
        for flags, data in self.export(address, folder):
            ident = imap.message_id(data)
            self.assertNotIn(ident, out, "message %s twice in %s on the server" % (ident, folder))
            out[ident] = (flags, normalised(data))
        return out

    def assertSame(self, address, folder="INBOX", count=None):
        remote = self.server(address, folder)
        local = read_local(os.path.join(self.local, folder))
        self.assertEqual(sorted(remote), sorted(local), folder)
        for ident in remote:
            self.assertEqual(remote[ident][1], local[ident][1], ident)
            self.assertEqual("S" in remote[ident][0], "S" in local[ident][0], (ident, remote[ident], local[ident]))
        if count is not None:
            self.assertEqual(len(remote), count, folder)
        return remote

    def local_message(self, folder, data, flags=None):
        directory = os.path.join(self.local, folder, "cur" if flags is not None else "new")
        os.makedirs(directory, exist_ok=True)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(self.local, folder, sub), exist_ok=True)
        name = "%d.M%dP%d.testhost" % (time.time(), self.next_number(), os.getpid())
        if flags is not None:
            name += ":2," + flags
        with open(os.path.join(directory, name), "wb") as f:
            f.write(imap.pop.to_lf(data))

    def both_ways(self, starttls):
        remote_mail = [(imap.message("mbsync server %d" % i, [b"from the server %d" % i, b".dot"]), "S" if i == 0
                        else "") for i in range(3)]
        address = self.new_mailbox(remote_mail)
        self.import_messages(address, [imap.message("mbsync work", [b"in a folder"])], folder="Work")
        self.local_message("INBOX", imap.message("mbsync local 1", [b"written locally"]))
        rc = self.rcfile(address, starttls)

        # Run 1: each side gets the other's mail; run 2 changes nothing.
        for run in (1, 2):
            with self.subTest(run=run):
                self.sync(rc)
                self.assertSame(address, "INBOX", 4)
                self.assertSame(address, "Work", 1)
                self.assertEqual(self.server(address, "Trash"), {})

        # A change on each side.
        self.import_messages(address, [imap.message("mbsync server new", [b"arrived later"])])
        c = self.logged_in(address, select="INBOX")
        r = c.ok("SEARCH SUBJECT \"mbsync server 1\"")
        c.ok("STORE %d +FLAGS.SILENT (\\Deleted)" % r.search()[0])
        c.ok("EXPUNGE")
        c.logout()
        self.local_message("INBOX", imap.message("mbsync local 2", [b"also written locally"]))
        self.local_message("Work", imap.message("mbsync local work", [b"local folder mail"]))
        local = read_local(os.path.join(self.local, "INBOX"))
        victim = imap.message_id(imap.message("mbsync server 2", [b"from the server 2", b".dot"]))
        unread = imap.message_id(imap.message("mbsync local 1", [b"written locally"]))
        self.assertIn(victim, local)
        for sub in ("cur", "new"):
            directory = os.path.join(self.local, "INBOX", sub)
            for name in os.listdir(directory):
                ident = imap.message_id(h.read_bytes(os.path.join(directory, name)))
                if ident == victim:
                    os.remove(os.path.join(directory, name))
                elif ident == unread:  # mark it read locally
                    base = name.split(":2,", 1)[0]
                    flags = name.split(":2,", 1)[1] if ":2," in name else ""
                    os.rename(os.path.join(directory, name),
                              os.path.join(self.local, "INBOX", "cur", base + ":2," + "".join(sorted(set(flags + "S")))))
        for run in (3, 4):
            with self.subTest(run=run):
                self.sync(rc)
                remote = self.assertSame(address, "INBOX", 4)
                self.assertNotIn(victim, remote)
                self.assertNotIn(imap.message_id(imap.message("mbsync server 1", [b"x"])), remote)
                self.assertIn("S", remote[unread][0], "the local \\Seen reached the server")
                self.assertSame(address, "Work", 2)

    def test_imaps_both_ways(self):
        self.both_ways(starttls=False)

    def test_starttls_both_ways(self):
        self.both_ways(starttls=True)


class Curl(imap.ImapTestCase):
    @classmethod
    def setUpClass(cls):
        require("curl")
        super().setUpClass()

    def curl(self, url, address, *extra, check=True):
        port = int(url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        argv = ["curl", "--silent", "--show-error", "--max-time", "60", "--cacert", self.imap.cafile,
                "--connect-to", "%s:%d:127.0.0.1:%d" % (imap.FQDN, port, port),
                "--user", "%s:%s" % (address, imap.PASSWORD)] + list(extra) + [url]
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=90)
        if check:
            self.assertEqual(proc.returncode, 0, "%s failed: %s" % (" ".join(argv), proc.stderr.decode()))
        return proc

    def url(self, scheme, path=""):
        port = self.imap.implicit if scheme == "imaps" else self.imap.plain
        return "%s://%s:%d/%s" % (scheme, imap.FQDN, port, path)

    def setUp(self):
        super().setUp()
        self.imported = [imap.message("curl one", [b"Hello from curl."]), imap.pop.dotted_message(),
                         imap.large_message(1024 * 1024)]
        self.address = self.new_mailbox(self.imported)
        c = self.logged_in(self.address, select="INBOX")
        self.uids = [int(i[b"UID"]) for _, i in sorted(c.ok("FETCH 1:* UID").fetches().items())]
        c.logout()

    def test_imaps_lists_and_fetches(self):
        listing = self.curl(self.url("imaps"), self.address).stdout
        lines = listing.splitlines()
        self.assertTrue(all(l.startswith(b"* LIST ") for l in lines), listing)
        folders = {imap.parse_data(l + b"\r\n", 2)[0][3] for l in lines}
        self.assertLessEqual({b"INBOX", b"Sent", b"Drafts", b"Trash", b"Junk", b"Archive"}, folders)
        for uid, data in zip(self.uids, self.imported):
            with self.subTest(uid=uid):
                got = self.curl(self.url("imaps", "INBOX;UID=%d" % uid), self.address).stdout
                self.assertEqual(got, imap.to_crlf(data))
        text = self.curl(self.url("imaps", "INBOX;UID=%d;SECTION=TEXT" % self.uids[0]), self.address).stdout
        self.assertEqual(text, b"Hello from curl.\r\n")
        search = self.curl(self.url("imaps", "INBOX?SUBJECT%20dots"), self.address).stdout
        self.assertEqual(search.strip(), b"* SEARCH 2")
        # curl fetches with BODY[], not BODY.PEEK[]: the messages are read now.
        c = self.logged_in(self.address)
        self.assertEqual(c.ok("STATUS INBOX (UNSEEN)").of("STATUS")[0].words()[-1], [b"UNSEEN", b"0"])

    def test_starttls_fetches_and_plain_is_refused(self):
        got = self.curl(self.url("imap", "INBOX;UID=%d" % self.uids[1]), self.address, "--ssl-reqd").stdout
        self.assertEqual(got, imap.to_crlf(self.imported[1]))
        proc = self.curl(self.url("imap", "INBOX;UID=%d" % self.uids[0]), self.address, check=False)
        self.assertNotEqual(proc.returncode, 0, "curl logged in without TLS: %r" % proc)
        self.assertNotIn(b"Hello from curl", proc.stdout)

    def test_upload_appends(self):
        upload = os.path.join(self.root, "upload-%d.eml" % self.next_number())
        data = imap.message("curl upload", [b"uploaded by curl"])
        with open(upload, "wb") as f:
            f.write(data)
        self.curl(self.url("imaps", "Drafts"), self.address, "--upload-file", upload)
        self.assertEqual([m for _, m in self.export(self.address, "Drafts")], [data])


if __name__ == "__main__":
    h.main()
