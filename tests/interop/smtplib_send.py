"""Sends messages to smtp-sim with Python's smtplib, for tests/interop.rs.

usage: smtplib_send.py PORT FROM TO[,TO...] [--utf8] [--starttls|--ssl] FILE [FILE...]

Each FILE is sent, as bytes, with one sendmail() call in a single session (EHLO once, QUIT at
the end). --utf8 adds the SMTPUTF8 and BODY=8BITMIME MAIL parameters (RFC 6531, RFC 6152).
--starttls upgrades the session with STARTTLS (RFC 3207) before sending; --ssl connects with
implicit TLS (RFC 8314 §3, smtplib.SMTP_SSL). Both accept the server's self-signed certificate
(an unverified context) and print the negotiated TLS version.
Prints one line per refused recipient, "refused<TAB>CODE<TAB>ADDRESS", then "sent N".
Any other failure raises, so the exit status is non-zero and the traceback says why.
"""
import smtplib
import ssl
import sys

FLAGS = ("--utf8", "--starttls", "--ssl")


def main(argv):
    port, sender, rcpts, *rest = argv
    utf8 = "--utf8" in rest
    files = [f for f in rest if f not in FLAGS]
    options = ["SMTPUTF8", "BODY=8BITMIME"] if utf8 else []
    context = ssl._create_unverified_context()
    if "--ssl" in rest:
        smtp = smtplib.SMTP_SSL(
            "127.0.0.1", int(port), local_hostname="python.test", timeout=15, context=context
        )
    else:
        smtp = smtplib.SMTP("127.0.0.1", int(port), local_hostname="python.test", timeout=15)
    with smtp:
        if "--starttls" in rest:
            smtp.starttls(context=context)
        if isinstance(smtp.sock, ssl.SSLSocket):
            print(f"tls {smtp.sock.version()}")
        for name in files:
            with open(name, "rb") as f:
                message = f.read()
            refused = smtp.sendmail(sender, rcpts.split(","), message, mail_options=options)
            for address, (code, text) in sorted(refused.items()):
                print(f"refused\t{code}\t{address}")
    print(f"sent {len(files)}")


if __name__ == "__main__":
    main(sys.argv[1:])
