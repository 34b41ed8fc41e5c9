#!/usr/bin/env python3
"""pop3_bench: POP3 sessions per second, the way a mail client polls.

A session is: connect (implicit TLS by default), USER/PASS, STAT, RETR of every message,
QUIT. It runs with 1 client and with 16 clients in parallel (separate processes, each on
its own mailbox: POP3 locks a maildrop to one session), every mailbox holding 1,000
messages of about 10 KB.

It starts its own tegamid on a temporary data directory with listeners on free ports of
127.0.0.1, and stops it and removes the directory at the end (also on Ctrl+C). Each
measurement is bounded in time (--seconds) and in sessions (--max-sessions).

The clients measure their own CPU time, and the server's is read from /proc, so the
table shows whether the figure is the server's or the client's limit.

Standard library only. Usage:
    bench/pop3/pop3_bench.py [--build-dir build/full] [--seconds 8] [--plain] ...

The side-by-side comparison with Dovecot's POP3 (the same client code) is bench/compare.py's.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import benchlib  # noqa: E402

DOMAIN = "bench.example.test"
FQDN = "mail." + DOMAIN
PASSWORD = "bench-password-3141"
SESSION_TIMEOUT = 120.0


# --- the service (benchlib) ------------------------------------------------------------


def make_message(i, size):
    """Message i of about size bytes (LF line ends): text lines, some starting with a dot."""
    head = ("From: Sender %d <sender%d@elsewhere.test>\nTo: someone@%s\nSubject: Benchmark message %d\n"
            "Message-ID: <%d.bench@elsewhere.test>\nDate: Mon, 04 Mar 2024 10:00:00 +0000\n\n"
            % (i, i, DOMAIN, i, i)).encode()
    body = []
    total = len(head)
    n = 0
    while total < size:
        line = hashlib.sha256(b"%d/%d" % (i, n)).hexdigest().encode() + b" lorem ipsum dolor sit amet"
        if n % 40 == 39:
            line = b"." + line  # dot-stuffed on the wire
        body.append(line)
        total += len(line) + 1
        n += 1
    return head + b"\n".join(body) + b"\n"


def write_maildir(path, count, size):
    """count messages of about size bytes."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    base = time.time() - 86400
    for i in range(count):
        name = os.path.join(path, "new", "%d.bench" % i)
        with open(name, "wb") as f:
            f.write(make_message(i, size))
        os.utime(name, (base + i, base + i))


# --- the client --------------------------------------------------------------------------


class SessionError(Exception):
    pass


def read_line(sock, buffer):
    while b"\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise SessionError("the server closed the connection")
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\r\n")
    buffer[:] = rest
    return line


def command(sock, buffer, text):
    sock.sendall(text + b"\r\n")
    line = read_line(sock, buffer)
    if not line.startswith(b"+OK"):
        raise SessionError("%s: %s" % (text.split(b" ")[0].decode(), line.decode(errors="replace")))
    return line


def read_multiline(sock, buffer):
    """Reads up to the terminating dot line; returns the byte count. Sequential commands,
    so the answer ends exactly at the end of what was received."""
    while not (buffer.endswith(b"\r\n.\r\n") or buffer == b".\r\n"):
        chunk = sock.recv(262144)
        if not chunk:
            raise SessionError("the server closed the connection during RETR")
        buffer += chunk
    n = len(buffer)
    buffer.clear()
    return n


def one_session(port, address, context):
    """Returns (messages retrieved, bytes received)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=SESSION_TIMEOUT)
    try:
        if context is not None:
            sock = context.wrap_socket(sock)
        buffer = bytearray()
        greeting = read_line(sock, buffer)
        if not greeting.startswith(b"+OK"):
            raise SessionError("greeting: %s" % greeting.decode(errors="replace"))
        command(sock, buffer, b"USER " + address.encode())
        command(sock, buffer, b"PASS " + PASSWORD.encode())
        count = int(command(sock, buffer, b"STAT").split()[1])
        received = 0
        for number in range(1, count + 1):
            command(sock, buffer, b"RETR %d" % number)
            received += read_multiline(sock, buffer)
        command(sock, buffer, b"QUIT")
        return count, received
    finally:
        sock.close()


def client_worker(port, address, tls, start_at, deadline, max_sessions):
    """One client process: sessions back to back until the deadline. Returns a dict."""
    context = benchlib.client_context() if tls else None
    while time.time() < start_at:
        time.sleep(min(0.01, max(0.0, start_at - time.time())))
    cpu_before = time.process_time()
    sessions = messages = received = 0
    errors = []
    first_start = time.time()
    last_end = first_start
    while time.time() < deadline and sessions < max_sessions:
        try:
            count, got = one_session(port, address, context)
        except (OSError, SessionError, ValueError, IndexError) as e:
            errors.append(str(e))
            if len(errors) >= 3:
                break
            continue
        sessions += 1
        messages += count
        received += got
        last_end = time.time()
    return {"sessions": sessions, "messages": messages, "bytes": received, "errors": errors,
            "cpu": time.process_time() - cpu_before, "start": first_start, "end": last_end}


def measure(service, port, addresses, tls, seconds, max_sessions):
    """`service` is anything with cpu_seconds() (benchlib.Service, compare's targets)."""
    clients = len(addresses)
    start_at = time.time() + 1.0  # every process is up and waiting before the clock starts
    deadline = start_at + seconds
    per_client = max(1, max_sessions // clients)
    server_before = service.cpu_seconds()
    with concurrent.futures.ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client_worker, port, a, tls, start_at, deadline, per_client) for a in addresses]
        results = [f.result(timeout=seconds + SESSION_TIMEOUT + 30) for f in futures]
    server_after = service.cpu_seconds()
    elapsed = max(r["end"] for r in results) - start_at
    row = {
        "clients": clients,
        "tls": tls,
        "sessions": sum(r["sessions"] for r in results),
        "messages": sum(r["messages"] for r in results),
        "bytes": sum(r["bytes"] for r in results),
        "seconds": elapsed,
        "client_cpu": sum(r["cpu"] for r in results),
        "server_cpu": None if server_before is None or server_after is None else server_after - server_before,
        "errors": [e for r in results for e in r["errors"]],
    }
    return row


# --- main --------------------------------------------------------------------------------


def print_table(rows, args, cores):
    print("POP3 sessions per second: login, STAT, RETR of all %d messages (~%d KB each), QUIT; loopback"
          % (args.messages, args.size // 1024))
    print("%-9s %7s %8s %8s %10s %8s %11s %11s" % ("transport", "clients", "sessions", "seconds", "sessions/s",
                                                   "MB/s", "client CPU", "server CPU"))
    for r in rows:
        rate = r["sessions"] / r["seconds"] if r["seconds"] > 0 else 0.0
        mbps = r["bytes"] / r["seconds"] / 1e6 if r["seconds"] > 0 else 0.0
        client = "%.0f%%" % (100 * r["client_cpu"] / r["seconds"]) if r["seconds"] > 0 else "-"
        server = "%.0f%%" % (100 * r["server_cpu"] / r["seconds"]) if r["server_cpu"] is not None else "n/a"
        print("%-9s %7d %8d %8.2f %10.2f %8.1f %11s %11s" % ("TLS" if r["tls"] else "plain", r["clients"],
                                                            r["sessions"], r["seconds"], rate, mbps, client, server))
    print("CPU: percent of one core over the measurement; this machine has %d cores." % cores)
    print("Login: %s." % ("cheap test hashing (--fast-hashing)" if args.fast_hashing
                          else "Argon2id verification as in production (--fast-hashing leaves it out)"))
    for r in rows:
        label = "%s, %d client%s" % ("TLS" if r["tls"] else "plain", r["clients"], "" if r["clients"] == 1 else "s")
        if r["errors"]:
            print("  %s: %d failed sessions, e.g. %s" % (label, len(r["errors"]), r["errors"][0]))
        for line in benchlib.cpu_note(label, r["client_cpu"], r["server_cpu"], r["seconds"]):
            print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default="build/full", help="where tegamid and tegamictl were built (bin/)")
    parser.add_argument("--tegamid", help="path of tegamid (default: BUILD_DIR/bin/tegamid)")
    parser.add_argument("--tegamictl", help="path of tegamictl (default: BUILD_DIR/bin/tegamictl)")
    parser.add_argument("--messages", type=int, default=1000, help="messages per mailbox (default 1000)")
    parser.add_argument("--size", type=int, default=10 * 1024, help="approximate message size in bytes")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16], help="parallel clients per run")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each measurement")
    parser.add_argument("--max-sessions", type=int, default=1000, help="most sessions per measurement")
    parser.add_argument("--plain", action="store_true", help="also measure without TLS (plainTextLogin)")
    parser.add_argument("--fast-hashing", action="store_true",
                        help="cheap password hashing (tegamid --test-password-hashing): leaves Argon2 out")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON as well")
    args = parser.parse_args()
    if args.messages < 1 or args.size < 200 or min(args.clients) < 1 or max(args.clients) > 64:
        parser.error("use --messages >= 1, --size >= 200 and 1 to 64 clients")
    if not 0.5 <= args.seconds <= 600:
        parser.error("use --seconds between 0.5 and 600")
    tegamid, tegamictl = benchlib.find_binaries(args, "pop3_bench")

    root = tempfile.mkdtemp(prefix="tegami-pop3-bench-")
    service = benchlib.Service(tegamid, tegamictl, root, args.fast_hashing, "pop3_bench")

    def on_signal(signo, _frame):
        raise KeyboardInterrupt("signal %d" % signo)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    setup_started = time.monotonic()
    try:
        service.start()
        plain_port, tls_port = benchlib.free_port(), benchlib.free_port()
        service.ctl("config", "set", "server.fqdn", FQDN)
        service.ctl("config", "set", "pop3.bindings", "127.0.0.1:%d" % plain_port)
        service.ctl("config", "set", "pop3.tlsBindings", "127.0.0.1:%d" % tls_port)
        service.ctl("config", "set", "pop3.maxConnectionsPerAddress", "1000")
        service.ctl("config", "set", "pop3.maxConnections", "1000")
        if args.plain:
            service.ctl("config", "set", "pop3.loginType", "plainTextLogin")
        service.ctl("cert", "generate")
        cert_id = json.loads(service.ctl("--json", "cert", "list"))["certificates"][0]["id"]
        service.ctl("cert", "assign", cert_id)
        service.ctl("domain", "add", DOMAIN)

        mailboxes = max(args.clients)
        sys.stderr.write("pop3_bench: writing %d messages, importing them into %d mailboxes ...\n"
                         % (args.messages, mailboxes))
        maildir = os.path.join(root, "maildir")
        write_maildir(maildir, args.messages, args.size)
        addresses = []
        for i in range(mailboxes):
            address = "bench%02d@%s" % (i, DOMAIN)
            service.ctl("user", "add", address, "--password-stdin", stdin=PASSWORD + "\n")
            service.ctl("mail", "import", address, "--maildir", maildir)
            addresses.append(address)
        shutil.rmtree(maildir)
        service.ctl("protocol", "enable", "pop3")
        sys.stderr.write("pop3_bench: set-up took %.0f s\n" % (time.monotonic() - setup_started))

        # One session first: it checks that everything works and warms the caches.
        try:
            count, _ = one_session(tls_port, addresses[0], benchlib.client_context())
        except (OSError, SessionError) as e:
            raise SystemExit("pop3_bench: a first POP3 session failed (%s); check that this build has the "
                             "POP3 engine. tegamid's output:\n%s" % (e, service.log_tail()))
        if count != args.messages:
            raise SystemExit("pop3_bench: STAT showed %d messages, expected %d" % (count, args.messages))

        rows = []
        for tls in ([True, False] if args.plain else [True]):
            for clients in args.clients:
                sys.stderr.write("pop3_bench: %s, %d client(s), up to %.0f s ...\n"
                                 % ("TLS" if tls else "plain", clients, args.seconds))
                rows.append(measure(service, tls_port if tls else plain_port, addresses[:clients], tls,
                                    args.seconds, args.max_sessions))
        print_table(rows, args, os.cpu_count() or 1)
        if args.json:
            print(json.dumps(rows, indent=2))
        return 1 if any(r["sessions"] == 0 for r in rows) else 0
    except KeyboardInterrupt:
        sys.stderr.write("pop3_bench: interrupted\n")
        return 130
    finally:
        service.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
