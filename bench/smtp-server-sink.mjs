// Node's smtp-server accepting every message and discarding it: the serve benchmark's Node peer.
//   node bench/smtp-server-sink.mjs PORT        (binds 127.0.0.1 only)
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 2527);
const server = new SMTPServer({
  logger: false,
  // No reverse DNS of each client: on loopback with no resolver it only adds a timeout.
  disableReverseLookup: true,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  size: 32 << 20,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => callback());
  },
});
server.listen(port, '127.0.0.1', () => console.log(`smtp-server sink listening on 127.0.0.1:${port}`));
