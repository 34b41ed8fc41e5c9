"""Backups of a running tegamid: `tegamictl backup create|verify|restore`.

A backup taken while mail keeps arriving over SMTP holds every message whose 250 came
before the backup began; restoring it (into the same running service, and into a fresh
one) gives back exactly the snapshot's mailboxes and messages (UIDs, flags, sizes, bytes),
delivers the queued mail it held, and brings back the settings, the accounts (old
passwords work) and the certificates. Damaged and foreign files are refused before
anything is touched.

Standard library only.
"""

import imaplib
import io
import json
import os
import re
import smtplib
import sqlite3
import stat
import sys
import tarfile
import threading
import time

import tegami_harness as h
import test_pop3_support as pop
import test_smtp_support as smtp

DOMAIN = smtp.DOMAIN
REMOTE = "remote.example"
ALICE = "alice@" + DOMAIN
BOB = "bob@" + DOMAIN
PASSWORD = "Backup-Secret-5c1d!q"
MESSAGE_ID = re.compile(rb"^Message-ID: <([^>]+)>", re.MULTILINE | re.IGNORECASE)


def load_message(n):
    body = b"".join(b"line %d of message %d, some text to make it longer\r\n" % (i, n) for i in range(20 + n % 40))
    return (b"From: Load <load@sender.example>\r\nTo: " + ALICE.encode() + b"\r\nSubject: load %d\r\n" % n
            + b"Message-ID: <load-%d@sender.example>\r\n\r\n" % n + body)


class Sender(threading.Thread):
    """Sends messages to alice and bob over the MX, one connection, until told to stop;
    records the monotonic time at which each 250 arrived."""

    def __init__(self, port, limit):
        super().__init__(daemon=True)
        self.port = port
        self.limit = limit
        self.acked = []  # (message id, time of its 250)
        self.error = None
        self.stop_event = threading.Event()

    def run(self):
        try:
            client = smtp.Smtp(self.port)
            client.command("EHLO mx.sender.example")
            for n in range(self.limit):
                if self.stop_event.is_set():
                    break
                for line, code in (("MAIL FROM:<load@sender.example>", 250), ("RCPT TO:<%s>" % ALICE, 250),
                                   ("RCPT TO:<%s>" % BOB, 250), ("DATA", 354)):
                    reply = client.command(line)
                    if reply.code != code:
                        raise AssertionError("%s: %r" % (line, reply))
                client.send(load_message(n) + b".\r\n")
                reply = client.reply()
                if reply.code != 250:
                    raise AssertionError("DATA: %r" % reply)
                self.acked.append(("load-%d@sender.example" % n, time.monotonic()))
            client.command("QUIT")
            client.close()
        except Exception as e:  # reported by the test
            self.error = e


class Snapshot:
    """What a backup file holds, read with Python's own tar and SQLite."""

    def __init__(self, path, into):
        with tarfile.open(path) as tar:
            names = tar.getnames()
            tar.extractall(into)
        self.names = names
        self.root = into
        with open(os.path.join(into, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.messages = read_index(os.path.join(into, "store", "index.db"))
        self.queued = {}
        queue = os.path.join(into, "queue", "messages")
        for name in sorted(os.listdir(queue)) if os.path.isdir(queue) else []:
            if name.endswith(".eml"):
                with open(os.path.join(queue, name), "rb") as f:
                    self.queued[name[:-4]] = f.read()

    def message_ids(self):
        """Message-IDs in the store (with their owners) and in the queue."""
        stored = set()
        for (owner, _, _), row in self.messages.items():
            with open(os.path.join(self.root, "store", "messages", "%02x" % (row["file"] & 0xff),
                                   "%08x.eml" % row["file"]), "rb") as f:
                found = MESSAGE_ID.search(f.read())
            if found:
                stored.add((owner, found.group(1).decode()))
        queued = set()
        for data in self.queued.values():
            found = MESSAGE_ID.search(data)
            if found:
                queued.add(found.group(1).decode())
        return stored, queued


def read_index(path):
    """{(owner, folder, uid): {flags, keywords, size, uidvalidity, file}} of a store index."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT f.owner, f.name, f.uid_validity, m.uid, m.flags, COALESCE(m.keywords, ''), "
                          "m.size, m.file_id FROM messages m JOIN folders f ON f.id = m.folder_id").fetchall()
    finally:
        db.close()
    return {(owner, folder, uid): {"flags": flags, "keywords": keywords, "size": size, "uidvalidity": validity,
                                   "file": file_id}
            for owner, folder, validity, uid, flags, keywords, size, file_id in rows}


class BackupTest(h.TegamiTestCase):

    def setUp(self):
        super().setUp()
        self.start_service()
        self.endpoints = self.set_up_mail(self.service)

    def set_up_mail(self, service):
        endpoints = smtp.setup_smtp(service, self.root)
        self.imap_port = h.free_port()
        for key, value in (("imap.bindings", "[]"), ("imap.tlsBindings", "127.0.0.1:%d" % self.imap_port),
                           ("security.maxFailuresPerAddress", "10000")):
            h.ctl_ok(service, "config", "set", key, value)
        h.ctl_ok(service, "protocol", "enable", "imap")
        self.add_user(ALICE, PASSWORD, service=service)
        self.add_user(BOB, PASSWORD, service=service)
        self.tls = pop.client_context(endpoints.cafile)
        return endpoints

    def imap(self, user=ALICE, password=PASSWORD):
        client = imaplib.IMAP4_SSL("127.0.0.1", self.imap_port, ssl_context=self.tls, timeout=30)
        self.addCleanup(lambda: client.logout() if client.state != "LOGOUT" else None)
        client.login(user, password)
        return client

    def imap_inbox(self, user=ALICE):
        """{uid: (flags set, size, message id)} of the user's INBOX over IMAP."""
        client = self.imap(user)
        typ, _ = client.select("INBOX")
        self.assertEqual(typ, "OK")
        typ, data = client.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        self.assertEqual(typ, "OK")
        result = {}
        for item in data:
            if not isinstance(item, tuple):
                continue
            meta = item[0].decode()
            uid = int(re.search(r"UID (\d+)", meta).group(1))
            flags = set(re.search(r"FLAGS \(([^)]*)\)", meta).group(1).split())
            size = int(re.search(r"RFC822\.SIZE (\d+)", meta).group(1))
            found = MESSAGE_ID.search(item[1])
            result[uid] = (flags, size, found.group(1).decode() if found else None)
        client.logout()
        return result

    def backup(self, path, service=None):
        result = (service or self.service).ctl("backup", "create", path, timeout=120)
        self.assertCtlOk(result)
        return result

    def queue(self, service=None):
        return self.assertCtlOk((service or self.service).ctl("--json", "queue", "list")).json()

    def wait_queue_empty(self, service=None, timeout=30.0):
        """Until the queue holds nothing but mail for the unreachable remote domain."""
        h.wait_until(lambda: all(r["address"].endswith("@" + REMOTE) for m in self.queue(service)
                                 for r in m["recipients"]), timeout=timeout, what="local mail delivered")

    def queue_remote_message(self):
        """Mail for a remote domain whose next hop refuses connections: it waits in the queue
        (accepted, not delivered) with a retry an hour away. Returns its queue id."""
        self.assertCtlOk(self.service.ctl("config", "set", "outbound.routes", "%s=127.0.0.1:%d"
                                          % (REMOTE, h.free_port())))
        self.assertCtlOk(self.service.ctl("config", "set", "outbound.retrySecs", "3600"))
        self.assertCtlOk(self.service.ctl("config", "set", "submission.tarpitSecs", "0"))
        with smtplib.SMTP_SSL("127.0.0.1", self.endpoints.submission_tls, context=self.tls, timeout=15) as client:
            client.login(ALICE, PASSWORD)
            client.sendmail(ALICE, ["friend@" + REMOTE], load_message(999999))

        def deferred():
            for m in self.queue():
                if any(r["address"] == "friend@" + REMOTE and r["attempts"] >= 1 and not r["inFlight"]
                       for r in m["recipients"]):
                    return m["id"]
            return None
        return h.wait_until(deferred, timeout=20, what="the remote message deferred in the queue")

    # --- the tests ---------------------------------------------------------------------

    def test_backup_under_load_restores_identical_mail(self):
        # Some mail with flags before the load starts.
        sender = Sender(self.endpoints.mx, 10)
        sender.run()
        self.assertIsNone(sender.error)
        self.wait_queue_empty()
        client = self.imap()
        client.select("INBOX")
        self.assertEqual(client.uid("STORE", "2:4", "+FLAGS", r"(\Seen \Flagged)")[0], "OK")
        self.assertEqual(client.uid("STORE", "5", "+FLAGS", "(\\Answered $Work)")[0], "OK")
        client.logout()
        waiting = self.queue_remote_message()

        load = Sender(self.endpoints.mx, 100000)
        load.acked.extend(sender.acked)
        load.start()
        self.addCleanup(load.stop_event.set)
        h.wait_until(lambda: len(load.acked) >= 25, timeout=30, what="mail flowing")
        began = time.monotonic()
        path = os.path.join(self.root, "under-load.tar")
        created = self.backup(path)
        ended = time.monotonic()
        # Keep the load going a little past the backup, then stop it.
        h.wait_until(lambda: len(load.acked) >= 5 + len([a for a in load.acked if a[1] < ended]), timeout=30,
                     what="mail after the backup")
        load.stop_event.set()
        load.join(30)
        self.assertIsNone(load.error)

        # The CLI says what the file is and holds.
        self.assertIn("private keys", created.stdout)
        self.assertIn("password hashes", created.stdout)
        self.assertIn("Queue:", created.stdout)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)

        snap = Snapshot(path, os.path.join(self.root, "snapshot"))
        counts = snap.manifest["counts"]
        self.assertEqual(counts["messages"], len(snap.messages))
        self.assertEqual(counts["mailboxes"], 2)
        self.assertEqual(counts["queuedMessages"], len(snap.queued))
        self.assertGreater(counts["certificateFiles"], 0)
        self.assertIn("settings.json", snap.names)
        self.assertIn("accounts.db", snap.names)
        self.assertFalse([n for n in snap.names if n.startswith("queue/incoming")], snap.names)
        # Accepted but not delivered: in the backup, and in the queue again after a restore.
        self.assertIn(waiting, snap.queued)

        # Every message acknowledged before the backup began is in it, for both recipients:
        # delivered into the store, or still in the queue.
        stored, queued = snap.message_ids()
        before = [mid for mid, t in load.acked if t < began]
        self.assertGreaterEqual(len(before), 25)
        for mid in before:
            for owner in (ALICE, BOB):
                self.assertTrue((owner, mid) in stored or mid in queued,
                                "%s acknowledged before the backup began is not in it for %s" % (mid, owner))
        sys.stderr.write("backup under load: %d messages acknowledged before it began, %d during it; the snapshot "
                         "holds %d stored and %d queued\n"
                         % (len(before), len([a for a in load.acked if began <= a[1] <= ended]), len(snap.messages),
                            len(snap.queued)))
        # The flags set before the backup are in its index.
        flagged = {uid: row for (owner, folder, uid), row in snap.messages.items() if owner == ALICE and folder == "INBOX"}
        self.assertEqual(flagged[2]["flags"] & 0x05, 0x05)  # \Seen \Flagged
        self.assertEqual(flagged[5]["keywords"], "$Work")

        # Changes after the backup, which the restore must undo.
        self.assertCtlOk(self.service.ctl("user", "passwd", BOB, "--password-stdin", stdin="Changed-Pass-9z\n"))
        self.assertCtlOk(self.service.ctl("config", "set", "security.banSecs", "4321"))
        certs_before = sorted(c["id"] for c in
                              self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()["certificates"])
        self.assertCtlOk(self.service.ctl("cert", "generate", "other.example.test"))
        with open(os.path.join(snap.root, "settings.json")) as f:
            snap_settings = json.load(f)

        self.assertCtlOk(self.service.ctl("backup", "verify", path))
        restored = self.assertCtlOk(self.service.ctl("--json", "backup", "restore", path, "--force", timeout=120)).json()
        self.assertTrue(restored["previousData"].startswith(os.path.join(self.service.data_dir, "backups",
                                                                         "pre-restore-")))
        self.assertTrue(os.path.isdir(restored["previousData"]))
        self.assertServiceAlive()
        self.wait_queue_empty()
        self.assertIn(waiting, [m["id"] for m in self.queue()])

        # Store: every snapshot message is back with its UID, flags, size and bytes; the only
        # other messages are the queued ones the backup held, now delivered.
        live = read_index(os.path.join(self.service.data_dir, "store", "index.db"))
        for key, row in snap.messages.items():
            self.assertIn(key, live, "snapshot message %r is missing after the restore" % (key,))
            for field in ("flags", "keywords", "size", "uidvalidity"):
                self.assertEqual(live[key][field], row[field], (key, field))
        extra = set(live) - set(snap.messages)
        queued_recipients = 2 * len(snap.queued)
        self.assertLessEqual(len(extra), queued_recipients, extra)
        over_imap = self.imap_inbox(ALICE)
        for (owner, folder, uid), row in snap.messages.items():
            if owner == ALICE and folder == "INBOX":
                self.assertEqual(over_imap[uid][1], row["size"])
        self.assertTrue({"\\Seen", "\\Flagged"} <= over_imap[2][0], over_imap[2])
        self.assertIn("$Work", over_imap[5][0])
        ids_now = {mid for _, _, mid in over_imap.values()}
        for mid in before:
            self.assertIn(mid, ids_now)
        # Mail acknowledged after the backup is not in the restored data unless the snapshot had it.
        after_only = {mid for mid, t in load.acked if t > ended} - {m for _, m in stored} - queued
        self.assertFalse(after_only & ids_now, after_only & ids_now)

        # Accounts: bob's old password works again, the one set after the backup does not.
        self.imap(BOB, PASSWORD).logout()
        with self.assertRaises(imaplib.IMAP4.error):
            self.imap(BOB, "Changed-Pass-9z")
        # Settings and certificates as they were.
        with open(self.service.settings_file) as f:
            self.assertEqual(json.load(f), snap_settings)
        self.assertNotEqual(snap_settings["security"]["banSecs"], 4321)
        self.assertNotIn("4321", self.assertCtlOk(self.service.ctl("config", "get", "security.banSecs")).stdout)
        certs_after = sorted(c["id"] for c in
                             self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()["certificates"])
        self.assertEqual(certs_after, certs_before)

        # The same file restored into a fresh service gives the same mailboxes and messages.
        fresh = self.new_service("fresh")
        fresh.start()
        self.assertCtlOk(fresh.ctl("backup", "restore", path, "--force", timeout=120))
        self.assertServiceAlive(fresh)
        self.wait_queue_empty(fresh)
        self.assertIn(waiting, [m["id"] for m in self.queue(fresh)])
        fresh_index = read_index(os.path.join(fresh.data_dir, "store", "index.db"))
        for key, row in snap.messages.items():
            self.assertIn(key, fresh_index)
            self.assertEqual(fresh_index[key]["size"], row["size"])
            self.assertEqual(fresh_index[key]["flags"], row["flags"])
        fresh.stop()

    def test_damaged_and_foreign_backups_are_refused_before_anything_changes(self):
        sender = Sender(self.endpoints.mx, 5)
        sender.run()
        self.assertIsNone(sender.error)
        self.wait_queue_empty()
        path = os.path.join(self.root, "good.tar")
        self.backup(path)
        with open(path, "rb") as f:
            good = f.read()

        damaged = os.path.join(self.root, "damaged.tar")
        at = good.index(b"Subject: load 3")
        with open(damaged, "wb") as f:
            f.write(good[:at] + b"X" + good[at + 1:])
        result = self.service.ctl("backup", "verify", damaged)
        self.assertCtlFails(result, h.EXIT_FAILED, "damaged", "SHA-256")
        self.assertActionable(result.stderr)

        before = read_index(os.path.join(self.service.data_dir, "store", "index.db"))
        result = self.service.ctl("backup", "restore", damaged, "--force", timeout=60)
        self.assertCtlFails(result, h.EXIT_FAILED, "damaged")
        self.assertServiceAlive()
        self.assertEqual(read_index(os.path.join(self.service.data_dir, "store", "index.db")), before)
        self.assertFalse([d for d in os.listdir(os.path.join(self.service.data_dir, "backups"))
                          if d.startswith("pre-restore")])

        truncated = os.path.join(self.root, "truncated.tar")
        with open(truncated, "wb") as f:
            f.write(good[:len(good) // 2])
        self.assertCtlFails(self.service.ctl("backup", "verify", truncated), h.EXIT_FAILED, "truncated")

        # A backup from a newer Tegami: refused with the versions named.
        future = os.path.join(self.root, "future.tar")
        manifest = json.dumps({"format": "tegami-backup", "formatVersion": 99, "tegamiVersion": "42.0",
                               "createdAt": "2030-01-01T00:00:00.000Z", "schemas": {"settings": 1, "accounts": 3,
                                                                                   "store": 1},
                               "files": []}).encode()
        with tarfile.open(future, "w", format=tarfile.USTAR_FORMAT) as tar:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
        result = self.service.ctl("backup", "restore", future, "--force")
        self.assertCtlFails(result, h.EXIT_FAILED, "format version 99", "42.0")
        self.assertServiceAlive()

        # Without --force, restore only shows what the file holds.
        result = self.service.ctl("backup", "restore", path)
        self.assertEqual(result.returncode, h.EXIT_USAGE, repr(result))
        self.assertIn("--force", result.stderr)
        self.assertIn("Mail:", result.stdout)

        # Without a path the backup goes to DATA/backups/, where even the system service may write.
        default = self.assertCtlOk(self.service.ctl("--json", "backup", "create", timeout=120)).json()["path"]
        self.assertEqual(os.path.dirname(default), os.path.join(self.service.data_dir, "backups"))
        self.assertRegex(os.path.basename(default), r"^tegami-.*\.tar$")
        self.assertCtlOk(self.service.ctl("backup", "verify", default))

        # An existing file is never overwritten.
        self.assertCtlFails(self.service.ctl("backup", "create", path), h.EXIT_FAILED, "already exists")
        with open(path, "rb") as f:
            self.assertEqual(f.read(), good)


class UpgradeTest(h.TegamiTestCase):
    """An upgrade whose migration fails puts the previous files back and says why."""

    def test_failed_accounts_migration_restores_the_database_and_stops_the_start(self):
        self.start_service()
        self.add_domain(DOMAIN)
        self.add_user(ALICE, PASSWORD)
        self.assertEqual(self.service.stop(), 0)
        accounts = os.path.join(self.service.data_dir, "accounts.db")
        # An older schema (version 1) whose later columns exist already, as a database edited
        # by hand would be: step 1 -> 2 works and commits, step 2 -> 3 fails.
        db = sqlite3.connect(accounts)
        for column in ("pop_scope", "pop_since", "pop_after"):
            db.execute("ALTER TABLE mailboxes DROP COLUMN %s" % column)
        db.execute("PRAGMA user_version = 1")
        db.commit()
        db.close()
        with open(accounts, "rb") as f:
            before = f.read()

        result = self.service.run_foreground()
        self.assertNotEqual(result.returncode, 0, repr(result))
        text = result.stdout + result.stderr
        self.assertIn("from schema version 1 to 3", text)
        self.assertIn("imap_auto_expunge", text)
        match = re.search(r"a copy is in (\S+pre-upgrade-accounts-1-3-\S+?)\)", text)
        self.assertTrue(match, text)
        self.assertActionable(text)
        with open(accounts, "rb") as f:
            self.assertEqual(f.read(), before, "the accounts database was not put back as it was")
        with open(os.path.join(match.group(1), "accounts.db"), "rb") as f:
            self.assertEqual(f.read(), before)


if __name__ == "__main__":
    h.main()
