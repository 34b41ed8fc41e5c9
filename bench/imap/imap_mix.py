"""imap_mix: a client-like mix of IMAP commands from many connections at once, for
bench/compare.py (the same code drives Tegami and Dovecot).

Each connection logs in as its own user (INBOX of a few hundred messages) and repeats,
until the time is up: SELECT INBOX; FETCH 1:* (UID FLAGS); FETCH of the last 20 messages'
header fields; STORE +FLAGS/-FLAGS (\\Seen) on one message; APPEND of a ~2 KB message;
UID STORE +FLAGS.SILENT (\\Deleted) on it; EXPUNGE; IDLE followed at once by DONE. Every
command's latency (send to tagged OK) is recorded.

The connections are spread over a few processes with a thread each, so that the client
does not hold 50 Python processes on a 2-core machine; each process measures its own CPU
time (all its threads), so the caller can say whether the client was the limit.

Standard library only.
"""

import concurrent.futures
import random
import re
import socket
import threading
import time

TIMEOUT = 120.0
APPENDUID = re.compile(rb"\[APPENDUID \d+ (\d+)\]")
EXISTS = re.compile(rb"^\* (\d+) EXISTS", re.MULTILINE)
LITERAL = re.compile(rb"\{(\d+)\+?\}$")


class MixError(Exception):
    pass


class MixClient:
    def __init__(self, port, context):
        sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = context.wrap_socket(sock) if context else sock
        self.buffer = bytearray()
        self.tags = 0
        if not self.line().startswith(b"* OK"):
            raise MixError("no greeting")

    def line(self):
        """One response line; a literal's bytes are kept inside it."""
        out = bytearray()
        while True:
            end = self.buffer.find(b"\r\n")
            while end < 0:
                self._fill()
                end = self.buffer.find(b"\r\n")
            segment = bytes(self.buffer[:end])
            del self.buffer[:end + 2]
            out += segment
            match = LITERAL.search(segment)
            if not match:
                return bytes(out)
            size = int(match.group(1))
            while len(self.buffer) < size:
                self._fill()
            out += b"\r\n" + self.buffer[:size]
            del self.buffer[:size]

    def _fill(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise MixError("the server closed the connection")
        self.buffer += chunk

    def _tag(self):
        self.tags += 1
        return b"m%d" % self.tags

    def _until(self, tag, what):
        lines = []
        while True:
            line = self.line()
            if line.startswith(tag + b" "):
                if not line.startswith(tag + b" OK"):
                    raise MixError("%s: %s" % (what, line.decode(errors="replace")))
                lines.append(line)
                return b"\r\n".join(lines)
            lines.append(line)

    def command(self, text):
        tag = self._tag()
        self.sock.sendall(tag + b" " + text + b"\r\n")
        return self._until(tag, text.split(b" ")[0].decode())

    def append(self, data):
        tag = self._tag()
        self.sock.sendall(tag + b" APPEND INBOX (\\Seen) {%d}\r\n" % len(data))
        line = self.line()
        if not line.startswith(b"+"):
            raise MixError("APPEND: %s" % line.decode(errors="replace"))
        self.sock.sendall(data + b"\r\n")
        return self._until(tag, "APPEND")

    def idle(self):
        tag = self._tag()
        self.sock.sendall(tag + b" IDLE\r\n")
        while True:
            line = self.line()
            if line.startswith(b"+"):
                break
            if line.startswith(tag + b" "):
                raise MixError("IDLE: %s" % line.decode(errors="replace"))
        self.sock.sendall(b"DONE\r\n")
        return self._until(tag, "IDLE")

    def close(self):
        try:
            self.sock.sendall(b"z LOGOUT\r\n")
            self.sock.close()
        except OSError:
            pass


def appended_message(n):
    line = b"a line of a message a client saves in its folder, number %d\r\n" % n
    return (b"From: Client <client@bench.example.test>\r\nTo: someone@bench.example.test\r\n"
            b"Subject: Draft %d\r\nDate: Mon, 04 Mar 2024 10:00:00 +0000\r\n\r\n" % n) + line * 30


def one_client(port, user, password, context, start_at, deadline, out, lock):
    latencies = {}
    commands = 0
    errors = []
    rng = random.Random(hash(user))
    try:
        client = MixClient(port, context)
        client.command(b'LOGIN "%s" "%s"' % (user.encode(), password.encode()))
    except (OSError, MixError) as e:
        with lock:
            out["errors"].append("login: %s" % e)
        return
    while time.time() < start_at:
        time.sleep(min(0.01, max(0.0, start_at - time.time())))
    n = 0

    def timed(kind, call, *args):
        nonlocal commands
        started = time.perf_counter()
        result = call(*args)
        latencies.setdefault(kind, []).append(time.perf_counter() - started)
        commands += 1
        return result

    try:
        while time.time() < deadline:
            selected = timed("SELECT", client.command, b"SELECT INBOX")
            match = EXISTS.search(selected)
            exists = int(match.group(1)) if match else 0
            timed("FETCH flags", client.command, b"FETCH 1:* (UID FLAGS)")
            if exists:
                low = max(1, exists - 19)
                timed("FETCH headers", client.command,
                      b"FETCH %d:%d (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)])"
                      % (low, exists))
                seq = rng.randint(1, exists)
                timed("STORE", client.command, b"STORE %d %sFLAGS (\\Seen)" % (seq, b"+" if n % 2 else b"-"))
            reply = timed("APPEND", client.append, appended_message(n))
            match = APPENDUID.search(reply)
            if match:
                timed("STORE", client.command, b"UID STORE %s +FLAGS.SILENT (\\Deleted)" % match.group(1))
            else:
                timed("STORE", client.command, b"STORE %d +FLAGS.SILENT (\\Deleted)" % (exists + 1))
            timed("EXPUNGE", client.command, b"EXPUNGE")
            timed("IDLE", client.idle)
            n += 1
    except (OSError, MixError) as e:
        errors.append(str(e))
    end = time.time()
    client.close()
    with lock:
        out["commands"] += commands
        for kind, values in latencies.items():
            out["latencies"].setdefault(kind, []).extend(values)
        out["errors"].extend(errors)
        out["end"] = max(out["end"], end)


def process_worker(port, users, password, tls, start_at, deadline):
    """One client process: a thread per connection."""
    import benchlib  # in the child; the caller put bench/ on sys.path
    context = benchlib.client_context() if tls else None
    out = {"commands": 0, "latencies": {}, "errors": [], "end": start_at}
    lock = threading.Lock()
    cpu_before = time.process_time()
    threads = [threading.Thread(target=one_client, args=(port, u, password, context, start_at, deadline, out, lock))
               for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(deadline - time.time() + TIMEOUT)
    out["cpu"] = time.process_time() - cpu_before
    return out


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def measure(target, port, users, password, seconds, tls=True, processes=4):
    """Runs len(users) connections for `seconds`. Returns commands/s, p50/p99 (ms) and CPU."""
    clients = len(users)
    processes = max(1, min(processes, clients))
    groups = [users[i::processes] for i in range(processes)]
    start_at = time.time() + 2.0 + clients * 0.02  # every connection logged in before the clock starts
    deadline = start_at + seconds
    server_before = target.cpu_seconds()
    with concurrent.futures.ProcessPoolExecutor(max_workers=processes) as pool:
        futures = [pool.submit(process_worker, port, g, password, tls, start_at, deadline) for g in groups]
        results = [f.result(timeout=seconds + TIMEOUT + 60) for f in futures]
    server_after = target.cpu_seconds()
    elapsed = max(max(r["end"] for r in results) - start_at, 1e-9)
    everything = [v for r in results for values in r["latencies"].values() for v in values]
    kinds = {}
    for r in results:
        for kind, values in r["latencies"].items():
            kinds.setdefault(kind, []).extend(values)
    commands = sum(r["commands"] for r in results)
    return {
        "clients": clients,
        "commands": commands,
        "seconds": elapsed,
        "rate": commands / elapsed,
        "p50_ms": 1000 * percentile(everything, 50),
        "p99_ms": 1000 * percentile(everything, 99),
        "by_command": {k: {"n": len(v), "p50_ms": 1000 * percentile(v, 50), "p99_ms": 1000 * percentile(v, 99)}
                       for k, v in kinds.items()},
        "client_cpu": sum(r["cpu"] for r in results),
        "server_cpu": server_after - server_before,
        "errors": [e for r in results for e in r["errors"]],
    }
