"""The client-settings card, its exports, the port probe and the configuration check against
a real tegamid: the card shows what the listeners really run, the exports are well-formed
XML and zone lines with those values, and a port held by another program is reported with
that program's name."""

import json
import os
import socket
import unittest
import xml.etree.ElementTree as ET

import tegami_harness as h

FQDN = "mail.example.com"
AUTODISCOVER_NS = "{http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006}"
OUTLOOK_NS = "{http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a}"
CARD_SECURITY = {"implicit": "tls", "starttls": "starttls"}
SOCKET_TYPE = {"tls": "SSL", "starttls": "STARTTLS", "none": "plain"}


class Card(h.SharedTegamiTestCase):
    @classmethod
    def seed(cls, service):
        h.ctl_ok(service, "config", "set", "server.fqdn", FQDN)
        h.ctl_ok(service, "domain", "add", "example.com")
        h.ctl_ok(service, "domain", "add", "example.org")
        cls.ports = {}
        for protocol in ("smtp", "submission", "pop3", "imap"):
            plain, implicit = h.free_port(), h.free_port()
            cls.ports[protocol] = (plain, implicit)
            h.ctl_ok(service, "config", "set", protocol + ".bindings", "127.0.0.1:%d" % plain)
            h.ctl_ok(service, "config", "set", protocol + ".tlsBindings",
                     "[]" if protocol == "smtp" else "127.0.0.1:%d" % implicit)
        h.ctl_ok(service, "cert", "generate")
        certificates = h.ctl_ok(service, "--json", "cert", "list").stdout
        cls.certificate = json.loads(certificates)["certificates"][0]["id"]
        h.ctl_ok(service, "cert", "assign", cls.certificate)
        for protocol in ("smtp", "submission", "pop3", "imap"):
            h.ctl_ok(service, "protocol", "enable", protocol)

    def ctl_json(self, *args):
        return self.assertCtlOk(self.service.ctl("--json", *args)).json()

    def card(self, *args):
        return self.ctl_json("client-settings", *args)

    def test_card_matches_the_running_listeners(self):
        listeners = self.ctl_json("listener", "list")
        card = self.card()
        self.assertEqual(card["username"], "the full e-mail address")
        self.assertEqual(card["authentication"], "normal password")
        self.assertEqual(sorted(card["domains"]), ["example.com", "example.org"])
        for scope in ("internal", "external"):
            self.assertEqual(card[scope]["host"], FQDN)
            for key, protocol in (("pop3", "pop3"), ("imap", "imap"), ("smtp", "submission")):
                running = {(l["port"], CARD_SECURITY[l["tls"]]) for l in listeners
                           if l["protocol"] == protocol and l["state"] == "listening"}
                shown = [(e["port"], e["security"]) for e in card[scope][key]]
                self.assertEqual(set(shown), running, (scope, key, card[scope][key], listeners))
                # Implicit TLS first (RFC 8314).
                self.assertEqual(shown[0], (self.ports[protocol][1], "tls"))
                self.assertTrue(all(e["host"] == FQDN for e in card[scope][key]))
        # The MX is for other servers, not for clients.
        smtp_ports = {e["port"] for e in card["internal"]["smtp"]}
        self.assertNotIn(self.ports["smtp"][0], smtp_ports)
        # Everything listens on 127.0.0.1 here: the card says other computers cannot use it.
        self.assertTrue(any("this computer" in w for w in card["warnings"]), card["warnings"])

    def test_card_follows_protocol_changes(self):
        self.assertCtlOk(self.service.ctl("protocol", "disable", "pop3"))
        try:
            card = self.card()
            self.assertEqual(card["internal"]["pop3"], [])
            self.assertEqual(len(card["internal"]["imap"]), 2)
        finally:
            self.assertCtlOk(self.service.ctl("protocol", "enable", "pop3"))
        card = self.card()
        self.assertEqual([e["port"] for e in card["internal"]["pop3"]], [self.ports["pop3"][1], self.ports["pop3"][0]])

    def test_external_host(self):
        card = self.card("--external-host", "mx.example.net")
        self.assertEqual(card["external"]["host"], "mx.example.net")
        self.assertTrue(all(e["host"] == "mx.example.net" for e in card["external"]["imap"]))
        self.assertEqual(card["internal"]["host"], FQDN)
        self.assertCtlOk(self.service.ctl("config", "set", "server.externalHostName", "public.example.com"))
        try:
            self.assertEqual(self.card()["external"]["host"], "public.example.com")
        finally:
            self.assertCtlOk(self.service.ctl("config", "set", "server.externalHostName", ""))

    def test_human_readable_card(self):
        text = self.assertCtlOk(self.service.ctl("client-settings")).stdout
        self.assertIn("User name:       the full e-mail address", text)
        rows = [line.split() for line in text.splitlines()]
        self.assertIn(["internal", "IMAP4", "(incoming)", FQDN, str(self.ports["imap"][1]), "SSL/TLS"], rows)
        self.assertIn(["external", "SMTP", "(outgoing)", FQDN, str(self.ports["submission"][1]), "SSL/TLS"], rows)
        self.assertIn(["external", "POP3", "(incoming)", FQDN, str(self.ports["pop3"][0]), "STARTTLS"], rows)

    def test_autoconfig_export(self):
        exported = self.ctl_json("client-settings", "--export", "autoconfig", "--domain", "example.org")
        self.assertEqual((exported["format"], exported["fileName"], exported["mimeType"]),
                         ("autoconfig", "config-v1.1.xml", "application/xml"))
        root = ET.fromstring(exported["content"].encode("utf-8"))
        self.assertEqual((root.tag, root.attrib), ("clientConfig", {"version": "1.1"}))
        provider = root.find("emailProvider")
        self.assertEqual(provider.get("id"), "example.org")
        self.assertEqual([d.text for d in provider.findall("domain")], ["example.org", "example.com"])
        card = self.card()["external"]
        incoming = [(s.get("type"), s.findtext("hostname"), int(s.findtext("port")), s.findtext("socketType"))
                    for s in provider.findall("incomingServer")]
        expected = [(kind, e["host"], e["port"], SOCKET_TYPE[e["security"]])
                    for kind in ("imap", "pop3") for e in card[kind]]
        self.assertEqual(incoming, expected)
        outgoing = [(s.get("type"), int(s.findtext("port")), s.findtext("socketType"))
                    for s in provider.findall("outgoingServer")]
        self.assertEqual(outgoing, [("smtp", e["port"], SOCKET_TYPE[e["security"]]) for e in card["smtp"]])
        for server in provider.findall("incomingServer") + provider.findall("outgoingServer"):
            self.assertEqual(sorted(child.tag for child in server),
                             ["authentication", "hostname", "port", "socketType", "username"])
            self.assertEqual(server.findtext("username"), "%EMAILADDRESS%")
            self.assertEqual(server.findtext("authentication"), "password-cleartext")

        # Without --json the file itself is printed, ready to redirect.
        raw = self.assertCtlOk(self.service.ctl("client-settings", "--export", "autoconfig")).stdout
        self.assertEqual(ET.fromstring(raw.encode("utf-8")).find("emailProvider").get("id"), "example.com")

    def test_autodiscover_export(self):
        exported = self.ctl_json("client-settings", "--export", "autodiscover")
        root = ET.fromstring(exported["content"].encode("utf-8"))
        self.assertEqual(root.tag, AUTODISCOVER_NS + "Autodiscover")
        account = root.find(OUTLOOK_NS + "Response/" + OUTLOOK_NS + "Account")
        self.assertEqual(account.findtext(OUTLOOK_NS + "AccountType"), "email")
        protocols = {p.findtext(OUTLOOK_NS + "Type"): p for p in account.findall(OUTLOOK_NS + "Protocol")}
        self.assertEqual(sorted(protocols), ["IMAP", "POP3", "SMTP"])
        for kind, protocol in (("IMAP", "imap"), ("POP3", "pop3"), ("SMTP", "submission")):
            p = protocols[kind]
            self.assertEqual(p.findtext(OUTLOOK_NS + "Server"), FQDN)
            self.assertEqual(int(p.findtext(OUTLOOK_NS + "Port")), self.ports[protocol][1])
            self.assertEqual(p.findtext(OUTLOOK_NS + "SSL"), "on")
            self.assertEqual(p.findtext(OUTLOOK_NS + "Encryption"), "SSL")
            self.assertEqual(p.findtext(OUTLOOK_NS + "SPA"), "off")
            self.assertIsNone(p.find(OUTLOOK_NS + "LoginName"))  # Outlook uses the address the user typed
        personal = self.ctl_json("client-settings", "--export", "autodiscover", "--email", "alice@example.com")
        root = ET.fromstring(personal["content"].encode("utf-8"))
        names = {p.findtext(OUTLOOK_NS + "LoginName") for p in root.iter(OUTLOOK_NS + "Protocol")}
        self.assertEqual(names, {"alice@example.com"})
        self.assertCtlFails(self.service.ctl("client-settings", "--email", "alice@example.com"), h.EXIT_USAGE,
                            "go with --export")

    def test_dns_export(self):
        exported = self.ctl_json("client-settings", "--export", "dns")
        self.assertEqual(exported["fileName"], "example.com.zone.txt")
        records = [line.split() for line in exported["content"].splitlines() if line and not line.startswith(";")]
        by_owner = {}
        for r in records:
            by_owner.setdefault((r[0], r[3]), []).append(r[4:])
        self.assertEqual(by_owner[("example.com.", "MX")], [["10", FQDN + "."]])
        self.assertEqual(by_owner[("example.com.", "TXT")], [['"v=spf1', "mx", '~all"']])
        for label, protocol, index in (("_imaps", "imap", 1), ("_imap", "imap", 0), ("_pop3s", "pop3", 1),
                                       ("_pop3", "pop3", 0), ("_submissions", "submission", 1),
                                       ("_submission", "submission", 0)):
            srv = by_owner[(label + "._tcp.example.com.", "SRV")]
            self.assertEqual(len(srv), 1, srv)
            self.assertEqual(srv[0][2:], [str(self.ports[protocol][index]), FQDN + "."])
        strict = self.ctl_json("client-settings", "--export", "dns", "--strict-spf")["content"]
        self.assertIn('"v=spf1 mx -all"', strict)

    def test_export_refusals(self):
        result = self.service.ctl("client-settings", "--export", "vcard")
        self.assertCtlFails(result, h.EXIT_FAILED, "autoconfig, autodiscover, dns")
        result = self.service.ctl("client-settings", "--export", "dns", "--domain", "elsewhere.example")
        self.assertCtlFails(result, h.EXIT_FAILED, "does not serve elsewhere.example")

    def test_port_held_by_python_is_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            s.listen(1)
            port = s.getsockname()[1]
            result = self.service.ctl("--json", "port", "check", "--protocol", "imap", "127.0.0.1", str(port))
            self.assertEqual(result.returncode, h.EXIT_FAILED, result)
            probe = result.json()
            self.assertFalse(probe["ok"])
            self.assertEqual([p["kind"] for p in probe["problems"]], ["in-use"], probe)
            self.assertIn("python", probe["usedBy"]["program"])
            self.assertEqual(probe["usedBy"]["pid"], os.getpid())
            self.assertIn("python", probe["problems"][0]["message"])
            text = self.service.ctl("port", "check", "0.0.0.0", str(port)).stdout
            self.assertIn("in use by python", text)
            self.assertIn("fix:", text)
        free = self.assertCtlOk(self.service.ctl("--json", "port", "check", "127.0.0.1", str(port))).json()
        self.assertTrue(free["ok"], free)
        self.assertNotIn("usedBy", free)

    def test_port_of_a_running_listener(self):
        imap = self.ports["imap"][1]
        same = self.assertCtlOk(self.service.ctl("--json", "port", "check", "--protocol", "imap", "--tls", "implicit",
                                                 "127.0.0.1", str(imap))).json()
        self.assertEqual((same["ok"], same["usedBy"]), (True, {"tegami": "imap listener"}))
        self.assertEqual(same["firewall"], [])  # loopback: nothing to open
        other = self.service.ctl("--json", "port", "check", "--protocol", "pop3", "0.0.0.0", str(imap))
        self.assertEqual(other.returncode, h.EXIT_FAILED, other)
        self.assertEqual(other.json()["usedBy"], {"tegami": "imap listener"})

    def test_probe_bindings(self):
        port = h.free_port()
        reply = self.service.rpc("diag.probeBindings", {"listeners": [
            {"protocol": "smtp", "address": "0.0.0.0", "port": port, "tls": "starttls"},
            {"protocol": "submission", "address": "127.0.0.1", "port": port, "tls": "starttls"},
            {"protocol": "imap", "address": "192.0.2.123", "port": 993, "tls": "implicit"},
            {"protocol": "pop3", "address": "0.0.0.0", "port": 995, "tls": True},  # the wizard's yes/no form
        ]})
        result = reply["result"]
        self.assertFalse(result["ok"])
        kinds = [[p["kind"] for p in r["problems"]] for r in result["listeners"]]
        self.assertEqual(kinds[0], ["duplicate"])
        self.assertEqual(kinds[1], ["duplicate"])
        self.assertIn("address", kinds[2])
        self.assertIn("open TCP %d for inbound mail (SMTP, MX) with STARTTLS" % port, result["firewall"])
        self.assertIn("open TCP 993 for IMAP4 over TLS", result["firewall"])
        self.assertIn("open TCP 995 for POP3 over TLS", result["firewall"])
        bad = self.service.rpc("diag.probeBindings", {"listeners": [{"protocol": "gopher", "address": "::",
                                                                     "port": 70}]})
        self.assertEqual(bad["error"]["data"]["field"], "listeners[0].protocol")

    def test_config_check(self):
        items = self.ctl_json("config", "check")
        for item in items:
            self.assertEqual(sorted(item), ["id", "message", "page", "severity", "wizard"])
            self.assertIn(item["severity"], ("error", "warning", "info"))
            self.assertIn(item["page"], ("dashboard", "protocols", "certificates", "accounts", "security",
                                         "settings", "queue"))
            self.assertIn(item["wizard"], ("", "certificate", "protocols", "ports", "first-run"))
        ids = {i["id"]: i for i in items}
        self.assertIn("no-user", ids)
        self.assertEqual(ids["no-user"]["page"], "accounts")
        self.assertIn("certificate-self-signed." + self.certificate, ids)
        self.assertNotIn("no-certificate", ids)
        self.assertCtlOk(self.service.ctl("config", "set", "pop3.loginType", "plainTextLogin"))
        try:
            ids = {i["id"] for i in self.ctl_json("config", "check")}
            self.assertIn("plaintext-login.pop3", ids)
        finally:
            self.assertCtlOk(self.service.ctl("config", "set", "pop3.loginType", "secureLogin"))
        text = self.assertCtlOk(self.service.ctl("config", "check")).stdout
        self.assertIn("console: accounts page", text)

    def test_certificate_match(self):
        reply = self.service.rpc("diag.certificateMatch", {"certificate": self.certificate})["result"]
        self.assertTrue(reply["selfSigned"])
        self.assertGreater(reply["daysLeft"], 30)
        imap = [l for l in reply["listeners"] if l["protocol"] == "imap"]
        self.assertEqual({l["port"] for l in imap}, set(self.ports["imap"]))
        self.assertTrue(all(l["matches"] and l["fqdn"] == FQDN for l in reply["listeners"]), reply["listeners"])
        other = self.service.rpc("diag.certificateMatch", {"certificate": self.certificate,
                                                           "fqdn": "imap.other.example"})["result"]
        self.assertTrue(all(not l["matches"] for l in other["listeners"]), other["listeners"])
        self.assertIn("not for imap.other.example", other["listeners"][0]["reason"])
        missing = self.service.rpc("diag.certificateMatch", {"certificate": "ffffffffffffffff"})
        self.assertIn("error", missing)


class FreshServer(h.TegamiTestCase):
    def test_card_and_checks_of_a_fresh_server(self):
        self.start_service()
        card = self.assertCtlOk(self.service.ctl("--json", "client-settings")).json()
        self.assertEqual(card["internal"]["imap"], [])
        self.assertTrue(any("nothing to connect to" in w for w in card["warnings"]), card["warnings"])
        result = self.service.ctl("client-settings", "--export", "autoconfig")
        self.assertCtlFails(result, h.EXIT_FAILED, "domain add")
        ids = {i["id"] for i in self.assertCtlOk(self.service.ctl("--json", "config", "check")).json()}
        self.assertTrue({"no-domain", "no-user", "no-protocol"} <= ids, ids)


if __name__ == "__main__":
    h.main()
