"""A real SMTP server for the client interop tests: aiosmtpd on 127.0.0.1, on a free port.

Each accepted message is stored as N.eml (the content exactly as aiosmtpd unstuffed it) and
N.json (the envelope). The port is printed on the first line of stdout. The server stops when
stdin closes or after 120 seconds, whichever comes first.

Usage: python3 aiosmtpd_sink.py OUTDIR
Recipients whose local part starts with "reject" get 550; "later" gets 450.
"""

import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such user here"
        if address.startswith("later"):
            return "450 4.2.0 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = self.count
        self.count += 1
        base = os.path.join(self.outdir, str(n))
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "mail_options": envelope.mail_options}, f)
        os.replace(base + ".tmp", base + ".eml")
        return "250 2.0.0 Stored as " + str(n)


async def main():
    outdir = sys.argv[1]
    loop = asyncio.get_running_loop()
    handler = Sink(outdir)
    server = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True, hostname="aiosmtpd.test"), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    try:
        await asyncio.wait_for(stdin_closed, 120)
    except asyncio.TimeoutError:
        pass
    server.close()
    os._exit(0)


asyncio.run(main())
