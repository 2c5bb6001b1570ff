// Transcripts as text, both ways, in the format of docs/lesson-format.md §13 and §18 (version 1).
// Reading (our export, C:/S:, swaks, telnet/nc, smtplib's debug output), the canonical writer
// (AUTH secrets redacted unless asked, the demo account kept), the replay steps and the drift
// rule are the core's (smtp_sim_core::capture), through the wasm module: the page and
// `smtp-sim link`/`open` read and write every transcript alike, so their share links are equal.
// Mermaid and JSON, which only the page writes, stay here.

import { transcripts } from './engine.js';

/** Share links longer than this may be cut by chats and LMS fields: the Share tool warns. */
export const SHARE_WARN = 2000;
/** Address bars keep about this much (flems #21): past it the Share tool offers a file instead. */
export const SHARE_MAX = 32000;

/** The version line of a transcript. */
export const MAGIC = '%smtp-transcript 1';

/**
 * The canonical text of a session. `lines`: [{ side: 'C' | 'S', text, data?, ending?, auth? }] in
 * order (`auth`: sent inside an AUTH exchange); `meta`: header values (engine, persona, lang)
 * written when given; `credentials`: keep AUTH secrets instead of `<redacted>`.
 */
export function exportText(lines, meta = {}, { credentials = false } = {}) {
  const header = { engine: meta.engine ?? null, persona: meta.persona ?? null, lang: meta.lang ?? null };
  return transcripts.write(lines, header, credentials);
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

/** JSON: the header values and the lines as they are. */
export function exportJson(lines, meta = {}) {
  return `${JSON.stringify({ format: 'smtp-transcript', version: 1, ...meta, lines }, null, 2)}\n`;
}

/**
 * Reads a transcript. Returns { format: 'smtp' | 'swaks' | 'nc' | 'smtplib', lines, meta }, lines
 * being [{ side, text, data, ending, auth }] (a `send:` write keeps its own ending, possibly ''),
 * or { format: null, lines: [], meta: {} } when nothing reads as a session.
 */
export function importText(text) {
  return transcripts.read(String(text)) ?? { format: null, lines: [], meta: {} };
}

/**
 * The writes to replay, each with the reply lines recorded after it. A redacted AUTH line is
 * replayed cancelled (§18.4): `AUTH PLAIN <redacted>` as `AUTH PLAIN`, `<redacted>` as `*`.
 */
export const steps = (lines) => transcripts.steps(lines);

/**
 * Replies that differ from the recording (§18.4): for our own format every line exactly; for
 * captures of other servers only the first line's code. { recorded, now } or null.
 */
export const drift = (recorded, now, format) => transcripts.drift(recorded, now, format);
