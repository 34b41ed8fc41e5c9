"""Malformed and hostile traffic on the control socket (JSON-RPC 2.0, one message per line):
each gets the right error, and none of it stops the service or damages its data."""

import json
import os
import socket
import stat
import time
import unittest

import tegami_harness as h

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
MAX_REQUEST = 1024 * 1024


def line(obj):
    return json.dumps(obj).encode() + b"\n"


def request(method, request_id=1, params=None):
    r = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        r["params"] = params
    return r


class ControlSocket(h.SharedTegamiTestCase):
    @classmethod
    def seed(cls, service):
        h.ctl_ok(service, "domain", "add", "example.com")
        h.ctl_ok(service, "user", "add", "alice@example.com", stdin="correct-horse-battery\n")

    def tearDown(self):
        # After every kind of abuse, a normal client works and the data is intact.
        status = self.assertServiceAlive()
        self.assertEqual(status["accounts"]["domains"], 1)
        users = self.assertCtlOk(self.service.ctl("--json", "user", "list")).json()
        self.assertEqual([u["address"] for u in users], ["alice@example.com"])

    def one(self, payload):
        replies = self.service.rpc_raw(payload, 1)
        self.assertEqual(len(replies), 1, "no answer to %r" % payload[:100])
        return replies[0]

    def assertError(self, reply, code, request_id=None, fragment=None):
        self.assertEqual(reply.get("jsonrpc"), "2.0", reply)
        self.assertIn("error", reply, reply)
        self.assertNotIn("result", reply, reply)
        self.assertEqual(reply["error"]["code"], code, reply)
        self.assertEqual(reply["id"], request_id, reply)
        self.assertTrue(reply["error"]["message"], reply)
        if fragment:
            self.assertIn(fragment, reply["error"]["message"], reply)

    def test_invalid_json(self):
        self.assertError(self.one(b'{"jsonrpc": "2.0", "id": 1, "method": \n'), PARSE_ERROR, None, "not valid JSON")
        self.assertError(self.one(b"{bad json\n"), PARSE_ERROR, None, "not valid JSON")
        self.assertError(self.one(b"\xff\xfe\x00garbage\n"), PARSE_ERROR)
        # Two objects on one line are not one message.
        self.assertError(self.one(line(request("status")).rstrip(b"\n") + line(request("status"))), PARSE_ERROR)

    def test_not_json_rpc_2(self):
        self.assertError(self.one(line({"jsonrpc": "1.0", "id": 4, "method": "status"})), INVALID_REQUEST, 4, '"2.0"')
        self.assertError(self.one(line({"id": 5, "method": "status"})), INVALID_REQUEST, 5)
        self.assertError(self.one(line({"jsonrpc": "2.0", "id": 6})), INVALID_REQUEST, 6, "method")
        self.assertError(self.one(line({"jsonrpc": "2.0", "id": 7, "method": 12})), INVALID_REQUEST, 7)
        self.assertError(self.one(line({"jsonrpc": "2.0", "id": {"x": 1}, "method": "status"})), INVALID_REQUEST)
        self.assertError(self.one(b"[]\n"), INVALID_REQUEST, None, "empty batch")

    def test_json_scalar_is_an_invalid_request(self):
        for payload in (b"1\n", b'"status"\n', b"null\n"):
            self.assertError(self.one(payload), INVALID_REQUEST)

    def test_unknown_method(self):
        reply = self.one(line(request("domain.frobnicate", "abc")))
        self.assertError(reply, METHOD_NOT_FOUND, "abc", "domain.frobnicate")
        self.assertIn("help", reply["error"]["message"])
        methods = [m["method"] for m in self.service.rpc("help")["result"]]
        self.assertIn("domain.add", methods)
        self.assertNotIn("domain.frobnicate", methods)

    def test_bad_params(self):
        cases = [
            (request("domain.add", 1, {"name": 5}), "name"),
            (request("domain.add", 2, {}), "name"),
            (request("user.add", 3, {"address": "bob@example.com"}), "password"),
            (request("user.set", 4, {"address": "alice@example.com", "quotaBytes": -1}), "quotaBytes"),
            (request("user.set", 5, {"address": "alice@example.com", "enabled": "yes"}), "enabled"),
            (request("alias.add", 6, {"address": "a@example.com", "targets": "alice@example.com"}), "targets"),
            (request("log.tail", 7, {"lines": 10 ** 9}), "lines"),
            (request("config.set", 8, {"key": "imap.maxConnections", "value": "many"}), "imap.maxConnections"),
            # A value the accounts refuse is reported under the parameter's own name.
            (request("domain.add", 10, {"name": "bad..domain"}), "name"),
            (request("security.ban", 11, {"address": "not-an-ip"}), "address"),
        ]
        for req, field in cases:
            reply = self.one(line(req))
            self.assertError(reply, INVALID_PARAMS, req["id"])
            self.assertEqual(reply["error"]["data"]["field"], field, reply)
        # Positional params are refused as a whole.
        self.assertError(self.one(line(request("domain.add", 9, ["example.org"]))), INVALID_PARAMS, 9, "object")
        domains = [d["name"] for d in self.service.rpc("domain.list")["result"]]
        self.assertEqual(domains, ["example.com"])

    def test_ban_reason_and_secret_settings(self):
        banned = self.service.rpc("security.ban", {"address": "192.0.2.99", "seconds": 60,
                                                   "reason": "brute force seen in the log"})["result"]
        self.assertIn("brute force seen in the log", banned["reason"])
        bans = self.service.rpc("security.bans")["result"]
        self.assertIn("brute force seen in the log", json.dumps(bans))
        self.service.rpc("security.unban", {"key": "192.0.2.99"})
        fields = {f["key"]: f for f in self.service.rpc("config.get")["result"]}
        self.assertTrue(fields["outbound.smarthostPassword"]["secret"])
        self.assertFalse(fields["outbound.smarthostUser"]["secret"])

    def test_batch_mixing_good_and_bad(self):
        batch = [
            request("domain.list", 1),
            request("nope", 2),
            5,
            {"jsonrpc": "2.0", "method": "domain.add", "params": {"name": "notified.example"}},  # notification
            request("domain.add", 3, {"name": 7}),
            request("status", "s"),
        ]
        replies = self.service.rpc_raw(line(batch), 1)
        self.assertEqual(len(replies), 1)
        answers = replies[0]
        self.assertIsInstance(answers, list)
        self.assertEqual(len(answers), 5, answers)  # the notification gets no answer
        by_id = {json.dumps(a["id"]): a for a in answers if a["id"] is not None}
        self.assertEqual([d["name"] for d in by_id["1"]["result"]], ["example.com"])
        self.assertError(by_id["2"], METHOD_NOT_FOUND, 2)
        self.assertError(by_id["3"], INVALID_PARAMS, 3)
        self.assertEqual(by_id['"s"']["result"]["pid"], self.service.pid)
        anonymous = [a for a in answers if a["id"] is None]
        self.assertEqual(len(anonymous), 1)
        self.assertError(anonymous[0], INVALID_REQUEST, None)
        # The notification ran.
        domains = [d["name"] for d in self.service.rpc("domain.list")["result"]]
        self.assertIn("notified.example", domains)
        self.assertCtlOk(self.service.ctl("domain", "remove", "notified.example"))

    def test_requests_on_one_connection_are_answered_in_order(self):
        with self.service.connect_control() as s:
            s.sendall(b"\n\r\n" + line(request("status", 1)) + b"{broken\n" + line(request("domain.list", 2))
                      + line({"jsonrpc": "2.0", "method": "status"}) + line(request("user.list", 3)))
            replies = h.read_json_lines(s, 4)
        self.assertEqual([r.get("id") for r in replies], [1, None, 2, 3])
        self.assertIn("result", replies[0])
        self.assertError(replies[1], PARSE_ERROR)
        self.assertIn("result", replies[2])
        self.assertEqual(replies[3]["result"][0]["address"], "alice@example.com")

    def test_request_over_one_mebibyte(self):
        huge = request("domain.add", 1, {"name": "x" * (MAX_REQUEST + 10)})
        with self.service.connect_control() as s:
            s.sendall(line(huge))
            reply = h.read_json_lines(s, 1, timeout=10)[0]
            self.assertError(reply, INVALID_REQUEST, None, "too large")
            # The connection survives a complete (newline-terminated) oversized request.
            s.sendall(line(request("status", 2)))
            self.assertEqual(h.read_json_lines(s, 1)[0]["result"]["pid"], self.service.pid)

        # Without a newline there is no telling where the next request starts: the
        # service answers and hangs up instead of buffering without end.
        with self.service.connect_control() as s:
            try:
                s.sendall(b"y" * (MAX_REQUEST + 4096))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the service hung up while we were still sending
            replies = h.read_json_lines(s, 2, timeout=10)
            self.assertEqual(len(replies), 1, replies)
            self.assertError(replies[0], INVALID_REQUEST, None, "too large")
        domains = [d["name"] for d in self.service.rpc("domain.list")["result"]]
        self.assertEqual(domains, ["example.com"])

    def test_garbage_and_disconnect_mid_line(self):
        # A half-written request that would add a domain, then the client vanishes.
        s = self.service.connect_control()
        s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"domain.add","params":{"name":"half')
        s.close()
        # Binary noise, then a hang-up without a newline.
        s = self.service.connect_control()
        s.sendall(bytes(range(256)) * 64)
        s.close()
        # A request whose answer nobody reads (the client closes at once).
        s = self.service.connect_control()
        s.sendall(line(request("config.get", 1)))
        s.shutdown(socket.SHUT_RDWR)
        s.close()
        time.sleep(0.2)
        domains = [d["name"] for d in self.service.rpc("domain.list")["result"]]
        self.assertEqual(domains, ["example.com"])

    def test_many_clients_at_once(self):
        sockets = [self.service.connect_control() for _ in range(40)]
        try:
            for i, s in enumerate(sockets):
                s.sendall(line(request("status", i)))
            for i, s in enumerate(sockets):
                self.assertEqual(h.read_json_lines(s, 1)[0]["id"], i)
        finally:
            for s in sockets:
                s.close()

    def test_socket_is_owner_only(self):
        mode = os.stat(self.service.control_socket).st_mode
        self.assertTrue(stat.S_ISSOCK(mode))
        self.assertEqual(mode & 0o077, 0, "the control socket is open to other users: %o" % mode)


if __name__ == "__main__":
    h.main()
