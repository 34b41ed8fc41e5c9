#!/usr/bin/env python3
"""imap_bench: what an IMAP client waits for on big mailboxes, and what idle clients cost.

Measured against its own tegamid (started on a temporary data directory with listeners on
free ports of 127.0.0.1, stopped and removed at the end, also on Ctrl+C):

- SELECT INBOX, then FETCH 1:* (UID FLAGS), on a mailbox of 100,000 messages (what a
  client does when it opens a folder it has not cached), cold and again warm;
- UID FETCH of the headers (BODY.PEEK[HEADER]) of 1,000 messages (a message list);
- SEARCH SUBJECT and SEARCH BODY (and TEXT) over 10,000 messages;
- tegamid's resident memory (VmRSS from /proc) with 0, 1,000 and 10,000 connections
  logged in, with INBOX selected, waiting in IDLE.

The mail is imported with `tegamictl mail import --mbox`. The data directory is on tmpfs
(/dev/shm) when there is room, so that the import's fsyncs do not dominate the set-up;
--tmpdir puts it elsewhere (the measured commands read through the page cache either way).

The timed commands run over implicit TLS; the idle connections are plain TCP (loginType
plainTextLogin), so that the client's own TLS state does not limit how many it can hold.

Standard library only. Usage:
    bench/imap/imap_bench.py [--build-dir build/full] [--big 100000] [--idle 1000 10000] ...
"""

import argparse
import errno
import json
import os
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import benchlib  # noqa: E402

DOMAIN = "bench.example.test"
FQDN = "mail." + DOMAIN
PASSWORD = "bench-password-2718"
TIMEOUT = 600.0
NEEDLE_SUBJECT = b"quarterly"
NEEDLE_BODY = b"pomegranate"


def log(text):
    sys.stderr.write("imap_bench: %s\n" % text)
    sys.stderr.flush()


# --- mail --------------------------------------------------------------------------------


WORDS = [b"lorem", b"ipsum", b"dolor", b"sit", b"amet", b"consectetur", b"adipiscing", b"elit", b"sed", b"do"]


def make_message(i, every=None):
    """Message i, about 1.2 KB (LF line ends), without an mbox From_ line. With `every`, it
    carries NEEDLE_SUBJECT in its subject when i % every == 1 and NEEDLE_BODY in its body
    when i % every == 2. Returns (message, subject hit, body hit)."""
    words = WORDS
    subject = b"Report %d %s %s" % (i, words[i % 10], words[(i // 10) % 10])
    body_word = words[(i * 7) % 10]
    subject_hit = body_hit = False
    if every and i % every == 1:
        subject += b" " + NEEDLE_SUBJECT
        subject_hit = True
    if every and i % every == 2:
        body_word = NEEDLE_BODY
        body_hit = True
    head = (b"From: Sender %d <sender%d@elsewhere.test>\nTo: someone@" % (i, i % 97)
            + DOMAIN.encode() + b"\nSubject: " + subject
            + b"\nMessage-ID: <%d.imapbench@elsewhere.test>\nDate: Mon, 04 Mar 2024 10:00:00 +0000\n"
              b"MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" % i)
    body = b"".join(b"%s line %02d of message %d, %s %s\n" % (words[(i + n) % 10], n, i, body_word, words[n % 10])
                    for n in range(18))
    return head + body, subject_hit, body_hit


def write_mbox(path, count, every=None):
    """count messages of about 1.2 KB in one mbox (see make_message). Returns (subject
    matches, body matches)."""
    subject_hits = body_hits = 0
    with open(path, "wb") as f:
        for i in range(count):
            message, subject_hit, body_hit = make_message(i, every)
            subject_hits += subject_hit
            body_hits += body_hit
            f.write(b"From sender%d@elsewhere.test Mon Mar  4 10:00:00 2024\n" % (i % 97) + message + b"\n")
    return subject_hits, body_hits


# --- a blocking client for the timed commands ------------------------------------------


class ImapError(Exception):
    pass


class Client:
    def __init__(self, port, context=None):
        sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock = context.wrap_socket(sock) if context else sock
        self.buffer = bytearray()
        self.tags = 0
        greeting = self._line()
        if not greeting.startswith(b"* OK"):
            raise ImapError("greeting: %r" % greeting)

    def _line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ImapError("the server closed the connection")
            self.buffer += chunk
        line, _, rest = bytes(self.buffer).partition(b"\r\n")
        self.buffer[:] = rest
        return line

    def command(self, text):
        """Sends a command; returns (the whole response, seconds). The messages here hold
        no line that could pass for the tagged reply, so the end is found by searching."""
        self.tags += 1
        tag = b"b%d" % self.tags
        started = time.perf_counter()
        self.sock.sendall(tag + b" " + text.encode() + b"\r\n")
        data = self.buffer
        self.buffer = bytearray()
        marker = tag + b" "
        while True:
            end = data.rfind(b"\r\n")
            if end >= 0:
                start = data.rfind(b"\r\n", 0, end) + 2 if data.rfind(b"\r\n", 0, end) >= 0 else 0
                last = data[start:end]
                if last.startswith(marker):
                    seconds = time.perf_counter() - started
                    if not last.startswith(marker + b"OK"):
                        raise ImapError("%s: %s" % (text.split(" ")[0], bytes(last).decode(errors="replace")))
                    return bytes(data), seconds
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ImapError("the server closed the connection during %s" % text)
            data += chunk

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def count_fetches(data):
    return data.count(b" FETCH (")


def search_hits(data):
    for line in data.split(b"\r\n"):
        if line.startswith(b"* SEARCH"):
            return len(line.split()) - 2
    return 0


# --- idle connections ------------------------------------------------------------------


class Idler:
    """One connection on its way to IDLE: greeting, LOGIN, SELECT, IDLE."""

    STEPS = (b"", b"l LOGIN %s %s\r\n", b"s SELECT INBOX\r\n", b"i IDLE\r\n")

    def __init__(self, sock, user):
        self.sock = sock
        self.user = user
        self.step = 0
        self.buffer = b""

    def feed(self, data):
        """Returns True once in IDLE; raises ImapError on a refusal."""
        self.buffer += data
        while b"\r\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\r\n", 1)
            expected = {0: b"* OK", 1: b"l OK", 2: b"s OK", 3: b"+"}[self.step]
            if line.startswith(expected):
                self.step += 1
                if self.step == 1:
                    self.sock.sendall(self.STEPS[1] % (self.user.encode(), PASSWORD.encode()))
                elif self.step < 4:
                    self.sock.sendall(self.STEPS[self.step])
                else:
                    return True
            elif line.startswith(b"* BYE") or line[:2] in (b"l ", b"s ", b"i "):
                raise ImapError(line.decode(errors="replace"))
        return False


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def open_idlers(port, users, target, held, sources, batch=200, deadline_s=600):
    """Adds connections in IDLE to `held` until it holds `target`. Returns (reached, why
    it stopped early or None)."""
    selector = selectors.DefaultSelector()
    pending = {}
    started = time.monotonic()
    why = None
    n = len(held)
    while len(held) < target:
        if time.monotonic() - started > deadline_s:
            why = "took longer than %d s" % deadline_s
            break
        while len(pending) < batch and len(held) + len(pending) < target:
            source = sources[n % len(sources)]
            try:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                if source != "127.0.0.1":
                    sock.bind((source, 0))
                sock.settimeout(30)
                sock.connect(("127.0.0.1", port))
                sock.setblocking(False)
            except OSError as e:
                sock.close()
                why = "connect failed: %s" % (os.strerror(e.errno) if e.errno else e)
                if e.errno == errno.EMFILE:
                    why += " (the client's file descriptor limit)"
                break
            idler = Idler(sock, users[n % len(users)])
            n += 1
            pending[sock] = idler
            selector.register(sock, selectors.EVENT_READ, idler)
        if why:
            break
        if not pending:
            continue
        for key, _ in selector.select(timeout=30):
            idler = key.data
            try:
                data = idler.sock.recv(65536)
                if not data:
                    raise ImapError("the server closed the connection at step %d" % idler.step)
                if idler.feed(data):
                    selector.unregister(idler.sock)
                    del pending[idler.sock]
                    held.append(idler.sock)
            except (OSError, ImapError) as e:
                why = "a connection failed: %s" % e
                break
        if why:
            break
    for sock in list(pending):
        selector.unregister(sock)
        sock.close()
    selector.close()
    return len(held), why


# --- main --------------------------------------------------------------------------------


def try_ctl(service, *args):
    proc = subprocess.run([service.tegamictl, "--data-dir", service.data_dir] + list(args), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    return proc.returncode == 0, proc.stderr.strip()


def timed(client, command, runs):
    times = []
    data = b""
    for _ in range(runs):
        data, seconds = client.command(command)
        times.append(seconds)
    return data, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default="build/full", help="where tegamid and tegamictl were built (bin/)")
    parser.add_argument("--tegamid", help="path of tegamid (default: BUILD_DIR/bin/tegamid)")
    parser.add_argument("--tegamictl", help="path of tegamictl (default: BUILD_DIR/bin/tegamictl)")
    parser.add_argument("--big", type=int, default=100000, help="messages of the big mailbox (default 100000)")
    parser.add_argument("--headers", type=int, default=1000, help="messages whose headers are fetched (1000)")
    parser.add_argument("--search", type=int, default=10000, help="messages of the searched mailbox (10000)")
    parser.add_argument("--idle", type=int, nargs="*", default=[1000, 10000],
                        help="idle connection counts to measure (default 1000 10000; none: skip)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each search (default 3)")
    parser.add_argument("--tmpdir", help="where the data directory goes (default /dev/shm when it has room)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = parser.parse_args()
    if args.big < args.headers or args.headers < 1 or args.search < 100 or args.runs < 1:
        parser.error("use --big >= --headers >= 1, --search >= 100 and --runs >= 1")
    tegamid, tegamictl = benchlib.find_binaries(args, "imap_bench")

    # The idle connections need a descriptor each, here and in tegamid (which inherits it).
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with_margin = max(args.idle or [0]) + 200
    if soft < with_margin:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(with_margin, soft)) if hard != resource.RLIM_INFINITY
                                                    else with_margin, hard))
    fd_limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]

    tmpdir = args.tmpdir
    if tmpdir is None and os.path.isdir("/dev/shm"):
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 2 * 1024 ** 3:
            tmpdir = "/dev/shm"
    root = tempfile.mkdtemp(prefix="tegami-imap-bench-", dir=tmpdir)
    service = benchlib.Service(tegamid, tegamictl, root, True, "imap_bench")

    def on_signal(signo, _frame):
        raise KeyboardInterrupt("signal %d" % signo)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    held = []
    results = {"big": args.big, "headers": args.headers, "search": args.search, "data_dir": root}
    try:
        setup_started = time.monotonic()
        service.start()
        plain_port, tls_port = benchlib.free_port(), benchlib.free_port()
        for key, value in (("server.fqdn", FQDN), ("imap.bindings", "127.0.0.1:%d" % plain_port),
                           ("imap.tlsBindings", "127.0.0.1:%d" % tls_port), ("imap.loginType", "plainTextLogin"),
                           ("imap.timeoutSecs", "600"), ("imap.authenticatedTimeoutSecs", "3600")):
            service.ctl("config", "set", key, value)
        # Limits for the idle connections: as high as tegamid takes them.
        want = max(args.idle or [0]) + 100
        limits = {}
        for key in ("imap.maxConnections", "imap.maxConnectionsPerAddress", "imap.maxConnectionsPerUser"):
            # The highest value tegamid takes (each setting has its own range).
            for value in (want, 10000, 1000):
                done, message = try_ctl(service, "config", "set", key, str(value))
                if done:
                    limits[key] = value
                    break
                log("%s %d refused (%s)" % (key, value, message))
        service.ctl("cert", "generate")
        cert_id = json.loads(service.ctl("--json", "cert", "list"))["certificates"][0]["id"]
        service.ctl("cert", "assign", cert_id)
        service.ctl("domain", "add", DOMAIN)

        big_user, search_user = "big@" + DOMAIN, "search@" + DOMAIN
        for user in (big_user, search_user):
            service.ctl("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
        mbox = os.path.join(root, "mail.mbox")
        log("writing and importing %d messages ..." % args.big)
        write_mbox(mbox, args.big)
        started = time.monotonic()
        service.ctl("mail", "import", big_user, "--mbox", mbox)
        results["import_big_s"] = time.monotonic() - started
        log("imported %d messages in %.1f s; now %d with search words ..."
            % (args.big, results["import_big_s"], args.search))
        subject_hits, body_hits = write_mbox(mbox, args.search, every=100)
        service.ctl("mail", "import", search_user, "--mbox", mbox)
        os.remove(mbox)
        service.ctl("protocol", "enable", "imap")
        log("set-up took %.0f s" % (time.monotonic() - setup_started))

        context = benchlib.client_context()
        try:
            client = Client(tls_port, context)
            client.command('LOGIN "%s" "%s"' % (big_user, PASSWORD))
        except (OSError, ImapError) as e:
            raise SystemExit("imap_bench: an IMAP login failed (%s); check that this build has the IMAP engine. "
                             "tegamid's output:\n%s" % (e, service.log_tail()))

        # 1. Opening the big folder.
        cpu_before = service.cpu_seconds()
        rows = []
        for label in ("cold", "warm"):
            _, select_s = client.command("SELECT INBOX")
            data, fetch_s = client.command("FETCH 1:* (UID FLAGS)")
            fetched = count_fetches(data)
            if fetched != args.big:
                raise SystemExit("imap_bench: FETCH 1:* returned %d messages, expected %d" % (fetched, args.big))
            rows.append((label, select_s, fetch_s, len(data)))
            if label == "cold":
                first_uid = int(data.split(b"UID ", 1)[1].split(b" ", 1)[0].split(b")", 1)[0])
                uids = [int(x.split(b" ", 1)[0].split(b")", 1)[0]) for x in data.split(b"UID ")[1:]]
            if label == "cold":
                client.command("UNSELECT")
        results["open_big"] = [{"run": r[0], "select_s": r[1], "fetch_s": r[2], "bytes": r[3]} for r in rows]

        # 2. Headers of 1,000 messages.
        last_uid = uids[args.headers - 1]
        data, header_times = timed(client, "UID FETCH %d:%d (BODY.PEEK[HEADER])" % (first_uid, last_uid), 2)
        if count_fetches(data) != args.headers:
            raise SystemExit("imap_bench: UID FETCH of headers returned %d messages, expected %d"
                             % (count_fetches(data), args.headers))
        results["headers_fetch"] = {"times_s": header_times, "bytes": len(data)}
        client.command("LOGOUT")
        client.close()

        # 3. SEARCH over the second mailbox.
        searcher = Client(tls_port, context)
        searcher.command('LOGIN "%s" "%s"' % (search_user, PASSWORD))
        searcher.command("SELECT INBOX")
        searches = []
        for key, expected in (("SUBJECT %s" % NEEDLE_SUBJECT.decode(), subject_hits),
                              ("BODY %s" % NEEDLE_BODY.decode(), body_hits),
                              ("TEXT %s" % NEEDLE_BODY.decode(), body_hits),
                              ("SUBJECT nonexistentword", 0), ("BODY nonexistentword", 0)):
            data, times = timed(searcher, "SEARCH " + key, args.runs)
            hits = search_hits(data)
            if hits != expected:
                raise SystemExit("imap_bench: SEARCH %s found %d messages, expected %d" % (key, hits, expected))
            searches.append({"key": key, "hits": hits, "times_s": times})
        results["searches"] = searches
        searcher.close()
        cpu_after = service.cpu_seconds()

        # 4. Memory with connections in IDLE (a small mailbox per user; several users).
        idle_rows = []
        if args.idle:
            per_user = limits.get("imap.maxConnectionsPerUser") or 16
            idle_users = ["idle%d@%s" % (i, DOMAIN) for i in range(max(4, -(-want // per_user)))]
            small = os.path.join(root, "small.mbox")
            write_mbox(small, 10)
            for user in idle_users:
                service.ctl("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
                service.ctl("mail", "import", user, "--mbox", small)
            # Per-address limit refused: spread the connections over several loopback addresses.
            per_address = limits.get("imap.maxConnectionsPerAddress") or 20
            sources = ["127.0.0.%d" % (1 + i) for i in range(max(1, -(-want // per_address)))]
            time.sleep(1.0)
            baseline = rss_kb(service.proc.pid)
            idle_rows.append({"connections": 0, "rss_kb": baseline, "seconds": 0.0, "why": None})
            for target in sorted(args.idle):
                log("opening connections up to %d in IDLE ..." % target)
                started = time.monotonic()
                reached, why = open_idlers(plain_port, idle_users, target, held, sources)
                seconds = time.monotonic() - started
                time.sleep(1.0)  # let tegamid settle (freed buffers, deferred work)
                if service.proc.poll() is not None:
                    why = "tegamid exited with %d" % service.proc.returncode
                    idle_rows.append({"connections": reached, "rss_kb": None, "seconds": seconds, "why": why})
                    break
                if why is None and reached < target:
                    why = "stopped early"
                if why and "file descriptor" not in why and fd_limit < target + 100:
                    why += " (file descriptor limit %d)" % fd_limit
                idle_rows.append({"connections": reached, "rss_kb": rss_kb(service.proc.pid), "seconds": seconds,
                                  "why": why})
                if reached < target:
                    break
        results["idle"] = idle_rows
        for sock in held:
            sock.close()
        held.clear()

        print_report(results, cpu_before, cpu_after, tmpdir, fd_limit)
        if args.json:
            print(json.dumps(results, indent=2))
        return 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        for sock in held:
            sock.close()
        service.stop()
        shutil.rmtree(root, ignore_errors=True)


def ms(seconds):
    return "%.1f ms" % (seconds * 1000)


def print_report(r, cpu_before, cpu_after, tmpdir, fd_limit):
    print("IMAP on loopback, timed commands over implicit TLS (client and tegamid share the machine: %d cores)"
          % (os.cpu_count() or 1))
    print("Data directory on %s; %d messages imported in %.1f s."
          % ("tmpfs (/dev/shm)" if tmpdir == "/dev/shm" else (tmpdir or "the default temporary directory"),
             r["big"], r["import_big_s"]))
    print()
    print("Opening a folder of %d messages: SELECT INBOX, then FETCH 1:* (UID FLAGS)" % r["big"])
    print("%-6s %12s %14s %12s %14s" % ("run", "SELECT", "FETCH 1:*", "MB sent", "messages/s"))
    for row in r["open_big"]:
        print("%-6s %12s %14s %12.1f %14.0f" % (row["run"], ms(row["select_s"]), ms(row["fetch_s"]),
                                              row["bytes"] / 1e6, r["big"] / row["fetch_s"]))
    print()
    h = r["headers_fetch"]
    print("UID FETCH of %d messages' headers (BODY.PEEK[HEADER]): %s (first), %s (again); %.1f KB"
          % (r["headers"], ms(h["times_s"][0]), ms(h["times_s"][-1]), h["bytes"] / 1e3))
    print()
    print("SEARCH over %d messages" % r["search"])
    print("%-28s %6s %12s %12s" % ("key", "hits", "best", "median"))
    for s in r["searches"]:
        print("%-28s %6d %12s %12s" % (s["key"], s["hits"], ms(min(s["times_s"])), ms(statistics.median(s["times_s"]))))
    if cpu_before is not None and cpu_after is not None:
        print("tegamid CPU time for the commands above: %.1f s" % (cpu_after - cpu_before))
    print()
    if r["idle"]:
        print("tegamid's resident memory with connections in IDLE (plain TCP, logged in, INBOX of 10 selected)")
        print("%-12s %10s %16s %10s  %s" % ("connections", "RSS", "per connection", "opened in", "note"))
        base = r["idle"][0]["rss_kb"]
        for row in r["idle"]:
            rss = row["rss_kb"]
            per = ("%.1f KB" % ((rss - base) / row["connections"])) if row["connections"] and rss and base else "-"
            print("%-12d %10s %16s %10s  %s" % (row["connections"], "%.1f MB" % (rss / 1024) if rss else "-", per,
                                                "%.1f s" % row["seconds"] if row["connections"] else "-",
                                                row["why"] or ""))
        print("File descriptor limit of the client and tegamid: %d." % fd_limit)


if __name__ == "__main__":
    sys.exit(main())
