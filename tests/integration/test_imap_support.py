"""Shared fixture of the IMAP integration tests (test_imap_*.py). Not a test itself: CMake
does not register it, and it defines no test case.

What it provides: a tegamid with IMAP on free ports of 127.0.0.1 (plain with STARTTLS, and
implicit TLS), optionally submission as well (for mail that arrives while a client waits
in IDLE), a self-signed certificate from `tegamictl cert generate` exported for the
clients; mailboxes filled through `tegamictl mail import --maildir` (with Maildir flags);
an IMAP client on a raw socket that shows the exact responses (literals included) and a
small parser of response data (FETCH items, LIST, STATUS); imaplib connections that
verify the certificate against the server's name.

Standard library only.
"""

import base64
import imaplib
import os
import re
import select
import socket
import ssl
import time

import tegami_harness as h
import test_pop3_support as pop

FQDN = pop.FQDN
DOMAIN = pop.DOMAIN
# Distinctive, so that finding it in a log cannot be a coincidence.
PASSWORD = "Imap-Secret-2d8c!q"
LOCALHOST = "localhost"
SUBMISSION_PASSWORD = PASSWORD

to_crlf = pop.to_crlf
message = pop.message
message_id = pop.message_id
large_message = pop.large_message
client_context = pop.client_context

# Capabilities the brief's RFCs stand for, as a logged-in client must see them.
EXTENSIONS = ("IDLE", "UIDPLUS", "MOVE", "CONDSTORE", "QUOTA", "SPECIAL-USE", "NAMESPACE", "ID", "ENABLE",
              "UNSELECT", "SASL-IR")

# --- messages -------------------------------------------------------------------------


def write_maildir(path, messages, first_mtime=None):
    """A Maildir holding the messages; each item is bytes, or (bytes, flags) with Maildir
    flag letters ("S" seen, "F" flagged, "R" answered, "T" deleted, "D" draft), which put
    the file in cur/, or (bytes, flags, mtime). Internal dates (mtimes) ascend one second
    apart from first_mtime (default: an hour ago), so the import keeps the order."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    base = (time.time() - 3600) if first_mtime is None else first_mtime
    for i, item in enumerate(messages):
        data, flags, mtime = (tuple(item) + (None, None))[:3] if isinstance(item, tuple) else (item, None, None)
        mtime = base + i if mtime is None else mtime
        if flags is None:
            name = os.path.join(path, "new", "%d.M%d.test" % (int(base) + i, i))
        else:
            name = os.path.join(path, "cur", "%d.M%d.test:2,%s" % (int(base) + i, i, "".join(sorted(flags))))
        with open(name, "wb") as f:
            f.write(data)
        os.utime(name, (mtime, mtime))
    return path


def japanese_message():
    """A MIME message whose subject (RFC 2047, UTF-8) and body (UTF-8, base64) hold Japanese."""
    body = base64.encodebytes("会議の議事録を添付します。\r\n東京オフィスより\r\n".encode()).replace(b"\n", b"\r\n")
    subject = "=?UTF-8?B?" + base64.b64encode("週次会議の議事録".encode()).decode() + "?="
    return message("japanese", [body.rstrip(b"\r\n")], headers=[
        b"MIME-Version: 1.0", b"Content-Type: text/plain; charset=UTF-8", b"Content-Transfer-Encoding: base64",
    ]).replace(b"Subject: japanese", b"Subject: " + subject.encode())


def multipart_message():
    """A multipart/mixed message: a text part and a small attachment (for BODYSTRUCTURE
    and BODY[n] sections)."""
    lines = [
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="XyZ"',
    ]
    body = [
        b"This is a multi-part message in MIME format.",
        b"--XyZ",
        b"Content-Type: text/plain; charset=us-ascii",
        b"",
        b"Part one text.",
        b"--XyZ",
        b'Content-Type: application/octet-stream; name="a.bin"',
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="a.bin"',
        b"",
        b"AAECAwQFBgcICQ==",
        b"--XyZ--",
    ]
    return message("multipart", body, headers=lines)


# --- response data --------------------------------------------------------------------


class ParseError(Exception):
    pass


_ATOM_END = b" ()\r\n"


def parse_data(data, pos=0, until=None):
    """Parses IMAP response data from data[pos:] into Python values: atoms are bytes (a
    section such as BODY[HEADER.FIELDS (SUBJECT)]<0> stays one atom), quoted strings and
    literals are bytes, NIL is None, lists are lists. Stops at `until` (b")") or the line
    end; returns (values, position after)."""
    out = []
    n = len(data)
    while pos < n:
        c = data[pos:pos + 1]
        if c == b" ":
            pos += 1
        elif c in (b"\r", b"\n"):
            if until:
                raise ParseError("line ends inside a list at %d: %r" % (pos, data[:200]))
            return out, pos
        elif c == b")":
            if until != b")":
                raise ParseError("unbalanced ')' at %d: %r" % (pos, data[:200]))
            return out, pos + 1
        elif c == b"(":
            inner, pos = parse_data(data, pos + 1, b")")
            out.append(inner)
        elif c == b'"':
            pos += 1
            value = bytearray()
            while True:
                if pos >= n:
                    raise ParseError("unterminated quoted string: %r" % data[:200])
                ch = data[pos:pos + 1]
                if ch == b"\\":
                    value += data[pos + 1:pos + 2]
                    pos += 2
                elif ch == b'"':
                    pos += 1
                    break
                else:
                    value += ch
                    pos += 1
            out.append(bytes(value))
        elif c == b"{" or data[pos:pos + 2] == b"~{":
            m = re.compile(rb"~?\{(\d+)\+?\}\r\n").match(data, pos)
            if not m:
                raise ParseError("bad literal at %d: %r" % (pos, data[pos:pos + 40]))
            size = int(m.group(1))
            out.append(data[m.end():m.end() + size])
            if m.end() + size > n:
                raise ParseError("literal shorter than announced (%d): %r" % (size, data[:200]))
            pos = m.end() + size
        else:
            start = pos
            depth = 0
            while pos < n:
                ch = data[pos:pos + 1]
                if ch == b"[":
                    depth += 1
                elif ch == b"]":
                    depth -= 1
                elif depth == 0 and ch in (b" ", b"(", b")", b"\r", b"\n"):
                    # "BODY[...]<0>" is one atom; "(" only ends an atom outside brackets.
                    break
                pos += 1
            atom = data[start:pos]
            out.append(None if atom.upper() == b"NIL" else atom)
    if until:
        raise ParseError("unterminated list: %r" % data[:200])
    return out, pos


def pairs(values):
    """A FETCH item list as {NAME (upper case): value}."""
    if len(values) % 2:
        raise ParseError("odd number of FETCH items: %r" % (values,))
    return {values[i].upper() if isinstance(values[i], bytes) else values[i]: values[i + 1]
            for i in range(0, len(values), 2)}


class Response:
    """One server response: raw is its bytes with every literal inline ("{n}\\r\\n" and the
    n bytes) up to and including the final CRLF."""

    def __init__(self, raw):
        self.raw = raw

    @property
    def line(self):
        """The first line (up to a literal or the CRLF)."""
        return self.raw.split(b"\r\n", 1)[0]

    @property
    def tag(self):
        return self.raw.split(b" ", 1)[0]

    @property
    def untagged(self):
        return self.raw.startswith(b"* ")

    @property
    def continuation(self):
        return self.raw.startswith(b"+")

    @property
    def status(self):
        """OK/NO/BAD/PREAUTH/BYE of a tagged or untagged status response, else None."""
        words = self.raw.split(b" ", 2)
        if len(words) >= 2 and words[1].upper() in (b"OK", b"NO", b"BAD", b"BYE", b"PREAUTH"):
            return words[1].upper()
        return None

    @property
    def code(self):
        """The response code without brackets ("TOOBIG", "APPENDUID 12 3"), or None."""
        m = re.match(rb"\S+ (?:OK|NO|BAD|BYE|PREAUTH) \[([^\]]*)\]", self.raw, re.IGNORECASE)
        return m.group(1) if m else None

    @property
    def text(self):
        return self.line.decode("utf-8", "replace")

    def words(self):
        """The untagged response as [number or keyword, ...] parsed data after "* "."""
        return parse_data(self.raw, 2)[0]

    def kind(self):
        """"EXISTS", "FETCH", "LIST", "OK", ... for an untagged response."""
        words = self.raw[2:].split(b" ", 2)
        if words[0].isdigit() and len(words) > 1:
            return words[1].rstrip(b"\r\n").upper().decode()
        return words[0].rstrip(b"\r\n").upper().decode()

    def number(self):
        """The message number of "* n EXISTS/EXPUNGE/FETCH"."""
        return int(self.raw[2:].split(b" ", 1)[0])

    def fetch(self):
        """(message number, {ITEM: value}) of "* n FETCH (...)"."""
        m = re.match(rb"\* (\d+) FETCH ", self.raw, re.IGNORECASE)
        if not m:
            raise ParseError("not a FETCH response: %r" % self.raw[:200])
        values, _ = parse_data(self.raw, m.end())
        if len(values) != 1 or not isinstance(values[0], list):
            raise ParseError("FETCH data is not one list: %r" % self.raw[:200])
        return int(m.group(1)), pairs(values[0])

    def __repr__(self):
        return "Response(%r)" % (self.raw if len(self.raw) < 400 else self.raw[:400] + b"...")


class Reply:
    """The untagged responses a command caused and its tagged completion."""

    def __init__(self, untagged, tagged):
        self.untagged = untagged
        self.tagged = tagged

    @property
    def status(self):
        return self.tagged.status

    @property
    def code(self):
        return self.tagged.code

    def of(self, kind):
        return [r for r in self.untagged if r.kind() == kind]

    def fetches(self):
        """{message number: {ITEM: value}} of the FETCH responses (items of several
        responses for one message merged)."""
        out = {}
        for r in self.of("FETCH"):
            number, items = r.fetch()
            out.setdefault(number, {}).update(items)
        return out

    def codes(self):
        """Response codes of the untagged OK responses: {"UIDVALIDITY": b"123", ...}."""
        out = {}
        for r in self.untagged:
            if r.status == b"OK" and r.code is not None:
                name, _, value = r.code.partition(b" ")
                out[name.upper().decode()] = value
        return out

    def search(self):
        """The numbers of the "* SEARCH" responses."""
        numbers = []
        for r in self.of("SEARCH"):
            numbers += [int(w) for w in r.raw[2:].split()[1:] if w.isdigit()]
        return numbers

    def __repr__(self):
        return "Reply(untagged=%r, tagged=%r)" % (self.untagged[:30], self.tagged)


class Literal:
    """A literal argument of Imap.command(): synchronising unless plus is set."""

    def __init__(self, data, plus=False):
        self.data = data
        self.plus = plus


class Imap:
    """An IMAP client on a raw socket. command() sends a tagged command (synchronising
    literals wait for "+") and returns a Reply; read() returns the next response."""

    def __init__(self, port, tls=None, timeout=30.0, source=None):
        self.port = port
        self.timeout = timeout
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        self.local = self.sock.getsockname()[:2]
        if tls is not None:
            self.sock = tls.wrap_socket(self.sock, server_hostname=FQDN)
        self._buffer = bytearray()
        self._tags = 0
        self.greeting = self.read()

    @property
    def remote(self):
        """This client as the protocol log names the remote end."""
        return "%s:%d" % self.local

    def next_tag(self):
        self._tags += 1
        return b"a%03d" % self._tags

    def _fill(self, timeout=None):
        if timeout is not None:
            self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(262144)
        finally:
            if timeout is not None:
                self.sock.settimeout(self.timeout)
        if not chunk:
            raise ConnectionError("the server closed the connection (unread: %r)" % bytes(self._buffer[:300]))
        self._buffer += chunk

    def read(self, timeout=None):
        """The next whole response (a line with its literals). socket.timeout when
        nothing complete arrives within timeout (default: the client's)."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        pos = 0
        while True:
            end = self._buffer.find(b"\r\n", pos)
            if end >= 0:
                m = re.search(rb"\{(\d+)\+?\}$", self._buffer[pos:end])
                if m:
                    after = end + 2 + int(m.group(1))
                    if len(self._buffer) >= after:
                        pos = after
                        continue
                else:
                    raw = bytes(self._buffer[:end + 2])
                    del self._buffer[:end + 2]
                    return Response(raw)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("no complete response within the time (have %r)" % bytes(self._buffer[:300]))
            self._fill(remaining)

    def send(self, data):
        self.sock.sendall(data)

    def send_line(self, text):
        self.send((text.encode() if isinstance(text, str) else text) + b"\r\n")

    def command(self, *parts, tag=None, timeout=None):
        """Sends "TAG parts..." (str, bytes or Literal) and reads up to the tagged response.
        A synchronising literal is sent after the server's "+"; if the server answers the
        tag instead (a refusal), the command ends there."""
        tag = tag or self.next_tag()
        untagged = []
        pending = tag + b" "
        for part in parts:
            if isinstance(part, Literal):
                pending += b"{%d%s}\r\n" % (len(part.data), b"+" if part.plus else b"")
                if part.plus:
                    pending += part.data
                    continue
                self.send(pending)
                pending = b""
                while True:
                    r = self.read(timeout)
                    if r.continuation:
                        break
                    if r.tag == tag:
                        return Reply(untagged, r)
                    untagged.append(r)
                pending = part.data
            else:
                pending += part.encode("utf-8") if isinstance(part, str) else part
        self.send(pending + b"\r\n")
        return self.finish(tag, untagged, timeout)

    def finish(self, tag, untagged=None, timeout=None):
        untagged = [] if untagged is None else untagged
        while True:
            r = self.read(timeout)
            if r.tag == tag:
                return Reply(untagged, r)
            if r.continuation:
                raise AssertionError("unexpected continuation request %r for %r" % (r, tag))
            untagged.append(r)

    def ok(self, *parts, **kwargs):
        """command() that must end OK."""
        reply = self.command(*parts, **kwargs)
        if reply.status != b"OK":
            raise AssertionError("%r failed: %r" % (b"".join(p if isinstance(p, bytes) else
                                                             p.encode() if isinstance(p, str) else b"{literal}"
                                                             for p in parts)[:200], reply))
        return reply

    def starttls(self, context):
        reply = self.command("STARTTLS")
        if reply.status != b"OK":
            raise AssertionError("STARTTLS refused: %r" % reply)
        if self._buffer:
            raise AssertionError("the server sent %r after OK to STARTTLS, before the handshake" % bytes(self._buffer))
        self.sock = context.wrap_socket(self.sock, server_hostname=FQDN)
        return reply

    def login(self, user, password=PASSWORD):
        return self.command("LOGIN ", quote(user), " ", quote(password))

    def capabilities(self):
        reply = self.ok("CAPABILITY")
        caps = set()
        for r in reply.of("CAPABILITY"):
            caps |= {w.decode().upper() for w in r.raw[2:].split()[1:]}
        return caps

    def unread(self, wait=0.5):
        """Bytes received but not read yet, after waiting `wait` seconds for more (plain
        connections only: select() does not see data buffered inside TLS)."""
        if wait > 0:
            readable, _, _ = select.select([self.sock], [], [], wait)
            if readable:
                chunk = self.sock.recv(65536)
                self._buffer += chunk
        return bytes(self._buffer)

    def responses_within(self, seconds):
        """Every response that arrives within `seconds` (TLS-safe: reads with timeouts)."""
        out = []
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return out
            try:
                out.append(self.read(remaining))
            except (socket.timeout, TimeoutError, ssl.SSLError):
                return out

    def wait_closed(self):
        """Reads until the server closes the connection; returns what it sent meanwhile."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                self._fill(max(0.1, deadline - time.monotonic()))
            except (socket.timeout, TimeoutError):
                break
            except (OSError, ssl.SSLError):  # closed: ConnectionError, or TLS ending without close_notify
                self.close()
                return bytes(self._buffer)
        raise AssertionError("the server did not close the connection within %.0f s (got %r)"
                             % (self.timeout, bytes(self._buffer[:300])))

    def logout(self):
        reply = self.command("LOGOUT")
        self.close()
        return reply

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def quote(text):
    """An IMAP quoted string."""
    if isinstance(text, str):
        text = text.encode("utf-8")
    return b'"' + text.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def plain_response(user, password=PASSWORD):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()


def imaplib_fetch_raw(data):
    """imaplib's FETCH data ([(b'1 (UID 3 BODY[] {12}', b'...'), b')', ...]) as the bytes
    on the wire, one "* " response per message, for Response.fetch()."""
    out = []
    current = b""
    for item in data:
        if item is None:
            continue
        if isinstance(item, tuple):
            head, literal = item
            if current and re.match(rb"\d+ \(", head):
                out.append(current)
                current = b""
            current += head + b"\r\n" + literal
        else:
            if current and re.match(rb"\d+ \(", item):
                out.append(current)
                current = b""
            current += item
    if current:
        out.append(current)
    return [Response(b"* " + re.sub(rb"^(\d+) ", rb"\1 FETCH ", r) + b"\r\n") for r in out]


def imaplib_fetches(data):
    """{message number: {ITEM: value}} of imaplib's FETCH data."""
    out = {}
    for r in imaplib_fetch_raw(data):
        number, items = r.fetch()
        out.setdefault(number, {}).update(items)
    return out


def flags_of(items):
    """The FLAGS item as a set of str."""
    return {f.decode() for f in items[b"FLAGS"]}


# --- the service ----------------------------------------------------------------------


class ImapEndpoints:
    def __init__(self, plain, implicit, cafile, submission=None):
        self.plain = plain
        self.implicit = implicit
        self.cafile = cafile
        self.submission = submission


def setup_imap(service, root, submission=False):
    """Puts IMAP (and submission when asked) on free ports with a generated certificate and
    the test domain. Returns the ports and the exported certificate."""
    h.ctl_ok(service, "config", "set", "server.fqdn", FQDN)
    # The tests log in wrongly on purpose from 127.0.0.1; the throttle (tested once,
    # with its own limit) must not ban the address for the tests that follow.
    h.ctl_ok(service, "config", "set", "security.maxFailuresPerAddress", "10000")
    plain, implicit = h.free_port(), h.free_port()
    h.ctl_ok(service, "config", "set", "imap.bindings", "127.0.0.1:%d" % plain)
    h.ctl_ok(service, "config", "set", "imap.tlsBindings", "127.0.0.1:%d" % implicit)
    h.ctl_ok(service, "config", "set", "imap.maxConnectionsPerAddress", "200")
    # "localhost" too: mbsync checks the name it connects to against the certificate and
    # cannot be told another one (CertificateFile does not lift the name check).
    h.ctl_ok(service, "cert", "generate", LOCALHOST)
    certificates = h.ctl_ok(service, "--json", "cert", "list").json()["certificates"]
    cert_id = certificates[0]["id"]
    h.ctl_ok(service, "cert", "assign", cert_id)
    cafile = os.path.join(root, "server-cert.pem")
    with open(cafile, "w") as f:
        f.write(h.ctl_ok(service, "cert", "export", cert_id, "--no-chain").stdout)
    h.ctl_ok(service, "domain", "add", DOMAIN)
    submission_port = None
    if submission:
        submission_port = h.free_port()
        for key, value in (("submission.bindings", "127.0.0.1:%d" % submission_port),
                           ("submission.tlsBindings", "[]"), ("submission.tarpitSecs", "0")):
            h.ctl_ok(service, "config", "set", key, value)
        h.ctl_ok(service, "protocol", "enable", "submission")
    h.ctl_ok(service, "protocol", "enable", "imap")
    return ImapEndpoints(plain, implicit, cafile, submission_port)


class ImapTestCase(h.SharedTegamiTestCase):
    """One tegamid with IMAP for the class; every test makes its own mailboxes."""

    _sequence = 0
    with_submission = False

    @staticmethod
    def next_number():
        """Numbers for unique mailbox addresses and directory names within the run."""
        ImapTestCase._sequence += 1
        return ImapTestCase._sequence

    @classmethod
    def seed(cls, service):
        cls.imap = setup_imap(service, cls.root, cls.with_submission)
        cls.tls = client_context(cls.imap.cafile)

    def path(self, *names):
        return os.path.join(self.root, *names)

    def new_mailbox(self, messages=(), prefix="user", password=PASSWORD, folder=None):
        """A new mailbox holding the messages (imported in this order). Returns its address."""
        address = "%s%d@%s" % (prefix, self.next_number(), DOMAIN)
        self.add_user(address, password)
        if messages:
            self.import_messages(address, messages, folder)
        return address

    def import_messages(self, address, messages, folder=None, first_mtime=None):
        maildir = write_maildir(self.path("import-%d" % self.next_number()), messages, first_mtime)
        argv = ["--json", "mail", "import", address, "--maildir", maildir]
        if folder:
            argv += ["--folder", folder]
        result = self.assertCtlOk(self.service.ctl(*argv))
        self.assertEqual(result.json()["messages"], len(messages), result)

    def export(self, address, folder="INBOX"):
        """[(Maildir flags, CRLF bytes)] of a folder, through `tegamictl mail export`."""
        target = self.path("export-%d" % self.next_number())
        self.assertCtlOk(self.service.ctl("mail", "export", address, "--maildir", target, "--folder", folder))
        return pop.read_maildir(target)

    def connect(self, starttls=False, timeout=30.0):
        """A raw IMAP connection over TLS: implicit, or plain upgraded with STARTTLS."""
        if starttls:
            client = Imap(self.imap.plain, timeout=timeout)
            self.addCleanup(client.close)
            client.starttls(self.tls)
            return client
        client = Imap(self.imap.implicit, tls=self.tls, timeout=timeout)
        self.addCleanup(client.close)
        return client

    def plain_connection(self, timeout=30.0):
        """A raw IMAP connection without TLS (to test what is refused before STARTTLS)."""
        client = Imap(self.imap.plain, timeout=timeout)
        self.addCleanup(client.close)
        return client

    def logged_in(self, address, password=PASSWORD, starttls=False, select=None):
        client = self.connect(starttls)
        self.assertEqual(client.greeting.status, b"OK", client.greeting)
        reply = client.login(address, password)
        self.assertEqual(reply.status, b"OK", "login of %s failed: %r" % (address, reply))
        if select:
            client.ok("SELECT ", quote(select))
        return client

    def imaplib_ssl(self, address=None, password=PASSWORD):
        client = imaplib.IMAP4_SSL("127.0.0.1", self.imap.implicit, ssl_context=self.tls, timeout=30)
        self.addCleanup(_shutdown, client)
        if address:
            client.login(address, password)
        return client

    def imaplib_starttls(self, address=None, password=PASSWORD):
        client = imaplib.IMAP4("127.0.0.1", self.imap.plain, timeout=30)
        self.addCleanup(_shutdown, client)
        client.starttls(ssl_context=self.tls)
        if address:
            client.login(address, password)
        return client

    def session_events(self, remote):
        """The logged events of the session from remote, once it has ended (bounded wait)."""
        def ended():
            events = self.log_events("--proto", "imap", "--remote", remote)
            return events if events and events[-1]["dir"] == "-" else None
        return h.wait_until(ended, timeout=15, what="the end of the IMAP session from %s in the log" % remote)

    def assertStatus(self, reply, status, code=None):
        self.assertEqual(reply.status, status, reply)
        if code is not None:
            self.assertIsNotNone(reply.code, reply)
            self.assertEqual(reply.code.split(b" ")[0].upper(), code.encode(), reply)
        return reply


def _shutdown(client):
    try:
        client.shutdown()
    except (OSError, imaplib.IMAP4.error, AttributeError, ValueError):
        pass
