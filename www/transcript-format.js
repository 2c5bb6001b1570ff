// Transcripts as text, both ways. Export writes the C:/S: grammar the lessons use (a transcript
// is a lesson without goals): `C:` a command, `S:` a reply line, `| ` a message line in DATA,
// `send:` a line sent with a bare LF (`<LF>` written as the RFC's token). Mermaid draws the same
// lines as a sequence diagram. Import reads our export, an RFC-style C:/S: listing, swaks output
// (`->`, `<-`, `~>`, `<~`) and a telnet/nc capture, and says how it read it.

/** Header line of the text format; a version bump keeps old files readable. */
export const MAGIC = '%smtp-transcript 1';

/**
 * `lines`: [{ side: 'C' | 'S', text, data?, ending? }] in order; `meta`: header keys
 * (persona, lang, mode) written when given.
 */
export function exportText(lines, meta = {}) {
  const out = [MAGIC];
  for (const [key, value] of Object.entries(meta)) if (value) out.push(`${key}: ${value}`);
  for (const { side, text, data, ending } of lines) {
    if (side === 'S') out.push(`S: ${text}`);
    else if (ending === '\n') out.push(`send: ${text}<LF>`);
    else if (data && text !== '.') out.push(text === '' ? '|' : `| ${text}`);
    else out.push(`C: ${text}`);
  }
  return `${out.join('\n')}\n`;
}

/** Mermaid escapes: "#" starts an entity and ";" ends a statement. */
const mermaidText = (text) => text.replaceAll('#', '#35;').replaceAll(';', '#59;');

/** A Mermaid sequenceDiagram of the same lines (client and server as two lanes). */
export function exportMermaid(lines, { client = 'Client', server = 'Server' } = {}) {
  const out = ['sequenceDiagram', `  participant C as ${mermaidText(client)}`, `  participant S as ${mermaidText(server)}`];
  for (const { side, text } of lines) {
    out.push(side === 'S' ? `  S-->>C: ${mermaidText(text)}` : `  C->>S: ${mermaidText(text)}`);
  }
  return `${out.join('\n')}\n`;
}

/** JSON: the header keys and the lines as they are. */
export function exportJson(lines, meta = {}) {
  return `${JSON.stringify({ format: 'smtp-transcript', version: 1, ...meta, lines }, null, 2)}\n`;
}

const SWAKS_CLIENT = /^\s*(?:->|~>|\*\*>)\s?(.*)$/;
const SWAKS_SERVER = /^\s*(?:<-|<~|<\*\*)\s?(.*)$/;
const SWAKS_INFO = /^\s*(?:===|\*\*\*|<~\*|~>\*)/;
const REPLY = /^\d{3}(?:[ -]|$)/;

/**
 * Reads a transcript. Returns { format: 'smtp' | 'swaks' | 'nc', lines, meta } where lines are
 * [{ side, text, data, ending }], or { format: null, lines: [] } when nothing reads as a session.
 */
export function importText(text) {
  const raw = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (raw.length && raw.at(-1).trim() === '') raw.pop();
  const meaningful = raw.filter((l) => l.trim() !== '');
  if (meaningful.some((l) => l.startsWith(MAGIC.split(' ')[0])) || meaningful.some((l) => /^[CS]:/.test(l))) {
    return readSmtp(raw);
  }
  if (meaningful.some((l) => SWAKS_CLIENT.test(l)) && meaningful.some((l) => SWAKS_SERVER.test(l))) {
    return readSwaks(raw);
  }
  if (meaningful.some((l) => REPLY.test(l))) return readNc(raw);
  return { format: null, lines: [], meta: {} };
}

function readSmtp(raw) {
  const lines = [];
  const meta = {};
  let header = true;
  for (const line of raw) {
    if (line.startsWith('%')) continue;
    if (line.startsWith('#') && !line.startsWith('#!')) continue;
    const m = /^(C|S):\s?(.*)$/.exec(line);
    if (m) {
      header = false;
      lines.push({ side: m[1], text: m[2], data: false, ending: '\r\n' });
    } else if (line === '|' || line.startsWith('| ')) {
      header = false;
      lines.push({ side: 'C', text: line.slice(2), data: true, ending: '\r\n' });
    } else if (line.startsWith('send: ')) {
      header = false;
      const body = line.slice(6);
      const bare = body.endsWith('<LF>') && !body.endsWith('<CR><LF>');
      lines.push({ side: 'C', text: body.replace(/(<CR>)?<LF>$|<CRLF>$/, ''), data: false, ending: bare ? '\n' : '\r\n' });
    } else if (header) {
      const kv = /^([a-z-]+):\s*(.*)$/.exec(line);
      if (kv) meta[kv[1]] = kv[2];
    }
  }
  return { format: 'smtp', lines: markData(lines), meta };
}

function readSwaks(raw) {
  const lines = [];
  for (const line of raw) {
    if (SWAKS_INFO.test(line)) continue;
    const c = SWAKS_CLIENT.exec(line);
    const s = SWAKS_SERVER.exec(line);
    if (c) lines.push({ side: 'C', text: c[1], data: false, ending: '\r\n' });
    else if (s) lines.push({ side: 'S', text: s[1], data: false, ending: '\r\n' });
  }
  return { format: 'swaks', lines: markData(lines), meta: {} };
}

function readNc(raw) {
  const lines = raw.map((line) => (REPLY.test(line) ? { side: 'S', text: line } : { side: 'C', text: line }));
  return { format: 'nc', lines: markData(lines.map((l) => ({ ...l, data: false, ending: '\r\n' }))), meta: {} };
}

/** Client lines between a 354 and the "." that ends the message are message lines. */
function markData(lines) {
  let inData = false;
  return lines.map((line) => {
    if (line.side === 'S') {
      if (/^354\b/.test(line.text)) inData = true;
      return line;
    }
    const data = line.data || inData;
    if (inData && line.text === '.') inData = false;
    return { ...line, data: data && line.text !== '.' ? true : line.data };
  });
}

/**
 * The client lines to replay, each with the recorded reply codes that followed it (to flag a
 * reply that differs: an old transcript on a newer engine).
 */
export function steps(lines) {
  const out = [];
  for (const line of lines) {
    if (line.side === 'C') out.push({ line: line.text, ending: line.ending, recorded: [] });
    else if (out.length) {
      const code = /^(\d{3})[ ]/.exec(line.text);
      if (code) out.at(-1).recorded.push(Number(code[1]));
    }
  }
  return out;
}
