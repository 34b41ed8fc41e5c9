"""Shared fixture of the POP3 integration tests (test_pop3_*.py). Not a test itself: CMake
does not register it, and it defines no test case.

What it provides: a tegamid with POP3 on free ports of 127.0.0.1 (plain with STLS, and
implicit TLS) and a self-signed certificate from `tegamictl cert generate`, exported so
that clients verify the chain and the name; mailboxes filled through `tegamictl mail
import --maildir`; a POP3 client on a raw socket for what library clients hide (exact
bytes, pipelining, connections dropped without QUIT); and the messages the tests send.

Standard library only.
"""

import base64
import hashlib
import os
import select
import socket
import ssl
import time

import tegami_harness as h

FQDN = "mail.example.test"
DOMAIN = "example.test"
# Distinctive, so that finding it in a log cannot be a coincidence.
PASSWORD = "Pop3-Secret-7f3a!x"

# --- messages -------------------------------------------------------------------------


def to_crlf(data):
    """LF becomes CRLF, existing CRLF stays: what the store does on import (LineEndings.h)."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def to_lf(data):
    return data.replace(b"\r\n", b"\n")


def message(subject, body_lines, headers=(), eol=b"\r\n"):
    """A small RFC 5322 message ending with a line end; the Message-ID names it."""
    ident = hashlib.sha1(subject.encode()).hexdigest()[:16]
    lines = [b"From: Sender <sender@elsewhere.test>", b"To: someone@" + DOMAIN.encode(),
             b"Subject: " + subject.encode(), b"Message-ID: <" + ident.encode() + b"@elsewhere.test>",
             b"Date: Mon, 04 Mar 2024 10:00:00 +0000"] + list(headers) + [b""] + list(body_lines)
    return eol.join(lines) + eol


def dotted_message():
    """Lines that must be dot-stuffed on the wire, the last body line a lone dot among them."""
    return message("dots", [b"First line.", b".", b"..", b"...", b".starts with a dot", b" .space first",
                            b"ends with a dot.", b"", b".", b"\xe6\x97\xa5\xe6\x9c\xac 8-bit UTF-8", b"."])


def large_message(size):
    """About `size` bytes of deterministic base64-looking lines (76 characters, as MIME
    writes them), so a mismatch anywhere shows."""
    lines = []
    total = 0
    block = b""
    n = 0
    while total < size:
        if not block:
            block = base64.b64encode(hashlib.sha512(b"%d" % n).digest() * 6)
            n += 1
        lines.append(block[:76])
        block = block[76:]
        total += 78
    return message("large", lines, headers=[b"MIME-Version: 1.0", b"Content-Type: application/octet-stream",
                                            b"Content-Transfer-Encoding: base64"])


def message_id(data):
    for line in data.split(b"\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip()
        if not line.strip():
            break
    return None


def write_maildir(path, messages, first_mtime=None):
    """A Maildir with the messages in new/, their mtimes (the store's internal dates)
    ascending from first_mtime (default: now), one second apart, so the import keeps
    their order."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    base = time.time() if first_mtime is None else first_mtime
    for i, data in enumerate(messages):
        name = os.path.join(path, "new", "%d.M%d.test" % (int(base) + i, i))
        with open(name, "wb") as f:
            f.write(data)
        os.utime(name, (base + i, base + i))
    return path


def read_maildir(path):
    """[(flags, CRLF bytes)] of a Maildir that `tegamictl mail export` wrote: flags are
    the letters after ':2,' (S seen, T deleted, ...)."""
    out = []
    for sub in ("cur", "new"):
        directory = os.path.join(path, sub)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            flags = name.split(":2,", 1)[1] if ":2," in name else ""
            out.append((flags, to_crlf(h.read_bytes(os.path.join(directory, name)))))
    return out


# --- TLS contexts ---------------------------------------------------------------------


class NamedContext(ssl.SSLContext):
    """A client context that checks the certificate against FQDN whatever host the
    client connected to: the listeners are on 127.0.0.1, and the generated certificate
    names the server's FQDN (it has no IP address), so poplib's own server_hostname
    (the address it connected to) could not match."""

    def wrap_socket(self, sock, *args, server_hostname=None, **kwargs):
        return super().wrap_socket(sock, *args, server_hostname=FQDN, **kwargs)


def client_context(cafile):
    """Verifies the chain against the exported certificate and the name against FQDN."""
    context = NamedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


# --- a POP3 client on a raw socket ----------------------------------------------------


class Pop3:
    """A POP3 client that shows the exact bytes: command() returns the status line,
    multiline() the body with the dot-stuffing undone and every line end checked to be
    CRLF. tls: a context for implicit TLS."""

    def __init__(self, port, tls=None, timeout=15.0):
        self.port = port
        self.timeout = timeout
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.local = self.sock.getsockname()[:2]
        if tls is not None:
            self.sock = tls.wrap_socket(self.sock, server_hostname=FQDN)
        self._buffer = bytearray()
        self.greeting = self.line()

    @property
    def remote(self):
        """This client as the protocol log names the remote end."""
        return "%s:%d" % self.local

    def _fill(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionError("the server closed the connection (unread: %r)" % bytes(self._buffer[:200]))
        self._buffer += chunk

    def line(self):
        """The next line without its CRLF; a bare LF does not end a line."""
        start = 0
        while True:
            at = self._buffer.find(b"\r\n", start)
            if at >= 0:
                line = bytes(self._buffer[:at])
                del self._buffer[:at + 2]
                return line
            start = max(0, len(self._buffer) - 1)
            self._fill()

    def send(self, data):
        self.sock.sendall(data)

    def unread(self, wait=0.5):
        """Bytes received but not read yet, after waiting `wait` seconds for more (plain
        connections only: select() does not see data buffered inside TLS)."""
        if wait > 0:
            readable, _, _ = select.select([self.sock], [], [], wait)
            if readable:
                self._buffer += self.sock.recv(65536)
        return bytes(self._buffer)

    def command(self, text):
        self.send(text.encode() + b"\r\n" if isinstance(text, str) else text + b"\r\n")
        return self.line()

    def read_body(self):
        """The body of a multi-line answer up to the terminating dot line: the message as
        RETR sends it, with stuffed dots removed."""
        start = 0
        while True:
            if self._buffer.startswith(b".\r\n"):
                del self._buffer[:3]
                return b""
            at = self._buffer.find(b"\r\n.\r\n", start)
            if at >= 0:
                raw = bytes(self._buffer[:at + 2])
                del self._buffer[:at + 5]
                break
            start = max(0, len(self._buffer) - 4)
            self._fill()
        lines = raw.split(b"\r\n")[:-1]
        for stuffed in lines:
            if stuffed.startswith(b".") and not stuffed.startswith(b".."):
                raise AssertionError("a body line starts with a single dot (not dot-stuffed): %r" % stuffed)
        return b"".join((l[1:] if l.startswith(b".") else l) + b"\r\n" for l in lines)

    def multiline(self, text):
        """(status line, body or None when the status is not +OK)."""
        status = self.command(text)
        return status, (self.read_body() if status.startswith(b"+OK") else None)

    def capabilities(self):
        status, body = self.multiline("CAPA")
        if not status.startswith(b"+OK"):
            raise AssertionError("CAPA failed: %r" % status)
        return [l.decode() for l in body.split(b"\r\n") if l]

    def stls(self, context):
        reply = self.command("STLS")
        if not reply.startswith(b"+OK"):
            raise AssertionError("STLS refused: %r" % reply)
        if self._buffer:
            raise AssertionError("the server sent %r after +OK to STLS, before the handshake" % bytes(self._buffer))
        self.sock = context.wrap_socket(self.sock, server_hostname=FQDN)
        return reply

    def login(self, user, password=PASSWORD):
        """USER/PASS; returns the reply to PASS (or to USER when that failed)."""
        reply = self.command("USER " + user)
        if not reply.startswith(b"+OK"):
            return reply
        return self.command("PASS " + password)

    def listing(self, text="LIST"):
        """LIST or UIDL as {message number: value}."""
        status, body = self.multiline(text)
        if not status.startswith(b"+OK"):
            raise AssertionError("%s failed: %r" % (text, status))
        out = {}
        for l in body.split(b"\r\n"):
            if l:
                number, value = l.split(b" ", 1)
                out[int(number)] = int(value) if text == "LIST" else value.decode()
        return out

    def retr(self, number):
        status, body = self.multiline("RETR %d" % number)
        if not status.startswith(b"+OK"):
            raise AssertionError("RETR %d failed: %r" % (number, status))
        return body

    def quit(self):
        """QUIT; returns its reply after the server closed the connection."""
        reply = self.command("QUIT")
        self.wait_closed()
        return reply

    def wait_closed(self):
        """Reads until the server closes the connection; what it sent stays in unread()."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                self._fill()
            except TimeoutError:
                break
            except OSError:  # closed: ConnectionError, or TLS ending without close_notify
                self.close()
                return
        raise AssertionError("the server did not close the connection within %.0f s" % self.timeout)

    def drop(self):
        """Ends the connection without QUIT, as a crashed client or a lost network would."""
        self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- the service ----------------------------------------------------------------------


class Pop3Endpoints:
    def __init__(self, plain, implicit, cafile):
        self.plain = plain
        self.implicit = implicit
        self.cafile = cafile


def setup_pop3(service, root):
    """Puts POP3 on free ports with a generated certificate and the test domain. Returns
    the ports and the exported certificate (the trust anchor of the clients)."""
    h.ctl_ok(service, "config", "set", "server.fqdn", FQDN)
    # The tests log in wrongly on purpose from 127.0.0.1; the throttle (tested once,
    # with its own limit) must not ban the address for the tests that follow.
    h.ctl_ok(service, "config", "set", "security.maxFailuresPerAddress", "10000")
    plain, implicit = h.free_port(), h.free_port()
    h.ctl_ok(service, "config", "set", "pop3.bindings", "127.0.0.1:%d" % plain)
    h.ctl_ok(service, "config", "set", "pop3.tlsBindings", "127.0.0.1:%d" % implicit)
    h.ctl_ok(service, "cert", "generate")
    certificates = h.ctl_ok(service, "--json", "cert", "list").json()["certificates"]
    cert_id = certificates[0]["id"]
    h.ctl_ok(service, "cert", "assign", cert_id)
    cafile = os.path.join(root, "server-cert.pem")
    with open(cafile, "w") as f:
        f.write(h.ctl_ok(service, "cert", "export", cert_id, "--no-chain").stdout)
    h.ctl_ok(service, "domain", "add", DOMAIN)
    h.ctl_ok(service, "protocol", "enable", "pop3")
    return Pop3Endpoints(plain, implicit, cafile)


class Pop3TestCase(h.SharedTegamiTestCase):
    """One tegamid with POP3 for the class; every test makes its own mailboxes."""

    _sequence = 0

    @staticmethod
    def next_number():
        """Numbers for unique mailbox addresses and directory names within the run."""
        Pop3TestCase._sequence += 1
        return Pop3TestCase._sequence

    @classmethod
    def seed(cls, service):
        cls.pop3 = setup_pop3(service, cls.root)
        cls.tls = client_context(cls.pop3.cafile)

    def path(self, *names):
        return os.path.join(self.root, *names)

    def new_mailbox(self, messages=(), prefix="user", password=PASSWORD, first_mtime=None):
        """A new mailbox holding the messages (imported in this order). Returns its address."""
        address = "%s%d@%s" % (prefix, self.next_number(), DOMAIN)
        self.add_user(address, password)
        if messages:
            self.import_messages(address, messages, first_mtime)
        return address

    def import_messages(self, address, messages, first_mtime=None):
        maildir = write_maildir(self.path("import-%d" % self.next_number()), messages, first_mtime)
        result = self.assertCtlOk(self.service.ctl("--json", "mail", "import", address, "--maildir", maildir))
        self.assertEqual(result.json()["messages"], len(messages), result)

    def export(self, address, folder="INBOX"):
        """[(flags, CRLF bytes)] of a folder, through `tegamictl mail export`."""
        target = self.path("export-%d" % self.next_number())
        self.assertCtlOk(self.service.ctl("mail", "export", address, "--maildir", target, "--folder", folder))
        return read_maildir(target)

    def mailbox(self, address):
        users = self.assertCtlOk(self.service.ctl("--json", "user", "list")).json()
        for user in users:
            if user["address"] == address:
                return user
        self.fail("%s is not in `user list`: %r" % (address, users))

    def message_count(self, address):
        """Messages of the mailbox in all its folders, as `user list` reports them."""
        return self.mailbox(address)["messages"]

    def connect(self, starttls=False):
        """A POP3 connection over TLS: implicit, or plain upgraded with STLS."""
        if starttls:
            client = Pop3(self.pop3.plain)
            self.addCleanup(client.close)
            client.stls(self.tls)
            return client
        client = Pop3(self.pop3.implicit, tls=self.tls)
        self.addCleanup(client.close)
        return client

    def logged_in(self, address, password=PASSWORD, starttls=False):
        client = self.connect(starttls)
        self.assertTrue(client.greeting.startswith(b"+OK"), client.greeting)
        reply = client.login(address, password)
        self.assertTrue(reply.startswith(b"+OK"), "login of %s failed: %r" % (address, reply))
        return client

    def session_events(self, remote):
        """The logged events of the session from remote, once it has ended (bounded wait)."""
        def ended():
            events = self.log_events("--proto", "pop3", "--remote", remote)
            return events if events and events[-1]["dir"] == "-" else None
        return h.wait_until(ended, timeout=10, what="the end of the POP3 session from %s in the log" % remote)

    def assertOk(self, reply):
        self.assertTrue(reply.startswith(b"+OK"), reply)
        return reply

    def assertErr(self, reply, code=None):
        self.assertTrue(reply.startswith(b"-ERR"), reply)
        if code:
            self.assertTrue(reply.startswith(b"-ERR [" + code.encode() + b"]"), reply)
        return reply
