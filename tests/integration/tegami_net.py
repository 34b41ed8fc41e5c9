"""Sockets for the integration tests: free local ports, a line-oriented client of the
listeners with what each protocol says in this build, and newline-delimited JSON on a
stream socket. No processes here (see tegami_harness)."""

import json
import socket
import time

PROTOCOLS = ("smtp", "submission", "pop3", "imap")

# How each protocol greets, says goodbye and refuses a connection over the limits, so the
# tests that treat every listener alike find it in one place.
GREETING = {
    "smtp": b"220 ",
    "submission": b"220 ",
    "pop3": b"+OK ",
    "imap": b"* OK ",
}
# The command that ends a session politely, and the start of the server's answer.
QUIT = {
    "smtp": (b"QUIT\r\n", b"221 "),
    "submission": (b"QUIT\r\n", b"221 "),
    "pop3": (b"QUIT\r\n", b"+OK"),
    "imap": (b"a1 LOGOUT\r\n", b"* BYE "),
}
# The line a connection over a listener's limits gets before the server hangs up.
REFUSAL = {
    "smtp": b"421 4.7.0 ",
    "submission": b"421 4.7.0 ",
    "pop3": b"-ERR [SYS/TEMP] ",
    "imap": b"* BYE [UNAVAILABLE] ",
}

_handed_out = set()


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago (never a well-known one)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port > 1023 and port not in _handed_out:
            _handed_out.add(port)
            return port
    raise RuntimeError("no free port on 127.0.0.1")


class Client:
    """A line-oriented TCP client of a listener."""

    def __init__(self, port, host="127.0.0.1", timeout=5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.timeout = timeout
        self.local = self.sock.getsockname()[:2]
        self._buffer = b""

    @property
    def remote(self):
        """This client as the protocol log writes the remote end: "127.0.0.1:40000"."""
        address, port = self.local
        return ("[%s]:%d" if ":" in address else "%s:%d") % (address, port)

    def read_line(self):
        """The next line without its CRLF; b"" when the server has closed."""
        deadline = time.monotonic() + self.timeout
        while b"\n" not in self._buffer:
            if time.monotonic() > deadline:
                raise AssertionError("no complete line within %.0f s (have %r)" % (self.timeout, self._buffer))
            chunk = self.sock.recv(4096)
            if not chunk:
                line, self._buffer = self._buffer, b""
                return line
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.rstrip(b"\r")

    def send(self, data):
        self.sock.sendall(data)

    def read_until_closed(self):
        """Everything the server sends until it closes the connection."""
        data, self._buffer = self._buffer, b""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            chunk = self.sock.recv(4096)
            if not chunk:
                return data
            data += chunk
        raise AssertionError("the server did not close the connection within %.0f s (got %r)" % (self.timeout, data))

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Session:
    """What one polite session saw: the greeting, the answer to quit, and the client's end."""

    def __init__(self, greeting, farewell, remote):
        self.greeting = greeting
        self.farewell = farewell
        self.remote = remote


def session(protocol, port, host="127.0.0.1"):
    """Connects, reads the greeting, quits and waits for the server to close."""
    with Client(port, host) as c:
        greeting = c.read_line()
        command, _ = QUIT[protocol]
        c.send(command)
        farewell = c.read_until_closed()
        return Session(greeting, farewell, c.remote)


def read_until_closed(port, timeout=5.0):
    """Connects without saying anything and returns what the server sends before closing."""
    with Client(port, timeout=timeout) as c:
        return c.read_until_closed()


def connection_refused(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=3):
            return False
    except ConnectionRefusedError:
        return True


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def wait_until(predicate, timeout=5.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(interval)


def read_json_lines(sock, count, timeout=5.0):
    """Reads up to count newline-terminated JSON messages from sock."""
    buffer = b""
    out = []
    deadline = time.monotonic() + timeout
    while len(out) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no answer within %.1f s (have %r, partial %r)" % (timeout, out, buffer[:200]))
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            break
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer and len(out) < count:
            line, buffer = buffer.split(b"\n", 1)
            if line.strip():
                out.append(json.loads(line))
    return out
