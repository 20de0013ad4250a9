"""A real SMTP server for the tests: Debian's aiosmtpd on 127.0.0.1, driven by test/support/smtp-server.ts.

Run with /usr/bin/python3 (the system Python that has python3-aiosmtpd), for example:

    /usr/bin/python3 smtp_server.py --port 0 --maildir DIR [--tls none|starttls|tls --cert C --key K]
                                    [--user U --password P] [--reject-recipient ADDR]... [--reject-sender ADDR]...

Prints "LISTENING <port>" as its first line once it accepts connections. Every message the server
accepts is stored as DIR/<n>.eml (the raw bytes as received) with DIR/<n>.json beside it (the envelope:
mailFrom, rcptTos), written to temp names and renamed, the .eml last: a .eml that exists is complete,
and it exists before the client hears "250". Ends on SIGTERM, SIGINT, or when stdin closes (the test
process that started it went away).
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "tls"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--reject-recipient", action="append", default=[])
    parser.add_argument("--reject-sender", action="append", default=[])
    return parser.parse_args()


def next_message_number(maildir):
    """Numbers continue across restarts on the same folder, so arrival order is the numbers' order."""
    numbers = [int(name[:-4]) for name in os.listdir(maildir) if name.endswith(".eml") and name[:-4].isdigit()]
    return max(numbers, default=0) + 1


def write_atomically(path, data):
    temp = path + ".tmp"
    with open(temp, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temp, path)


class StoringHandler:
    def __init__(self, maildir, reject_recipients, reject_senders):
        self.maildir = maildir
        self.reject_recipients = {address.lower() for address in reject_recipients}
        self.reject_senders = {address.lower() for address in reject_senders}
        self.number = next_message_number(maildir)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.lower() in self.reject_senders:
            return "553 5.7.1 Sender address rejected: not allowed"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject_recipients:
            return "550 5.1.1 Recipient address rejected: user unknown"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        number = self.number
        self.number += 1
        base = os.path.join(self.maildir, f"{number:06d}")
        envelope_json = json.dumps({"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos}).encode()
        write_atomically(base + ".json", envelope_json)
        write_atomically(base + ".eml", envelope.original_content)
        return "250 2.0.0 Message accepted for delivery"


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    return authenticator


def main():
    # "AUTH without TLS" is what the plain mode is for; its warning would only clutter the test output.
    warnings.simplefilter("ignore")
    args = parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    tls_context = None
    if args.tls != "none":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)
    handler = StoringHandler(args.maildir, args.reject_recipient, args.reject_sender)
    auth = {}
    if args.user is not None:
        # Implicit TLS: aiosmtpd does not see the TLS under it (it only tracks its own STARTTLS), so it
        # must not demand TLS for AUTH; the whole connection is encrypted anyway. Plain: no TLS to demand.
        auth = {
            "authenticator": make_authenticator(args.user, args.password or ""),
            "auth_required": True,
            "auth_require_tls": args.tls == "starttls",
        }

    def factory():
        return SMTP(
            handler,
            hostname="kontaktdesk-test-smtp",
            tls_context=tls_context if args.tls == "starttls" else None,
            require_starttls=args.tls == "starttls" and args.user is not None,
            **auth,
        )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=args.port, ssl=tls_context if args.tls == "tls" else None)
    )
    port = server.sockets[0].getsockname()[1]
    print(f"LISTENING {port}", flush=True)

    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)

    stdin = sys.stdin.fileno()

    def on_stdin():
        try:
            if os.read(stdin, 4096):
                return
        except OSError:
            pass
        loop.remove_reader(stdin)
        stopping.set()

    loop.add_reader(stdin, on_stdin)
    loop.run_until_complete(stopping.wait())
    server.close()
    loop.run_until_complete(server.wait_closed())
    loop.close()


if __name__ == "__main__":
    main()
