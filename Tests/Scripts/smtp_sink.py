#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd): accepts every message,
optionally behind STARTTLS and AUTH, and writes each one as received (.eml) and as Python's email
library reads it (.json: headers decoded, text and HTML parts, attachments' names and digests).

  smtp_sink.py PORT_FILE OUT_DIR [--user U --password P] [--cert CERT --key KEY]
"""
import argparse
import asyncio
import hashlib
import json
import os
import ssl
import email
import email.policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.directory, "%05d" % self.count)
        raw = envelope.original_content or envelope.content
        with open(name + ".eml", "wb") as out:
            out.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        attachments = []
        for part in message.iter_attachments():
            data = part.get_payload(decode=True) or b""
            attachments.append({"filename": part.get_filename(), "contentType": part.get_content_type(),
                                "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        record = {
            "mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
            "from": str(message["From"]), "to": str(message["To"]), "subject": str(message["Subject"]),
            "messageID": str(message["Message-ID"]), "date": str(message["Date"]),
            "listUnsubscribe": message["List-Unsubscribe"] and str(message["List-Unsubscribe"]),
            "autoSubmitted": message["Auto-Submitted"] and str(message["Auto-Submitted"]),
            "contentType": message.get_content_type(), "defects": [str(d) for d in message.defects],
            "text": plain.get_content() if plain else None, "html": html.get_content() if html else None,
            "attachments": attachments, "authenticated": bool(session.authenticated),
        }
        with open(name + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(name + ".tmp", name + ".json")
        return "250 Message accepted for delivery"


class Credentials:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port_file")
    parser.add_argument("out_dir")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    sink = Sink(args.out_dir)
    authenticator = Credentials(args.user, args.password) if args.user else None

    def protocol():
        return SMTP(sink, hostname="sink.parc.test", tls_context=context, require_starttls=context is not None,
                    authenticator=authenticator, auth_required=authenticator is not None,
                    auth_require_tls=context is not None)

    server = await asyncio.get_running_loop().create_server(protocol, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".tmp", "w") as out:
        out.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    async with server:
        await server.serve_forever()


asyncio.run(main())
