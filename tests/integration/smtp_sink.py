#!/usr/bin/python3
"""A test smarthost on loopback: Debian's aiosmtpd (python3-aiosmtpd, for /usr/bin/python3)
accepting mail and writing each message to DIR as NNNN.json ({"mail_from", "rcpt_tos",
"data" (latin-1 text of the exact bytes), "auth_login", "tls"}).

    smtp_sink.py DIR PORT [--tls CERT KEY] [--auth USER PASSWORD] [--reject ADDRESS=CODE ...]

With --tls it offers STARTTLS (and requires it for AUTH); with --auth it requires AUTH
before MAIL. --reject makes RCPT TO that address fail with CODE (e.g. 550 or 451). Prints
"ready" on stdout once it listens. Stops on SIGTERM.
"""

import asyncio
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    args = sys.argv[1:]
    directory, port = args[0], int(args[1])
    tls = auth = None
    rejects = {}
    i = 2
    while i < len(args):
        if args[i] == "--tls":
            tls = (args[i + 1], args[i + 2])
            i += 3
        elif args[i] == "--auth":
            auth = (args[i + 1].encode(), args[i + 2].encode())
            i += 3
        elif args[i] == "--reject":
            address, code = args[i + 1].rsplit("=", 1)
            rejects[address.lower()] = int(code)
            i += 2
        else:
            raise SystemExit("unknown argument %r" % args[i])
    counter = [0]
    lock = threading.Lock()

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            code = rejects.get(address.lower())
            if code:
                return "%d %s.1.1 <%s> refused by the test sink" % (code, str(code)[0], address)
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            with lock:
                counter[0] += 1
                name = os.path.join(directory, "%04d.json" % counter[0])
            record = {
                "mail_from": envelope.mail_from,
                "mail_options": envelope.mail_options,
                "rcpt_tos": envelope.rcpt_tos,
                "rcpt_options": envelope.rcpt_options,
                "data": envelope.original_content.decode("latin-1"),
                "auth_login": (session.auth_data.login.decode()
                               if isinstance(session.auth_data, LoginPassword) else None),
                "tls": session.ssl is not None,
            }
            with open(name + ".tmp", "w") as f:
                json.dump(record, f)
            os.rename(name + ".tmp", name)
            return "250 2.0.0 stored by the test sink"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == auth
        return AuthResult(success=ok, auth_data=auth_data)

    kwargs = {"hostname": "127.0.0.1", "port": port, "decode_data": False, "enable_SMTPUTF8": True}
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
        kwargs.update(tls_context=context, require_starttls=auth is not None)
    if auth:
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls is not None)
    controller = Controller(Handler(), **kwargs)
    controller.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
