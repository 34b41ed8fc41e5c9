"""POP3 logins: USER/PASS and SASL (PLAIN with and without an initial response, LOGIN),
the same reply for an unknown user and a wrong password, accounts POP3 must refuse
(administrators, anonymous and guest, disabled, without the protocol), the login
throttle, and passwords kept out of the protocol log.
"""
import base64
import concurrent.futures
import os

import tegami_harness as h
import test_pop3_support as pop

WRONG = "Not-The-Password-91c2"


def b64(text):
    return base64.b64encode(text.encode() if isinstance(text, str) else text).decode()


def plain_response(user, password):
    return b64(b"\0" + user.encode() + b"\0" + password.encode())


def side_by_side(function, items):
    """[function(item)] computed on parallel connections: the server answers each failed
    login only after a delay, and the delays should not add up."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        return list(pool.map(function, items))


class Logins(pop.Pop3TestCase):
    def assertLoggedIn(self, client, messages=1):
        self.assertEqual(client.command("STAT").split()[:2], [b"+OK", b"%d" % messages])

    def assertNotLoggedIn(self, client):
        try:
            self.assertErr(client.command("STAT"))
        except ConnectionError:
            pass  # refused and closed: also not logged in

    def test_sasl_plain_and_login(self):
        address = self.new_mailbox([pop.message("sasl", [b"x"])])
        with self.subTest("PLAIN with an initial response"):
            client = self.connect()
            self.assertOk(client.command("AUTH PLAIN " + plain_response(address, pop.PASSWORD)))
            self.assertLoggedIn(client)
            self.assertOk(client.quit())
        with self.subTest("PLAIN without"):
            client = self.connect(starttls=True)
            self.assertTrue(client.command("AUTH PLAIN").startswith(b"+ "))
            self.assertOk(client.command(plain_response(address, pop.PASSWORD)))
            self.assertLoggedIn(client)
            self.assertOk(client.quit())
        with self.subTest("LOGIN"):
            client = self.connect()
            prompt = client.command("AUTH LOGIN")
            self.assertTrue(prompt.startswith(b"+ "), prompt)
            self.assertTrue(client.command(b64(address)).startswith(b"+ "))
            self.assertOk(client.command(b64(pop.PASSWORD)))
            self.assertLoggedIn(client)
            self.assertOk(client.quit())
        with self.subTest("cancelled and unknown mechanisms"):
            client = self.connect()
            self.assertTrue(client.command("AUTH PLAIN").startswith(b"+ "))
            self.assertErr(client.command("*"))
            self.assertErr(client.command("AUTH CRAM-MD5"))
            self.assertErr(client.command("AUTH PLAIN " + plain_response(address, WRONG)), "AUTH")
            self.assertNotLoggedIn(client)

    def test_unknown_user_and_wrong_password_get_the_same_reply(self):
        address = self.new_mailbox([pop.message("same reply", [b"x"])])
        unknown = "nobody-here@" + pop.DOMAIN

        def user_pass(user):
            client = self.connect()
            replies = (client.command("USER " + user), client.command("PASS " + WRONG))
            self.assertNotLoggedIn(client)
            return replies

        def sasl(user):
            client = self.connect()
            reply = client.command("AUTH PLAIN " + plain_response(user, WRONG))
            self.assertNotLoggedIn(client)
            return reply

        wrong, nobody, wrong_sasl, nobody_sasl = side_by_side(
            lambda f: f[0](f[1]), [(user_pass, address), (user_pass, unknown), (sasl, address), (sasl, unknown)])
        self.assertEqual(wrong, nobody)
        self.assertOk(wrong[0])  # USER does not tell whether the mailbox exists
        self.assertErr(wrong[1], "AUTH")
        self.assertEqual(wrong_sasl, nobody_sasl)
        self.assertErr(wrong_sasl, "AUTH")

    def test_admin_anonymous_guest_disabled_and_protocol_refused(self):
        admin = self.new_mailbox(prefix="admin")
        self.assertCtlOk(self.service.ctl("user", "set", admin, "--admin", "true"))
        disabled = self.new_mailbox(prefix="disabled")
        self.assertCtlOk(self.service.ctl("user", "set", disabled, "--enabled", "false"))
        imap_only = self.new_mailbox(prefix="imaponly")
        self.assertCtlOk(self.service.ctl("user", "set", imap_only, "--protocols", "imap"))

        def refused(attempt):
            user, sasl = attempt
            client = self.connect()
            if sasl:
                reply = client.command("AUTH PLAIN " + plain_response(user, pop.PASSWORD))
            else:
                reply = client.login(user, pop.PASSWORD)
            self.assertNotLoggedIn(client)
            return user, sasl, reply

        users = (admin, disabled, imap_only, "anonymous", "anonymous@" + pop.DOMAIN, "guest", "GUEST")
        attempts = [(user, False) for user in users] + [(admin, True), ("guest@" + pop.DOMAIN, True)]
        for user, sasl, reply in side_by_side(refused, attempts):
            with self.subTest(user=user, sasl=sasl):
                self.assertErr(reply)

        # The same steps log an ordinary mailbox in.
        ordinary = self.new_mailbox([pop.message("refusals control", [b"x"])])
        client = self.connect()
        self.assertOk(client.login(ordinary, pop.PASSWORD))
        self.assertOk(client.quit())
        client = self.connect()
        self.assertOk(client.command("AUTH PLAIN " + plain_response(ordinary, pop.PASSWORD)))
        self.assertOk(client.quit())

        client = self.connect()
        self.assertNotIn("ANONYMOUS", " ".join(l for l in client.capabilities() if l.startswith("SASL")))
        self.assertErr(client.command("AUTH ANONYMOUS " + b64("someone@elsewhere.test")))
        self.assertNotLoggedIn(client)

    def test_failures_go_through_the_throttle(self):
        address = self.new_mailbox([pop.message("throttle", [b"x"])])
        self.assertCtlOk(self.service.ctl("config", "set", "security.maxFailuresPerAccount", "3"))
        self.addCleanup(self.service.ctl, "config", "set", "security.maxFailuresPerAccount", "5")

        def wrong(_):
            with self.connect() as client:
                return client.login(address, WRONG)

        for reply in side_by_side(wrong, range(3)):
            self.assertErr(reply, "AUTH")
        # Locked: even the right password is refused now.
        client = self.connect()
        self.assertErr(client.login(address, pop.PASSWORD))
        self.assertNotLoggedIn(client)
        # Other accounts are not affected.
        other = self.new_mailbox([pop.message("throttle other", [b"x"])])
        self.assertOk(self.logged_in(other).quit())

    def test_passwords_never_reach_the_protocol_log(self):
        address = self.new_mailbox([pop.message("redaction", [b"x"])])
        remotes = []
        client = self.connect()
        self.assertOk(client.login(address))
        self.assertOk(client.quit())
        remotes.append(client.remote)
        client = self.connect()
        self.assertErr(client.login(address, WRONG))
        client.close()
        remotes.append(client.remote)
        client = self.connect(starttls=True)
        self.assertOk(client.command("AUTH PLAIN " + plain_response(address, pop.PASSWORD)))
        self.assertOk(client.quit())
        remotes.append(client.remote)
        client = self.connect()
        client.command("AUTH LOGIN")
        client.command(b64(address))
        self.assertOk(client.command(b64(pop.PASSWORD)))
        self.assertOk(client.quit())
        remotes.append(client.remote)

        secrets = [pop.PASSWORD, WRONG, b64(pop.PASSWORD), b64(WRONG), plain_response(address, pop.PASSWORD)]
        sent = []
        for remote in remotes:
            events = self.session_events(remote)
            sent += [e["data"] for e in events if e["dir"] == "<"]
            for event in events:
                for secret in secrets:
                    self.assertNotIn(secret, event["data"], event)
        self.assertIn("USER " + address, sent)
        self.assertEqual(sent.count("PASS ********"), 2, sent)
        self.assertIn("AUTH PLAIN ********", sent)
        # And not in any file of the logs either (the service log included).
        logs = os.path.join(self.service.data_dir, "logs")
        for directory, _, files in os.walk(logs):
            for name in files:
                data = h.read_bytes(os.path.join(directory, name))
                for secret in secrets:
                    self.assertNotIn(secret.encode(), data, os.path.join(directory, name))


if __name__ == "__main__":
    h.main()
