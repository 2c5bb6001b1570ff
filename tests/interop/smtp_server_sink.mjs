// A real SMTP server for the client interop tests: Node's smtp-server (nodemailer) on
// 127.0.0.1, on a free port.
//
// Each accepted message is stored as N.eml (the raw stream smtp-server hands over, dots
// unstuffed, terminator removed) and N.json (the envelope). The port is printed on the first
// line of stdout. The server stops when stdin closes or after 120 seconds.
//
// Usage: node smtp_server_sink.mjs OUTDIR
// Recipients whose local part starts with "reject" get 550; "later" gets 450.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const outdir = process.argv[2];
let count = 0;

const server = new SMTPServer({
  name: 'smtp-server.test',
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, session, callback) {
    const a = address.address;
    if (a.startsWith('reject')) {
      const err = new Error('No such user here');
      err.responseCode = 550;
      return callback(err);
    }
    if (a.startsWith('later')) {
      const err = new Error('Greylisted, try again later');
      err.responseCode = 450;
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const n = count++;
      const base = path.join(outdir, String(n));
      fs.writeFileSync(base + '.tmp', Buffer.concat(chunks));
      fs.writeFileSync(base + '.json', JSON.stringify({
        mail_from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        rcpt_tos: session.envelope.rcptTo.map((r) => r.address),
      }));
      fs.renameSync(base + '.tmp', base + '.eml');
      callback(null, 'Stored as ' + n);
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  console.log(server.server.address().port);
});
const stop = () => server.close(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(() => process.exit(0), 120000);
