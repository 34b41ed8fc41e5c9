#!/usr/bin/env python3
"""compare: Tegami side by side with Dovecot and Postfix, the same workloads from the same
client code, one table: workload, Tegami, peer, ratio.

Targets: a tegamid of its own (data directory under the run's temporary directory), and a
Dovecot and a Postfix of their own (bench/peers: generated configurations in the same
temporary directory, Maildir under it, Postfix delivering through Dovecot's LMTP and
authenticating through Dovecot's SASL socket). Everything listens on 127.0.0.1 on free
high ports; everything is stopped at the end, also on Ctrl+C, SIGTERM or an error. The
temporary directory is under /var/tmp (a disk on Debian: fsync costs what it costs in
production), so Tegami's store and Dovecot's Maildirs are on the same filesystem.

Workloads (bounded in time and count; each timed one repeated --runs times, alternating
the targets, and shown as median with min-max):
  1. SMTP submission, STARTTLS + AUTH PLAIN, 1/8/32 clients, 10 KB messages, messages/s
     of durable 250s (bench/smtp/smtp_bench.py's client);
  2. MX delivery to local mailboxes (STARTTLS, no AUTH), 8 clients: 250s per second, the
     rate at which they are visible in IMAP, and the latency from one message's 250 to its
     EXISTS in an IMAP IDLE (one message at a time);
  3. POP3 sessions/s (implicit TLS: USER/PASS, STAT, RETR all, QUIT) on 1,000-message
     mailboxes, 1 and 8 clients (bench/pop3/pop3_bench.py's client);
  4. IMAP client mix (bench/imap/imap_mix.py), 10 and 50 connections: commands/s, p50, p99;
  5. IMAP on a 100,000-message mailbox: SELECT + FETCH 1:* (UID FLAGS) first and again,
     SEARCH SUBJECT and SEARCH BODY (bench/imap/imap_bench.py's client);
  6. memory (PSS, summed over every process of the server) with 1,000 and 10,000
     connections logged in and in IDLE (bench/imap/imap_bench.py's idlers).

Standard library only. Usage:
    bench/compare.py [--build-dir build/full] [--runs 3] [--seconds 4] [--only 1 3 ...]
"""

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
for sub in ("", "smtp", "pop3", "imap", "peers"):
    sys.path.insert(0, os.path.join(HERE, sub))
import benchlib  # noqa: E402
import imap_bench  # noqa: E402
import imap_mix  # noqa: E402
import peers  # noqa: E402
import pop3_bench  # noqa: E402
import smtp_bench  # noqa: E402

DOMAIN = "bench.example.test"
FQDN = "mail." + DOMAIN
PASSWORD = "bench-password-2718"
# Every client module logs in with its own constant: one password for all of them.
smtp_bench.PASSWORD = pop3_bench.PASSWORD = imap_bench.PASSWORD = PASSWORD
MX_SENDER = "someone@elsewhere.example"


def log(text):
    sys.stderr.write("compare: %s\n" % text)
    sys.stderr.flush()


# --- Tegami as a target ------------------------------------------------------------------


class Tegami:
    name = "Tegami"

    def __init__(self, root, tegamid, tegamictl):
        root = os.path.join(root, "tegami")
        os.makedirs(root)
        self.service = benchlib.Service(tegamid, tegamictl, root, True, "compare")
        self.root = root
        self.ports = {}

    def start(self):
        s = self.service
        s.start()
        self.ports = {k: benchlib.free_port() for k in ("smtp", "submission", "pop3s", "imap", "imaps")}
        settings = [("server.fqdn", FQDN),
                    ("smtp.bindings", "127.0.0.1:%d" % self.ports["smtp"]), ("smtp.tlsBindings", "[]"),
                    ("submission.bindings", "127.0.0.1:%d" % self.ports["submission"]),
                    ("submission.tlsBindings", "[]"),
                    ("pop3.bindings", "[]"), ("pop3.tlsBindings", "127.0.0.1:%d" % self.ports["pop3s"]),
                    ("imap.bindings", "127.0.0.1:%d" % self.ports["imap"]),
                    ("imap.tlsBindings", "127.0.0.1:%d" % self.ports["imaps"]),
                    ("imap.loginType", "plainTextLogin"), ("imap.timeoutSecs", "600"),
                    ("imap.authenticatedTimeoutSecs", "3600")]
        for proto in ("smtp", "submission", "pop3", "imap"):
            settings += [("%s.maxConnections" % proto, "20000"), ("%s.maxConnectionsPerAddress" % proto, "20000")]
        settings += [("smtp.tarpitSecs", "0"), ("submission.tarpitSecs", "0"), ("imap.maxConnectionsPerUser", "10000"),
                     ("pop3.maxConnectionsPerUser", "100")]
        for key, value in settings:
            s.ctl("config", "set", key, value)
        s.ctl("cert", "generate")
        cert_id = json.loads(s.ctl("--json", "cert", "list"))["certificates"][0]["id"]
        s.ctl("cert", "assign", cert_id)
        s.ctl("domain", "add", DOMAIN)
        for proto in ("smtp", "submission", "pop3", "imap"):
            s.ctl("protocol", "enable", proto)

    def add_users(self, addresses):
        for address in addresses:
            self.service.ctl("user", "add", address, "--password-stdin", stdin=PASSWORD + "\n")

    def put_mail(self, addresses, messages, chunk=2000):
        """The same messages into each mailbox's INBOX, through `tegamictl mail import`
        (mboxes of `chunk` messages: one import call must finish within tegamictl's time)."""
        mbox = os.path.join(self.root, "import.mbox")
        for first in range(0, len(messages), chunk):
            with open(mbox, "wb") as f:
                for m in messages[first:first + chunk]:
                    f.write(b"From sender@elsewhere.test Mon Mar  4 10:00:00 2024\n" + m + b"\n")
            for address in addresses:
                self.service.ctl("mail", "import", address, "--mbox", mbox)
        os.remove(mbox)

    def cpu_seconds(self):
        return self.service.cpu_seconds()

    def memory_kb(self):
        return peers.tree_memory_kb(self.service.proc.pid)

    def alive(self):
        return self.service.proc is not None and self.service.proc.poll() is None

    def logs(self):
        return self.service.log_tail()

    def stop(self):
        self.service.stop()


class Peer(peers.Peer):
    def put_mail(self, addresses, messages):
        """The same messages written as Dovecot's own deliveries would be (cur/, S= and W=
        sizes in the name, owned by the mail uid); hard links for the second mailbox on."""
        first = None
        base = int(time.time()) - 86400
        for address in addresses:
            cur = os.path.join(self.maildir(address), "cur")
            names = []
            for i, m in enumerate(messages):
                name = "%d.M%dP%d.bench,S=%d,W=%d:2," % (base + i, i, os.getpid(), len(m),
                                                         len(m) + m.count(b"\n"))
                path = os.path.join(cur, name)
                if first is None:
                    with open(path, "wb") as f:
                        f.write(m)
                    os.chown(path, self.dovecot.uid, self.dovecot.gid)
                    os.utime(path, (base + i, base + i))
                else:
                    os.link(os.path.join(first, name), path)
                names.append(name)
            first = first or cur

    def alive(self):
        return all(p is not None and p.poll() is None for p in (self.dovecot.proc, self.postfix.proc))


# --- helpers -----------------------------------------------------------------------------


class Status:
    """Logged-in IMAP connections (plain, loopback), one per user: how many messages each
    INBOX holds, to see deliveries arrive."""

    def __init__(self, target, users):
        self.clients = {}
        for user in users:
            c = imap_bench.Client(target.ports["imap"])
            c.command('LOGIN "%s" "%s"' % (user, PASSWORD))
            self.clients[user] = c

    def counts(self):
        result = {}
        for user, c in self.clients.items():
            data, _ = c.command("STATUS INBOX (MESSAGES)")
            result[user] = int(data.split(b"(MESSAGES ", 1)[1].split(b")", 1)[0])
        return result

    def wait_for(self, expected, seconds, interval=0.05):
        """Polls until every user has at least expected[user]; returns the time it was so,
        or None if not within `seconds`."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            counts = self.counts()
            if all(counts[u] >= n for u, n in expected.items()):
                return time.time()
            time.sleep(interval)
        return None

    def close(self):
        for c in self.clients.values():
            c.close()


class IdleWatcher(threading.Thread):
    """One IMAP connection in IDLE on a user's INBOX: the time of each EXISTS it is told."""

    def __init__(self, target, user):
        super().__init__(daemon=True)
        self.client = imap_bench.Client(target.ports["imap"])
        self.client.command('LOGIN "%s" "%s"' % (user, PASSWORD))
        data, _ = self.client.command("SELECT INBOX")
        self.exists = int(data.split(b" EXISTS", 1)[0].rsplit(b"* ", 1)[1])
        self.client.sock.sendall(b"i IDLE\r\n")
        if not self.client._line().startswith(b"+"):
            raise SystemExit("compare: IDLE refused")
        self.changed = threading.Condition()
        self.stopped = False
        self.client.sock.settimeout(None)

    def run(self):
        while not self.stopped:
            try:
                line = self.client._line()
            except (OSError, imap_bench.ImapError):
                return
            if line.endswith(b" EXISTS"):
                with self.changed:
                    self.exists = int(line.split()[1])
                    self.at = time.time()
                    self.changed.notify_all()

    def wait_exists(self, n, seconds):
        with self.changed:
            self.changed.wait_for(lambda: self.exists >= n, seconds)
            return self.at if self.exists >= n else None

    def stop(self):
        self.stopped = True
        self.client.close()


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# --- workloads ---------------------------------------------------------------------------


def w_submission(target, users, clients, seconds, status):
    before = status.counts()
    row = smtp_bench.measure(target, target.ports["submission"], users[:clients], 10 * 1024, seconds, 20000, None)
    expected = {u: before[u] + row["per_address"].get(u, 0) for u in users[:clients]}
    # The next run starts once this one's mail is delivered (bounded).
    if status.wait_for(expected, 120) is None:
        row["errors"].append("not all messages were visible in IMAP 120 s later")
    return {"rate": row["messages"] / row["seconds"] if row["seconds"] > 0 else 0.0,
            "client_cpu": row["client_cpu"], "server_cpu": row["server_cpu"], "seconds": row["seconds"],
            "errors": row["errors"]}


def w_mx(target, users, seconds, status):
    before = status.counts()
    start = time.time()
    row = smtp_bench.measure(target, target.ports["smtp"], users, 10 * 1024, seconds, 20000, None,
                             mx_sender=MX_SENDER)
    start = max(start, time.time() - row["seconds"] - 0.5)  # measure's own clock starts after its set-up
    expected = {u: before[u] + row["per_address"].get(u, 0) for u in users}
    visible_at = status.wait_for(expected, 120, 0.01)
    sent = row["messages"]
    return {"rate": sent / row["seconds"] if row["seconds"] > 0 else 0.0,
            "visible_rate": sent / (visible_at - start) if visible_at else None,
            "client_cpu": row["client_cpu"], "server_cpu": row["server_cpu"], "seconds": row["seconds"],
            "errors": row["errors"] + ([] if visible_at else ["not all visible within 120 s"])}


def w_mx_latency(target, user, samples, seconds):
    """One message at a time to `user`: from its 250 to the first STATUS (polled on a second
    connection) that counts it, and to the EXISTS its IDLE connection is told."""
    watcher = IdleWatcher(target, user)
    watcher.start()
    poller = Status(target, [user])
    polled, idled = [], []
    errors = []
    client = smtp_bench.Client(target.ports["smtp"], user, benchlib.client_context(), auth=False,
                               sender=MX_SENDER, recipient=user)
    data = smtp_bench.make_message(10 * 1024, 1)
    deadline = time.time() + seconds
    try:
        while len(idled) < samples and time.time() < deadline:
            n = poller.counts()[user] + 1
            client.send(data)
            sent = time.time()
            seen = poller.wait_for({user: n}, 10, 0.001)
            told = watcher.wait_exists(n, 10)
            if seen is None or told is None:
                errors.append("a message was not seen in IMAP within 10 s")
                break
            polled.append(seen - sent)
            idled.append(told - sent)
    finally:
        client.close()
        poller.close()
        watcher.stop()
    pct = imap_mix.percentile
    return {"poll_p50_ms": 1000 * pct(polled, 50) if polled else None,
            "poll_p99_ms": 1000 * pct(polled, 99) if polled else None,
            "idle_p50_ms": 1000 * pct(idled, 50) if idled else None,
            "idle_p99_ms": 1000 * pct(idled, 99) if idled else None,
            "samples": len(idled), "errors": errors}


def w_pop3(target, users, clients, seconds):
    row = pop3_bench.measure(target, target.ports["pop3s"], users[:clients], True, seconds, 1000)
    return {"rate": row["sessions"] / row["seconds"] if row["seconds"] > 0 else 0.0,
            "client_cpu": row["client_cpu"], "server_cpu": row["server_cpu"], "seconds": row["seconds"],
            "errors": row["errors"]}


def w_mix(target, users, clients, seconds):
    return imap_mix.measure(target, target.ports["imaps"], users[:clients], PASSWORD, seconds)


def w_big(target, user, expected, runs):
    """SELECT + FETCH 1:* (UID FLAGS) the first time and again, then SEARCHes."""
    client = imap_bench.Client(target.ports["imaps"], benchlib.client_context())
    client.command('LOGIN "%s" "%s"' % (user, PASSWORD))
    result = {"open": [], "search_subject": [], "search_body": []}
    cpu_before = target.cpu_seconds()
    for run in range(runs + 1):
        _, select_s = client.command("SELECT INBOX")
        data, fetch_s = client.command("FETCH 1:* (UID FLAGS)")
        if imap_bench.count_fetches(data) != expected["messages"]:
            raise SystemExit("compare: %s: FETCH 1:* returned %d messages, expected %d"
                             % (target.name, imap_bench.count_fetches(data), expected["messages"]))
        if run == 0:
            result["first"] = select_s + fetch_s
        else:
            result["open"].append(select_s + fetch_s)
        client.command("UNSELECT")
    client.command("SELECT INBOX")
    for key, field in (("SUBJECT %s" % imap_bench.NEEDLE_SUBJECT.decode(), "search_subject"),
                       ("BODY %s" % imap_bench.NEEDLE_BODY.decode(), "search_body")):
        for _ in range(runs):
            data, seconds = client.command("SEARCH " + key)
            hits = imap_bench.search_hits(data)
            want = expected["subject" if field == "search_subject" else "body"]
            if hits != want:
                raise SystemExit("compare: %s: SEARCH %s found %d, expected %d" % (target.name, key, hits, want))
            result[field].append(seconds)
    result["server_cpu"] = target.cpu_seconds() - cpu_before
    client.command("LOGOUT")
    client.close()
    return result


def w_idle(target, users, counts, settle):
    held = []
    rows = []
    try:
        time.sleep(3.0)  # connections of the workloads before are gone
        rows.append({"connections": 0, "memory": target.memory_kb()})
        for count in sorted(counts):
            started = time.monotonic()
            reached, why = imap_bench.open_idlers(target.ports["imap"], users, count, held, ["127.0.0.1"], batch=100,
                                                  deadline_s=300)
            opened = time.monotonic() - started
            time.sleep(settle)  # Dovecot moves IDLE connections to imap-hibernate after a few seconds
            if not target.alive():
                why = "the server exited"
            rows.append({"connections": reached, "memory": target.memory_kb() if target.alive() else None,
                         "opened_s": opened, "why": why})
            if reached < count:
                break
    finally:
        for sock in held:
            sock.close()
    return rows


# --- the run -----------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.rows = []  # (workload, unit, better, {target: [values]}, note)
        self.notes = []
        self.cpu = []  # (label, target, client cpu, server cpu)

    def add(self, key, unit, better, target, value):
        for row in self.rows:
            if row["key"] == key:
                row["values"].setdefault(target, []).append(value)
                return
        self.rows.append({"key": key, "unit": unit, "better": better, "values": {target: [value]}})


def fmt(value, unit):
    if value is None:
        return "-"
    if unit in ("ms", "s"):
        if unit == "s":
            value *= 1000
        return "%.0f ms" % value if value >= 100 else "%.1f ms" % value if value >= 1 else "%.2f ms" % value
    if unit == "MB":
        return "%.0f MB" % value if value >= 100 else "%.1f MB" % value
    if unit == "KB":
        return "%.0f KB" % value
    return "%.0f" % value if value >= 100 else "%.1f" % value if value >= 1 else "%.2f" % value


def print_table(results, names, out=sys.stdout):
    tegami, peer = names
    width = max(len(r["key"]) for r in results.rows) if results.rows else 20
    header = "%-*s  %-24s  %-24s  %s" % (width, "workload", tegami, peer, "ratio")
    out.write(header + "\n" + "-" * len(header) + "\n")
    for r in results.rows:
        cells = []
        medians = []
        for name in (tegami, peer):
            s = summary(r["values"].get(name, []))
            medians.append(s["median"] if s else None)
            if not s:
                cells.append("-")
            elif s["n"] > 1:
                cells.append("%s (%s-%s)" % (fmt(s["median"], r["unit"]), fmt(s["min"], r["unit"]).split()[0],
                                             fmt(s["max"], r["unit"]).split()[0]))
            else:
                cells.append(fmt(s["median"], r["unit"]))
        ratio = "-"
        if medians[0] and medians[1]:
            # x > 1: Tegami is better by that factor; < 1: the peer is.
            x = medians[0] / medians[1] if r["better"] == "higher" else medians[1] / medians[0]
            ratio = "%.2fx%s" % (x, "" if x >= 1 else " (slower)" if r["better"] in ("higher", "lower") else "")
            if r["unit"] in ("MB", "KB"):
                ratio = "%.2fx%s" % (x, "" if x >= 1 else " (more)")
        out.write("%-*s  %-24s  %-24s  %s\n" % (width, r["key"], cells[0], cells[1], ratio))
    out.write("ratio: how many times better Tegami's median is (higher rate, or lower time or memory); "
              "(min-max) over the repeated runs.\n")


def machine():
    lines = ["%s, Python %s, %d cores" % (platform.platform(), platform.python_version(), os.cpu_count() or 1)]
    try:
        with open("/proc/cpuinfo") as f:
            model = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if model:
            lines.append("CPU: %s" % model[0])
        with open("/proc/meminfo") as f:
            lines.append("memory: %s" % f.readline().split(":", 1)[1].strip())
    except OSError:
        pass
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default="build/full", help="where tegamid and tegamictl were built (bin/)")
    parser.add_argument("--tegamid", help="path of tegamid (default: BUILD_DIR/bin/tegamid)")
    parser.add_argument("--tegamictl", help="path of tegamictl (default: BUILD_DIR/bin/tegamictl)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each timed workload (default 3)")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each timed measurement (default 4)")
    parser.add_argument("--only", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6], help="workloads to run (1-6)")
    parser.add_argument("--big", type=int, default=100000, help="messages of the big mailbox (default 100000)")
    parser.add_argument("--idle", type=int, nargs="+", default=[1000, 10000], help="idle connection counts")
    parser.add_argument("--no-peer", action="store_true", help="Tegami only (no Dovecot/Postfix)")
    parser.add_argument("--json", help="write every figure to this file as JSON")
    parser.add_argument("--attach", help="a profiler to run on tegamid during the workloads, {pid} replaced by its "
                        "pid (e.g. 'perf record -g -o /tmp/perf.data -p {pid}'); stopped with SIGINT at the end")
    parser.add_argument("--attach-peer", help="the same for the peer: {pid} is Dovecot's master, {pid2} Postfix's")
    parser.add_argument("--tmpdir", default="/var/tmp", help="where the run's directory goes (default /var/tmp)")
    args = parser.parse_args()
    if not 1 <= args.runs <= 20 or not 0.5 <= args.seconds <= 120:
        parser.error("use --runs 1..20 and --seconds 0.5..120")
    tegamid, tegamictl = benchlib.find_binaries(args, "compare")
    began = time.monotonic()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want_fds = max(args.idle) + 500
    if soft < want_fds:
        new_hard = hard if hard == resource.RLIM_INFINITY or hard >= want_fds or os.geteuid() != 0 else want_fds
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want_fds, new_hard) if new_hard != resource.RLIM_INFINITY
                                                    else want_fds, new_hard))

    with_peer = not args.no_peer
    if with_peer and os.geteuid() != 0:
        log("no peer: running Dovecot and Postfix from a generated configuration needs root (run as root, or "
            "give --no-peer)")
        with_peer = False
    if with_peer:
        why = peers.install_packages()
        if why:
            log("no peer: %s" % why)
            with_peer = False
    root = tempfile.mkdtemp(prefix="tegami-compare-", dir=args.tmpdir)
    os.chmod(root, 0o755)
    targets = []
    profiler = peer_profiler = None

    def on_signal(signo, _frame):
        raise KeyboardInterrupt("signal %d" % signo)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    results = Results()
    statuses = {}
    try:
        targets.append(Tegami(root, tegamid, tegamictl))
        if with_peer:
            targets.append(Peer(root, DOMAIN, FQDN, PASSWORD))
        names = [t.name for t in targets] + (["Dovecot+Postfix"] if not with_peer else [])

        sub_users = ["sub%02d@%s" % (i, DOMAIN) for i in range(32)]
        mx_users = ["mx%02d@%s" % (i, DOMAIN) for i in range(8)]
        lat_user = "mxlat@" + DOMAIN
        pop_users = ["pop%02d@%s" % (i, DOMAIN) for i in range(8)]
        mix_users = ["mix%02d@%s" % (i, DOMAIN) for i in range(50)]
        big_user = "big@" + DOMAIN
        idle_users = ["idle%d@%s" % (i, DOMAIN) for i in range(4)]
        everyone = sub_users + mx_users + [lat_user] + pop_users + mix_users + [big_user] + idle_users

        for t in targets:
            if isinstance(t, Peer):
                t.add_users(everyone)
                for u in everyone:
                    t.maildir(u)
            log("starting %s ..." % t.name)
            t.start()
            if isinstance(t, Tegami):
                t.add_users(everyone)
        log("mail for the mailboxes (1,000 x 10 KB for %d POP3 mailboxes, 200 for %d IMAP ones, %d in one) ..."
            % (len(pop_users), len(mix_users), args.big if 5 in args.only else 0))
        for t in targets:
            started = time.monotonic()
            if 3 in args.only:
                t.put_mail(pop_users, [pop3_bench.make_message(i, 10 * 1024) for i in range(1000)])
            if 4 in args.only:
                t.put_mail(mix_users, [imap_bench.make_message(i)[0] for i in range(200)])
            if 5 in args.only:
                messages, subject_hits, body_hits = [], 0, 0
                for i in range(args.big):
                    m, s, b = imap_bench.make_message(i, every=100)
                    messages.append(m)
                    subject_hits += s
                    body_hits += b
                big_started = time.monotonic()
                t.put_mail([big_user], messages)
                results.notes.append("5. %s: the %d messages were put in place in %.0f s%s" % (
                    t.name, args.big, time.monotonic() - big_started,
                    " (tegamictl mail import)" if isinstance(t, Tegami) else " (files written into cur/)"))
                del messages
                big_expected = {"messages": args.big, "subject": subject_hits, "body": body_hits}
            log("%s: mail in place in %.0f s" % (t.name, time.monotonic() - started))
        for t in targets:
            statuses[t.name] = Status(t, sub_users + mx_users)
        if args.attach:
            import shlex
            import subprocess
            command = shlex.split(args.attach.replace("{pid}", str(targets[0].service.proc.pid)))
            log("attaching %s" % " ".join(command))
            profiler = subprocess.Popen(command, stdin=subprocess.DEVNULL, preexec_fn=benchlib.die_with_parent)
            time.sleep(1.0)
        if args.attach_peer and with_peer:
            import shlex
            import subprocess
            peer = targets[1]
            command = shlex.split(args.attach_peer.replace("{pid}", str(peer.dovecot.proc.pid))
                                  .replace("{pid2}", str(peer.postfix.proc.pid)))
            log("attaching %s" % " ".join(command))
            peer_profiler = subprocess.Popen(command, stdin=subprocess.DEVNULL, preexec_fn=benchlib.die_with_parent)
            time.sleep(1.0)

        def timed_runs(label, fn):
            for run in range(args.runs):
                for t in targets:
                    log("%s: %s (run %d of %d)" % (label, t.name, run + 1, args.runs))
                    fn(t)

        def cpu(label, t, row):
            results.cpu.append((label, t.name, row.get("client_cpu"), row.get("server_cpu"), row.get("seconds")))
            for e in row.get("errors", [])[:1]:
                results.notes.append("%s, %s: %d errors, e.g. %s" % (label, t.name, len(row["errors"]), e))

        if 1 in args.only:
            for clients in (1, 8, 32):
                label = "1. SMTP submission, %d client%s (msgs/s)" % (clients, "" if clients == 1 else "s")

                def one(t, clients=clients, label=label):
                    row = w_submission(t, sub_users, clients, args.seconds, statuses[t.name])
                    results.add(label, "rate", "higher", t.name, row["rate"])
                    cpu(label, t, row)
                timed_runs(label, one)
        if 2 in args.only:
            def mx(t):
                row = w_mx(t, mx_users, args.seconds, statuses[t.name])
                results.add("2. MX delivery, 8 clients: 250s (msgs/s)", "rate", "higher", t.name, row["rate"])
                results.add("2. MX delivery, 8 clients: visible in IMAP (msgs/s)", "rate", "higher", t.name,
                            row["visible_rate"])
                cpu("2. MX delivery", t, row)
                lat = w_mx_latency(t, lat_user, 40, 20)
                results.add("2. MX 250 -> visible to IMAP STATUS p50", "ms", "lower", t.name, lat["poll_p50_ms"])
                results.add("2. MX 250 -> visible to IMAP STATUS p99", "ms", "lower", t.name, lat["poll_p99_ms"])
                results.add("2. MX 250 -> EXISTS in IMAP IDLE p50", "ms", "lower", t.name, lat["idle_p50_ms"])
                results.add("2. MX 250 -> EXISTS in IMAP IDLE p99", "ms", "lower", t.name, lat["idle_p99_ms"])
                for e in lat["errors"][:1]:
                    results.notes.append("2. MX latency, %s: %s" % (t.name, e))
            timed_runs("2. MX delivery", mx)
        if 3 in args.only:
            for clients in (1, 8):
                label = "3. POP3 sessions, %d client%s (sessions/s)" % (clients, "" if clients == 1 else "s")

                def one(t, clients=clients, label=label):
                    row = w_pop3(t, pop_users, clients, args.seconds)
                    results.add(label, "rate", "higher", t.name, row["rate"])
                    cpu(label, t, row)
                timed_runs(label, one)
        if 4 in args.only:
            for clients in (10, 50):
                label = "4. IMAP mix, %d clients" % clients

                def one(t, clients=clients, label=label):
                    row = w_mix(t, mix_users, clients, args.seconds)
                    results.add(label + " (commands/s)", "rate", "higher", t.name, row["rate"])
                    results.add(label + " p50", "ms", "lower", t.name, row["p50_ms"])
                    results.add(label + " p99", "ms", "lower", t.name, row["p99_ms"])
                    results.notes.append("%s, %s, per command: %s" % (label, t.name, ", ".join(
                        "%s p50 %.1f/p99 %.1f ms" % (k, v["p50_ms"], v["p99_ms"])
                        for k, v in sorted(row["by_command"].items()))))
                    cpu(label, t, row)
                timed_runs(label, one)
        if 5 in args.only:
            for t in targets:
                log("5. 100,000 messages: %s" % t.name)
                row = w_big(t, big_user, big_expected, 3)
                n = "%d" % args.big
                results.add("5. SELECT + FETCH 1:* (UID FLAGS), %s msgs, first" % n, "s", "lower", t.name, row["first"])
                for v in row["open"]:
                    results.add("5. SELECT + FETCH 1:* (UID FLAGS), %s msgs, again" % n, "s", "lower", t.name, v)
                for field, key in (("search_subject", "SUBJECT"), ("search_body", "BODY")):
                    times = row[field]
                    results.add("5. SEARCH %s over %s msgs, first" % (key, n), "s", "lower", t.name, times[0])
                    for v in times[1:]:
                        results.add("5. SEARCH %s over %s msgs, again" % (key, n), "s", "lower", t.name, v)
        for s in statuses.values():
            s.close()
        statuses.clear()
        if 6 in args.only:
            for t in targets:
                log("6. idle IMAP connections: %s" % t.name)
                rows = w_idle(t, idle_users, args.idle, 6.0)
                base = rows[0]["memory"][0]
                results.add("6. memory (PSS), no IMAP connection", "MB", "lower", t.name, base / 1024)
                for row in rows[1:]:
                    if row["memory"]:
                        results.add("6. memory (PSS), %d in IDLE" % row["connections"], "MB", "lower", t.name,
                                    row["memory"][0] / 1024)
                        results.add("6. per IDLE connection (%d)" % row["connections"], "KB", "lower", t.name,
                                    (row["memory"][0] - base) / row["connections"])
                        results.notes.append("6. %s: %d connections opened in %.0f s, RSS summed %.0f MB%s"
                                             % (t.name, row["connections"], row["opened_s"],
                                                row["memory"][1] / 1024, "; " + row["why"] if row["why"] else ""))
                    else:
                        results.notes.append("6. %s: %s" % (t.name, row["why"]))
        print()
        print("Tegami vs Dovecot 2.3 + Postfix 3.7 on loopback, one client (Python, bench/*), same machine")
        for line in machine():
            print(line)
        print("store: %s (Tegami's data directory and Dovecot's Maildirs, same filesystem)" % root)
        print()
        print_table(results, names)
        print()
        print("Load generator CPU (client) vs server CPU, percent of one core over each measurement:")
        for label, name, client, server, seconds in results.cpu:
            if client is None or server is None or not seconds:
                continue
            flag = "  <- the client may be the limit" if client >= server else ""
            print("  %-46s %-16s client %4.0f%%  server %4.0f%%%s" % (label, name, 100 * client / seconds,
                                                                   100 * server / seconds, flag))
        if results.notes:
            print()
            print("Notes:")
            for n in results.notes:
                print("  " + n)
        print()
        print("Whole run: %.0f s" % (time.monotonic() - began))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"rows": results.rows, "cpu": results.cpu, "notes": results.notes, "machine": machine()},
                          f, indent=2)
        return 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except SystemExit as e:
        for t in targets:
            if not t.alive():
                log("%s is not running; its log:\n%s" % (t.name, t.logs()))
        raise e
    finally:
        for p in (profiler, peer_profiler):
            if p and p.poll() is None:
                p.send_signal(signal.SIGINT)
                try:
                    p.wait(60)
                except Exception:
                    p.kill()
        for s in statuses.values():
            s.close()
        for t in reversed(targets):
            try:
                t.stop()
            except Exception as e:  # keep stopping the others
                log("stopping %s: %s" % (t.name, e))
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
