"""TLS on every listener with the certificate store: what `openssl s_client` sees.

The issue's "done when": s_client against each TLS listener (implicit TLS and STARTTLS
for SMTP, POP3, IMAP) shows the assigned certificate and refuses TLS 1.1; assigning
another certificate changes what the next connection sees, without a restart; the
certificate commands of tegamictl work and refuse bad input without changing the store.
"""
import os
import re
import subprocess
import unittest

import tegami_harness as h

FQDN = "mail.example.test"


def s_client(port, starttls=None, extra=(), timeout=10):
    argv = ["openssl", "s_client", "-connect", "127.0.0.1:%d" % port, "-servername", FQDN, "-showcerts"]
    if starttls:
        argv += ["-starttls", starttls]
    argv += list(extra)
    proc = subprocess.run(argv, input=b"", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    return proc.stdout.decode("utf-8", "replace")


def peer_fingerprint(output):
    """SHA-256 fingerprint of the first certificate s_client printed, as openssl writes it."""
    pem = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", output, re.S)
    if not pem:
        return None
    fp = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256"], input=pem.group(0).encode(),
                        stdout=subprocess.PIPE, check=True).stdout.decode()
    return fp.strip().split("=", 1)[1]


def negotiated(output):
    m = re.search(r"New, (TLSv1\.\d), Cipher is (\S+)", output)
    return m.groups() if m else None


class TlsListeners(h.SharedTegamiTestCase):
    @classmethod
    def seed(cls, service):
        h.ctl_ok(service, "config", "set", "server.fqdn", FQDN)
        cls.ports = {}
        for protocol in ("smtp", "submission", "pop3", "imap"):
            plain, implicit = h.free_port(), h.free_port()
            cls.ports[protocol] = (plain, implicit)
            h.ctl_ok(service, "config", "set", protocol + ".bindings", "127.0.0.1:%d" % plain)
            h.ctl_ok(service, "config", "set", protocol + ".tlsBindings", "127.0.0.1:%d" % implicit)
            h.ctl_ok(service, "protocol", "enable", protocol)

    def certificates(self):
        return self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()

    def generate(self, *names):
        before = {c["id"] for c in self.certificates()["certificates"]}
        self.assertCtlOk(self.service.ctl("cert", "generate", *names))
        new = [c for c in self.certificates()["certificates"] if c["id"] not in before]
        self.assertEqual(len(new), 1)
        return new[0]

    def test_1_without_a_certificate_no_listener_offers_tls_and_status_says_why(self):
        status = self.assertServiceAlive()
        if any(c["usedBy"] for c in self.certificates()["certificates"]):
            self.skipTest("a certificate was assigned by an earlier test")
        self.assertTrue([w for w in status["warnings"] if "cannot offer TLS" in w and "cert generate" in w], status["warnings"])
        for listener in status["listeners"]:
            self.assertFalse(listener["tlsAvailable"], listener)
        # Implicit TLS: the handshake cannot happen; the log says why.
        out = s_client(self.ports["imap"][1])
        self.assertIsNone(negotiated(out), out)
        notes = [e["data"] for e in self.log_events("--proto", "imap") if e["dir"] == "*"]
        self.assertTrue([n for n in notes if "TLS cannot be offered" in n], notes)

    def test_2_every_listener_shows_the_assigned_certificate(self):
        cert = self.generate()
        self.assertIn(FQDN, cert["sans"])
        self.assertCtlOk(self.service.ctl("cert", "assign", cert["id"]))
        cases = []
        for protocol, (plain, implicit) in self.ports.items():
            cases.append((protocol, implicit, None))
            cases.append((protocol, plain, "pop3" if protocol == "pop3" else "imap" if protocol == "imap" else "smtp"))
        for protocol, port, starttls in cases:
            with self.subTest(protocol=protocol, port=port, starttls=starttls):
                out = s_client(port, starttls)
                self.assertEqual(peer_fingerprint(out), cert["sha256"], out)
                version, cipher = negotiated(out)
                self.assertIn(version, ("TLSv1.2", "TLSv1.3"))
        # The handshake's version and cipher are in the protocol log.
        notes = [e["data"] for e in self.log_events("--proto", "pop3") if e["dir"] == "*"]
        self.assertTrue([n for n in notes if re.match(r"TLS established: TLSv1\.[23] \S+", n)], notes)

    def test_3_tls_1_1_and_1_0_are_refused(self):
        cert = self.generate()
        self.assertCtlOk(self.service.ctl("cert", "assign", cert["id"]))
        for flag in ("-tls1_1", "-tls1"):
            with self.subTest(flag=flag):
                # Debian's openssl refuses old versions at security level 2; level 0 makes it offer them.
                out = s_client(self.ports["imap"][1], extra=(flag, "-cipher", "DEFAULT:@SECLEVEL=0"))
                self.assertIsNone(negotiated(out), out)
        notes = [e["data"] for e in self.log_events("--proto", "imap") if e["dir"] == "*"]
        self.assertTrue([n for n in notes if "TLS handshake failed" in n], notes)

    def test_4_minimum_1_3_refuses_1_2(self):
        cert = self.generate()
        self.assertCtlOk(self.service.ctl("cert", "assign", cert["id"]))
        self.assertCtlOk(self.service.ctl("config", "set", "tls.minimumVersion", "1.3"))
        try:
            self.assertIsNone(negotiated(s_client(self.ports["pop3"][1], extra=("-tls1_2",))))
            self.assertEqual(negotiated(s_client(self.ports["pop3"][1]))[0], "TLSv1.3")
        finally:
            self.assertCtlOk(self.service.ctl("config", "set", "tls.minimumVersion", "1.2"))
        self.assertEqual(negotiated(s_client(self.ports["pop3"][1], extra=("-tls1_2",)))[0], "TLSv1.2")

    def test_5_assigning_another_certificate_swaps_it_for_the_next_connection(self):
        first = self.generate()
        second = self.generate("imap.example.test")
        self.assertCtlOk(self.service.ctl("cert", "assign", first["id"]))
        port = self.ports["imap"][1]
        self.assertEqual(peer_fingerprint(s_client(port)), first["sha256"])
        self.assertCtlOk(self.service.ctl("cert", "assign", second["id"], "imap"))
        self.assertEqual(peer_fingerprint(s_client(port)), second["sha256"])
        # Other protocols keep the default.
        self.assertEqual(peer_fingerprint(s_client(self.ports["pop3"][1])), first["sha256"])
        listed = {c["id"]: c for c in self.certificates()["certificates"]}
        self.assertEqual(listed[second["id"]]["usedBy"], ["imap"])
        # In use: removing it is refused, with what to do.
        removed = self.service.ctl("cert", "remove", second["id"])
        self.assertCtlFails(removed, h.EXIT_FAILED, "assigned to imap", "assign another")
        self.assertCtlOk(self.service.ctl("config", "set", "imap.certificate", ""))
        self.assertCtlOk(self.service.ctl("cert", "remove", second["id"]))

    def test_6_a_certificate_for_another_name_is_refused_at_assignment(self):
        other = self.tmp("other")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", other + ".key", "-out", other + ".pem", "-days", "30", "-subj", "/CN=elsewhere.example.org",
                        "-addext", "subjectAltName=DNS:elsewhere.example.org"],
                       check=True, capture_output=True)
        self.assertCtlOk(self.service.ctl("cert", "import", other + ".pem", "--key", other + ".key"))
        listed = [c for c in self.certificates()["certificates"] if "elsewhere" in c["subject"]]
        self.assertEqual(len(listed), 1)
        refused = self.service.ctl("cert", "assign", listed[0]["id"], "pop3")
        self.assertCtlFails(refused, h.EXIT_FAILED, "does not fit", FQDN)
        forced = self.assertCtlOk(self.service.ctl("--json", "cert", "assign", listed[0]["id"], "pop3", "--force")).json()
        self.assertFalse(forced["checks"]["pop3"]["usable"])
        status = self.assertServiceAlive()
        self.assertTrue([w for w in status["warnings"] if w.startswith("pop3 cannot offer TLS")], status["warnings"])
        self.assertIsNone(negotiated(s_client(self.ports["pop3"][1])))
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.certificate", ""))

    def tmp(self, name):
        return os.path.join(self.root, name)


class CertificateCommands(h.TegamiTestCase):
    def setUp(self):
        super().setUp()
        self.start_service()
        h.ctl_ok(self.service, "config", "set", "server.fqdn", FQDN)

    def path(self, name):
        return os.path.join(self.root, name)

    def openssl(self, *args, stdin=None):
        return subprocess.run(["openssl", *args], input=stdin, check=True, capture_output=True)

    def test_csr_completed_with_a_ca_answer_and_exported(self):
        out = self.assertCtlOk(self.service.ctl("cert", "csr", "--org", "Example KK", "--country", "JP",
                                                "--out", self.path("req.csr"), "webmail.example.test"))
        self.assertIn("Pending request", out.stdout)
        verified = self.openssl("req", "-verify", "-noout", "-text", "-in", self.path("req.csr"))
        self.assertIn(b"DNS:" + FQDN.encode(), verified.stdout)
        self.assertIn(b"DNS:webmail.example.test", verified.stdout)
        # A CA made here signs it; completing imports it with the pending key.
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.path("ca.key"),
                     "-out", self.path("ca.pem"), "-days", "30", "-subj", "/CN=Test CA")
        self.openssl("x509", "-req", "-in", self.path("req.csr"), "-CA", self.path("ca.pem"), "-CAkey",
                     self.path("ca.key"), "-CAcreateserial", "-out", self.path("signed.pem"), "-days", "30",
                     "-copy_extensions", "copy")
        with open(self.path("answer.pem"), "wb") as f:
            f.write(h.read_bytes(self.path("signed.pem")) + h.read_bytes(self.path("ca.pem")))
        self.assertCtlOk(self.service.ctl("cert", "complete", self.path("answer.pem")))
        listing = self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()
        self.assertEqual(listing["pending"], [])
        cert = listing["certificates"][0]
        self.assertEqual(cert["issuer"], "CN=Test CA")
        self.assertEqual(cert["chainLength"], 2)
        exported = self.assertCtlOk(self.service.ctl("cert", "export", cert["id"], "--no-chain")).stdout
        self.assertEqual(exported.count("BEGIN CERTIFICATE"), 1)
        self.assertNotIn("PRIVATE KEY", exported)

    def test_pkcs12_import_and_bad_input_leave_the_store_unchanged(self):
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.path("k.pem"), "-out",
                     self.path("c.pem"), "-days", "30", "-subj", "/CN=" + FQDN, "-addext", "subjectAltName=DNS:" + FQDN)
        self.openssl("pkcs12", "-export", "-in", self.path("c.pem"), "-inkey", self.path("k.pem"), "-out",
                     self.path("c.p12"), "-passout", "pass:p12-secret")
        self.openssl("x509", "-in", self.path("c.pem"), "-outform", "DER", "-out", self.path("c.der"))
        with open(self.path("truncated.pem"), "wb") as f:
            f.write(h.read_bytes(self.path("c.pem"))[:200])

        refusals = [
            (("cert", "import", self.path("c.p12"), "--password-stdin"), "wrong-password\n", "password"),
            (("cert", "import", self.path("c.der")), None, "DER"),
            (("cert", "import", self.path("truncated.pem")), None, "certificate"),
            (("cert", "import", self.path("c.pem")), None, "private key"),
        ]
        for argv, stdin, fragment in refusals:
            with self.subTest(argv=argv[2]):
                result = self.service.ctl(*argv, stdin=stdin)
                self.assertCtlFails(result, h.EXIT_FAILED, fragment)
                self.assertEqual(self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()["certificates"], [])
        self.assertCtlOk(self.service.ctl("cert", "import", self.path("c.p12"), "--password-stdin", stdin="p12-secret\n"))
        listed = self.assertCtlOk(self.service.ctl("--json", "cert", "list")).json()["certificates"]
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["keyType"], "rsa")
        self.assertEqual(listed[0]["keyBits"], 2048)
        # The same certificate again is refused, naming the one in the store.
        again = self.service.ctl("cert", "import", self.path("c.pem"), "--key", self.path("k.pem"))
        self.assertCtlFails(again, h.EXIT_FAILED, listed[0]["id"])
        # Private keys are owner-only and never in the logs.
        key_files = [os.path.join(d, f) for d, _, files in os.walk(os.path.join(self.service.data_dir, "certs"))
                     for f in files if f == "key.pem"]
        self.assertEqual(len(key_files), 1)
        self.assertEqual(os.stat(key_files[0]).st_mode & 0o077, 0)
        key_body = h.read_bytes(self.path("k.pem")).splitlines()[1]
        for dirpath, _, files in os.walk(os.path.join(self.service.data_dir, "logs")):
            for f in files:
                self.assertNotIn(key_body, h.read_bytes(os.path.join(dirpath, f)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
