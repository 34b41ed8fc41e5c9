"""Shared fixture of the SMTP integration tests (test_smtp_*.py). Not a test itself.

What it provides: a tegamid with the inbound MX (plain with STARTTLS) and submission
(STARTTLS, and implicit TLS) on free ports of 127.0.0.1, a self-signed certificate exported
for the clients, a local domain; an SMTP client on a raw socket that shows the exact
replies (for what smtplib hides: pipelining, smuggling, injection); helpers to read what
arrived in a mailbox; and a test smarthost (smtp_sink.py on Debian's aiosmtpd).

Standard library only (the sink runs under /usr/bin/python3, where Debian installs aiosmtpd).
"""

import json
import os
import shutil
import socket
import ssl
import subprocess
import time
import unittest

import tegami_harness as h
import test_pop3_support as pop

FQDN = pop.FQDN
DOMAIN = pop.DOMAIN
PASSWORD = "Smtp-Secret-4b9e!z"
SYSTEM_PYTHON = "/usr/bin/python3"
SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smtp_sink.py")

message = pop.message
client_context = pop.client_context


class Reply:
    def __init__(self, code, lines):
        self.code = code
        self.lines = lines  # texts after "250-" / "250 "

    @property
    def text(self):
        return "\n".join(self.lines)

    def __repr__(self):
        return "Reply(%d, %r)" % (self.code, self.lines)


class Smtp:
    """An SMTP client on a raw socket: reply() reads one (multi-line) reply."""

    def __init__(self, port, tls=None, timeout=15.0, host="127.0.0.1"):
        raw = socket.create_connection((host, port), timeout=timeout)
        self.sock = tls.wrap_socket(raw) if tls else raw
        self.buffer = b""
        self.greeting = self.reply()

    @property
    def local_port(self):
        return self.sock.getsockname()[1]

    def _line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed; unread: %r" % self.buffer)
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def reply(self):
        lines = []
        while True:
            line = self._line()
            lines.append(line[4:].decode("utf-8", "replace"))
            if line[3:4] != b"-":
                return Reply(int(line[:3]), lines)

    def send(self, data):
        self.sock.sendall(data)

    def command(self, text):
        self.send(text.encode("utf-8") + b"\r\n")
        return self.reply()

    def ehlo(self, name="client.example.net"):
        return self.command("EHLO " + name)

    def starttls(self, context):
        reply = self.command("STARTTLS")
        if reply.code == 220:
            self.sock = context.wrap_socket(self.sock)
        return reply

    def login(self, user, password=PASSWORD):
        import base64
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
        return self.command("AUTH PLAIN " + token)

    def closed(self, wait=5.0):
        """True once the server has closed the connection."""
        self.sock.settimeout(wait)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buffer += chunk
        except (socket.timeout, ssl.SSLError):
            return False
        except OSError:
            return True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class SmtpEndpoints:
    def __init__(self, mx, submission, submission_tls, cafile):
        self.mx = mx
        self.submission = submission
        self.submission_tls = submission_tls
        self.cafile = cafile


def setup_smtp(service, root):
    mx, submission, submission_tls = h.free_port(), h.free_port(), h.free_port()
    for key, value in (("server.fqdn", FQDN), ("smtp.bindings", "127.0.0.1:%d" % mx), ("smtp.tlsBindings", "[]"),
                       ("submission.bindings", "127.0.0.1:%d" % submission),
                       ("submission.tlsBindings", "127.0.0.1:%d" % submission_tls),
                       ("smtp.tarpitSecs", "0"), ("submission.tarpitSecs", "0")):
        h.ctl_ok(service, "config", "set", key, value)
    h.ctl_ok(service, "cert", "generate")
    cert_id = h.ctl_ok(service, "--json", "cert", "list").json()["certificates"][0]["id"]
    h.ctl_ok(service, "cert", "assign", cert_id)
    cafile = os.path.join(root, "server-cert.pem")
    with open(cafile, "w") as f:
        f.write(h.ctl_ok(service, "cert", "export", cert_id, "--no-chain").stdout)
    h.ctl_ok(service, "domain", "add", DOMAIN)
    h.ctl_ok(service, "protocol", "enable", "smtp")
    h.ctl_ok(service, "protocol", "enable", "submission")
    return SmtpEndpoints(mx, submission, submission_tls, cafile)


class Sink:
    """smtp_sink.py on a free port; messages() are what it received."""

    def __init__(self, root, *options):
        if not os.access(SYSTEM_PYTHON, os.X_OK) or subprocess.run(
                [SYSTEM_PYTHON, "-c", "import aiosmtpd"], capture_output=True).returncode != 0:
            raise unittest.SkipTest("python3-aiosmtpd is not installed; run installer/install-deps.sh")
        self.directory = os.path.join(root, "sink-%d" % h.free_port())
        os.makedirs(self.directory)
        self.port = h.free_port()
        self.proc = h.spawn([SYSTEM_PYTHON, SINK, self.directory, str(self.port)] + list(options),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise AssertionError("the test smarthost did not start: %s %s" % (line, self.proc.stderr.read()))

    def messages(self):
        out = []
        for name in sorted(os.listdir(self.directory)):
            if name.endswith(".json"):
                with open(os.path.join(self.directory, name)) as f:
                    record = json.load(f)
                record["data"] = record["data"].encode("latin-1")
                out.append(record)
        return out

    def wait_for(self, count, timeout=20.0):
        return h.wait_until(lambda: self.messages() if len(self.messages()) >= count else None, timeout=timeout,
                            what="%d messages at the test smarthost" % count)

    def stop(self):
        h.stop_process(self.proc)


def strip_trace(data):
    """The message without the Received: header(s) Tegami put on top."""
    lines = data.split(b"\r\n")
    i = 0
    while i < len(lines) and lines[i].lower().startswith(b"received:"):
        i += 1
        while i < len(lines) and lines[i][:1] in (b" ", b"\t"):
            i += 1
    return b"\r\n".join(lines[i:])


def header_block(data):
    return data.split(b"\r\n\r\n", 1)[0]


class SmtpTestCase(h.SharedTegamiTestCase):
    """One tegamid with the MX and submission for the class; tests make their own mailboxes."""

    _sequence = 0

    @staticmethod
    def next_number():
        SmtpTestCase._sequence += 1
        return SmtpTestCase._sequence

    @classmethod
    def seed(cls, service):
        cls.smtp = setup_smtp(service, cls.root)
        cls.tls = client_context(cls.smtp.cafile)

    def path(self, *names):
        return os.path.join(self.root, *names)

    def new_mailbox(self, prefix="user", password=PASSWORD):
        address = "%s%d@%s" % (prefix, self.next_number(), DOMAIN)
        self.add_user(address, password)
        return address

    def export(self, address, folder="INBOX"):
        target = self.path("export-%d" % self.next_number())
        self.assertCtlOk(self.service.ctl("mail", "export", address, "--maildir", target, "--folder", folder))
        return [data for _, data in pop.read_maildir(target)]

    def wait_for_mail(self, address, count=1, timeout=10.0):
        """The messages of the address's INBOX once there are `count` of them."""
        return h.wait_until(lambda: (lambda m: m if len(m) >= count else None)(self.export(address)),
                            timeout=timeout, what="%d messages in %s" % (count, address))

    def connect(self, port, tls=None):
        client = Smtp(port, tls=tls)
        self.addCleanup(client.close)
        return client

    def submission_client(self, user=None, password=PASSWORD):
        """A submission connection upgraded with STARTTLS, logged in as user (when given)."""
        client = self.connect(self.smtp.submission)
        self.assertEqual(client.ehlo().code, 250)
        self.assertEqual(client.starttls(self.tls).code, 220)
        self.assertEqual(client.ehlo().code, 250)
        if user:
            reply = client.login(user, password)
            self.assertEqual(reply.code, 235, reply)
        return client

    def mx_client(self):
        client = self.connect(self.smtp.mx)
        self.assertEqual(client.greeting.code, 220, client.greeting)
        self.assertEqual(client.ehlo("mx.sender.example").code, 250)
        return client

    def send_data(self, client, data):
        """DATA with the body dot-stuffed and terminated; returns the final reply."""
        reply = client.command("DATA")
        self.assertEqual(reply.code, 354, reply)
        stuffed = b"\r\n".join(b"." + l if l.startswith(b".") else l for l in data.split(b"\r\n"))
        if not stuffed.endswith(b"\r\n"):
            stuffed += b"\r\n"
        client.send(stuffed + b".\r\n")
        return client.reply()

    def queue(self):
        return self.assertCtlOk(self.service.ctl("--json", "queue", "list")).json()
