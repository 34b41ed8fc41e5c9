#!/usr/bin/env python3
"""smtp_bench: messages per second accepted on submission, and how long after its 250 a
message is in the mailbox.

Each client process opens one submission connection (STARTTLS, AUTH PLAIN) and sends
messages of about 10 KB back to back (MAIL, RCPT, DATA) to a local mailbox until the time
is up; tegamid answers 250 only once the message and its envelope are fsynced, so the rate
is of durable acceptance. It runs with 1, 8 and 32 clients.

Latency: a follower on the control socket (log.follow, proto "queue") sees the queue's note
that a message was delivered into the store; for a sample of messages the time from the
client's 250 to that note is the latency to "visible in the mailbox" (the store's
transaction committed, so IMAP and POP3 see it).

It starts its own tegamid on a temporary data directory with listeners on free ports of
127.0.0.1, and stops it and removes the directory at the end.

The side-by-side figures with Postfix (the same client code) are bench/compare.py's.
"""

import argparse
import base64
import concurrent.futures
import json
import os
import re
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import benchlib  # noqa: E402

DOMAIN = "bench.example.test"
FQDN = "mail." + DOMAIN
PASSWORD = "bench-password-2718"
TIMEOUT = 60.0


class SmtpError(Exception):
    pass


class Client:
    def __init__(self, port, address, context, auth=True, sender=None, recipient=None, starttls=True):
        """A submission client (STARTTLS, AUTH PLAIN as `address`, mail from and to it), or
        with auth=False an MX client: `sender` to `recipient`, STARTTLS as MXs use it."""
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.expect(220)
        self.command(b"EHLO bench.example.net", 250)
        if starttls:
            self.command(b"STARTTLS", 220)
            self.sock = context.wrap_socket(self.sock)
            self.command(b"EHLO bench.example.net", 250)
        if auth:
            token = base64.b64encode(b"\0" + address.encode() + b"\0" + PASSWORD.encode())
            self.command(b"AUTH PLAIN " + token, 235)
        self.address = (sender or address).encode()
        self.recipient = (recipient or address).encode()

    def reply(self):
        while True:
            end = self.buffer.find(b"\r\n")
            while end >= 0:
                line = self.buffer[:end]
                self.buffer = self.buffer[end + 2:]
                if line[3:4] != b"-":
                    return int(line[:3]), line
                end = self.buffer.find(b"\r\n")
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SmtpError("the server closed the connection")
            self.buffer += chunk

    def expect(self, code):
        got, line = self.reply()
        if got != code:
            raise SmtpError("expected %d, got %s" % (code, line.decode(errors="replace")))
        return line

    def command(self, text, code):
        self.sock.sendall(text + b"\r\n")
        return self.expect(code)

    def send(self, data):
        """One message, pipelined (RFC 2920): MAIL, RCPT and DATA in one write. Returns the
        queue id of the 250."""
        self.sock.sendall(b"MAIL FROM:<" + self.address + b">\r\nRCPT TO:<" + self.recipient + b">\r\nDATA\r\n")
        self.expect(250)
        self.expect(250)
        self.expect(354)
        self.sock.sendall(data + b".\r\n")
        line = self.expect(250)
        match = re.search(rb"queued as (\S+)", line)
        return match.group(1).decode() if match else None

    def close(self):
        try:
            self.sock.sendall(b"QUIT\r\n")
            self.sock.close()
        except OSError:
            pass


def make_message(size, n):
    head = ("From: bench <bench@%s>\r\nTo: bench@%s\r\nSubject: benchmark %d\r\nMessage-ID: <%d.%f@bench>\r\n"
            "Date: Mon, 04 Mar 2024 10:00:00 +0000\r\n\r\n" % (DOMAIN, DOMAIN, n, n, time.time())).encode()
    line = b"lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt\r\n"
    return head + line * max(1, (size - len(head)) // len(line))


def client_worker(port, address, size, start_at, deadline, max_messages, mx_sender=None):
    """One client process. With mx_sender, an MX client from that address to `address`."""
    context = benchlib.client_context()
    if mx_sender:
        client = Client(port, address, context, auth=False, sender=mx_sender, recipient=address)
    else:
        client = Client(port, address, context)
    data = make_message(size, os.getpid())
    while time.time() < start_at:
        time.sleep(min(0.01, max(0.0, start_at - time.time())))
    cpu_before = time.process_time()
    sent = 0
    acks = []  # (queue id, time of the 250)
    errors = []
    end = time.time()
    try:
        while time.time() < deadline and sent < max_messages:
            qid = client.send(data)
            end = time.time()
            sent += 1
            if qid and sent % 5 == 1:
                acks.append((qid, end))
    except (OSError, SmtpError) as e:
        errors.append(str(e))
    client.close()
    return {"sent": sent, "acks": acks, "errors": errors, "cpu": time.process_time() - cpu_before, "end": end}


class DeliveryWatcher(threading.Thread):
    """Follows the queue's notes on the control socket: queue id -> time it was delivered."""

    PATTERN = re.compile(r"\bqueue (\d{8}T\d{9}-[0-9a-f]+-[0-9a-f]+): delivered\b")

    def __init__(self, socket_path):
        super().__init__(daemon=True)
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(socket_path)
        request = {"jsonrpc": "2.0", "id": 1, "method": "log.follow", "params": {"proto": "queue"}}
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        self.delivered = {}
        self.lines = 0
        self.stopped = False

    def run(self):
        buffer = b""
        while not self.stopped:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.time()
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                self.lines += 1
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                event = message.get("params", {})
                data = event.get("data", "") if isinstance(event, dict) else ""
                match = self.PATTERN.search(data)
                if match and match.group(1) not in self.delivered:
                    self.delivered[match.group(1)] = now

    def stop(self):
        self.stopped = True
        try:
            self.sock.close()
        except OSError:
            pass


def measure(service, port, addresses, size, seconds, max_messages, watcher, mx_sender=None):
    """`service` is anything with cpu_seconds() (benchlib.Service, compare's targets);
    `watcher` may be None (no latency)."""
    clients = len(addresses)
    start_at = time.time() + 1.5  # every process has connected and logged in before the clock starts
    deadline = start_at + seconds
    server_before = service.cpu_seconds()
    with concurrent.futures.ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client_worker, port, a, size, start_at, deadline, max(1, max_messages // clients),
                               mx_sender) for a in addresses]
        results = [f.result(timeout=seconds + TIMEOUT + 60) for f in futures]
    server_after = service.cpu_seconds()
    elapsed = max(r["end"] for r in results) - start_at
    acks = [a for r in results for a in r["acks"]]
    # Deliveries may trail the last 250 a little: wait for the sampled ones (bounded).
    wait_until = time.time() + 10
    while watcher and time.time() < wait_until and any(q not in watcher.delivered for q, _ in acks):
        time.sleep(0.05)
    latencies = [watcher.delivered[q] - t for q, t in acks if q in watcher.delivered] if watcher else []
    return {
        "clients": clients,
        "messages": sum(r["sent"] for r in results),
        "seconds": elapsed,
        "client_cpu": sum(r["cpu"] for r in results),
        "server_cpu": None if server_before is None or server_after is None else server_after - server_before,
        "latencies": latencies,
        "sampled": len(acks) if watcher else 0,
        "per_address": {a: r["sent"] for a, r in zip(addresses, results)},
        "errors": [e for r in results for e in r["errors"]],
    }


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def print_table(rows, args, cores):
    print("SMTP submission: durable acceptance of ~%d KB messages (STARTTLS, AUTH, pipelined MAIL/RCPT/DATA); "
          "loopback" % (args.size // 1024))
    print("%7s %9s %8s %10s %16s %16s %11s %11s" % ("clients", "messages", "seconds", "msgs/s", "250->mailbox p50",
                                                     "250->mailbox p99", "client CPU", "server CPU"))
    for r in rows:
        rate = r["messages"] / r["seconds"] if r["seconds"] > 0 else 0.0
        client = "%.0f%%" % (100 * r["client_cpu"] / r["seconds"]) if r["seconds"] > 0 else "-"
        server = "%.0f%%" % (100 * r["server_cpu"] / r["seconds"]) if r["server_cpu"] is not None else "n/a"
        p50 = "%.1f ms" % (1000 * percentile(r["latencies"], 50)) if r["latencies"] else "n/a"
        p99 = "%.1f ms" % (1000 * percentile(r["latencies"], 99)) if r["latencies"] else "n/a"
        print("%7d %9d %8.2f %10.1f %16s %16s %11s %11s" % (r["clients"], r["messages"], r["seconds"], rate, p50, p99,
                                                            client, server))
    print("CPU: percent of one core over the measurement; this machine has %d cores." % cores)
    print("Latency: from the client's 250 to the queue's delivery note on the control socket, for every fifth "
          "message.")
    for r in rows:
        label = "%d client%s" % (r["clients"], "" if r["clients"] == 1 else "s")
        if r["errors"]:
            print("  %s: %d clients failed, e.g. %s" % (label, len(r["errors"]), r["errors"][0]))
        if r["sampled"] and len(r["latencies"]) < r["sampled"]:
            print("  %s: %d of %d sampled deliveries were not seen in time" % (label, r["sampled"] - len(r["latencies"]),
                                                                            r["sampled"]))
        for line in benchlib.cpu_note(label, r["client_cpu"], r["server_cpu"], r["seconds"]):
            print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default="build/full", help="where tegamid and tegamictl were built (bin/)")
    parser.add_argument("--tegamid", help="path of tegamid (default: BUILD_DIR/bin/tegamid)")
    parser.add_argument("--tegamictl", help="path of tegamictl (default: BUILD_DIR/bin/tegamictl)")
    parser.add_argument("--size", type=int, default=10 * 1024, help="approximate message size in bytes")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32], help="parallel clients per run")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each measurement")
    parser.add_argument("--max-messages", type=int, default=20000, help="most messages per measurement")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON as well")
    args = parser.parse_args()
    if args.size < 200 or min(args.clients) < 1 or max(args.clients) > 64:
        parser.error("use --size >= 200 and 1 to 64 clients")
    tegamid, tegamictl = benchlib.find_binaries(args, "smtp_bench")
    root = tempfile.mkdtemp(prefix="tegami-smtp-bench-")
    # Logins are not what this measures: cheap hashing keeps 32 connections' AUTH short.
    service = benchlib.Service(tegamid, tegamictl, root, True, "smtp_bench")

    def on_signal(signo, _frame):
        raise KeyboardInterrupt("signal %d" % signo)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    watcher = None
    try:
        service.start()
        port = benchlib.free_port()
        for key, value in (("server.fqdn", FQDN), ("submission.bindings", "127.0.0.1:%d" % port),
                           ("submission.tlsBindings", "[]"), ("submission.maxConnections", "1000"),
                           ("submission.maxConnectionsPerAddress", "1000"), ("submission.tarpitSecs", "0")):
            service.ctl("config", "set", key, value)
        service.ctl("cert", "generate")
        cert_id = json.loads(service.ctl("--json", "cert", "list"))["certificates"][0]["id"]
        service.ctl("cert", "assign", cert_id)
        service.ctl("domain", "add", DOMAIN)
        addresses = []
        for i in range(max(args.clients)):
            address = "bench%02d@%s" % (i, DOMAIN)
            service.ctl("user", "add", address, "--password-stdin", stdin=PASSWORD + "\n")
            addresses.append(address)
        service.ctl("protocol", "enable", "submission")
        watcher = DeliveryWatcher(os.path.join(service.data_dir, "control.sock"))
        watcher.start()
        # One message first: it checks that everything works and warms the caches.
        first = Client(port, addresses[0], benchlib.client_context())
        qid = first.send(make_message(args.size, 0))
        first.close()
        deadline = time.time() + 10
        while qid not in watcher.delivered and time.time() < deadline:
            time.sleep(0.05)
        if qid not in watcher.delivered:
            raise SystemExit("smtp_bench: the first message (%s) was not seen delivered; tegamid's output:\n%s"
                             % (qid, service.log_tail()))
        rows = []
        for clients in args.clients:
            sys.stderr.write("smtp_bench: %d client(s), up to %.0f s ...\n" % (clients, args.seconds))
            rows.append(measure(service, port, addresses[:clients], args.size, args.seconds, args.max_messages,
                                watcher))
        print_table(rows, args, os.cpu_count() or 1)
        if args.json:
            print(json.dumps([{k: v for k, v in r.items() if k != "latencies"} for r in rows], indent=2))
        return 1 if any(r["messages"] == 0 for r in rows) else 0
    except KeyboardInterrupt:
        sys.stderr.write("smtp_bench: interrupted\n")
        return 130
    finally:
        if watcher:
            watcher.stop()
        service.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
