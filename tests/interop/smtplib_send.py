"""Sends messages to smtp-sim with Python's smtplib, for tests/interop.rs.

usage: smtplib_send.py PORT FROM TO[,TO...] [--utf8] FILE [FILE...]

Each FILE is sent, as bytes, with one sendmail() call in a single session (EHLO once, QUIT at
the end). --utf8 adds the SMTPUTF8 and BODY=8BITMIME MAIL parameters (RFC 6531, RFC 6152).
Prints one line per refused recipient, "refused<TAB>CODE<TAB>ADDRESS", then "sent N".
Any other failure raises, so the exit status is non-zero and the traceback says why.
"""
import smtplib
import sys


def main(argv):
    port, sender, rcpts, *rest = argv
    utf8 = "--utf8" in rest
    files = [f for f in rest if f != "--utf8"]
    options = ["SMTPUTF8", "BODY=8BITMIME"] if utf8 else []
    with smtplib.SMTP("127.0.0.1", int(port), local_hostname="python.test", timeout=15) as smtp:
        for name in files:
            with open(name, "rb") as f:
                message = f.read()
            refused = smtp.sendmail(sender, rcpts.split(","), message, mail_options=options)
            for address, (code, text) in sorted(refused.items()):
                print(f"refused\t{code}\t{address}")
    print(f"sent {len(files)}")


if __name__ == "__main__":
    main(sys.argv[1:])
