// The page's and the element's own words in English. What a reply means comes from the Rust
// catalogue through the engine, never from here. Keys are shared with pt-BR.js; a test fails on a
// key missing in either file and on a key nothing uses. The words of the views loaded on first
// use are in en-views.js, those of the client mode's tools in en-tools.js, the full page's own in
// en-page.js.

export default {
  // The element.
  elementLabel: 'SMTP simulator',
  loading: 'Loading the simulator…',
  loadFailed: 'The simulator could not start in this browser (WebAssembly is needed).',
  engine: {
    trapped:
      'The simulator hit an internal error on that input and was restarted. Your session is back as it was before it; that line was not sent.',
    trappedExplain:
      'The simulator hit an internal error while explaining this reply and was restarted. Your session is as it was; pick another reply, or go on.',
    lost: 'The simulator hit an internal error and was restarted; this session could not be restored, so it starts over.',
    unsupported: 'This version cannot do that yet.',
  },
  explanation: 'Explanation',
  noReplyYet: 'Replies from the server are explained here.',
  more: 'The full entry',

  // You are the client.
  sessionLabel: 'Session',
  stage: 'Stage',
  allowedNext: 'Commands allowed next',
  none: 'none',
  persona: 'Server persona',
  personaStrict: 'Strict (refuses bare LF)',
  personaLenient: 'Lenient (reads bare LF as CRLF)',
  personaVulnerable: 'Vulnerable (ends data at a bare-LF dot)',
  showEol: 'Show line endings',
  lineEnding: 'Lines end with',
  endingCrlf: 'CRLF (standard)',
  endingLf: 'LF only (like nc)',
  reset: 'Reset session',
  transcript: 'Transcript',
  commandLabel: 'SMTP command',
  send: 'Send',
  suggestions: 'Suggestions',
  tryThis: 'Try:',
  dataMode: 'You are writing the message. Press Enter after each line; a line with only a dot (.) ends it.',
  historyHint: '↑ and ↓ recall earlier lines.',
  lfDotIgnored:
    'That did not end the message: only CRLF . CRLF ends it here, as on any server but a vulnerable one. Set “Lines end with” to CRLF, send an empty line, then a line with only “.”.',
  closedNotice: 'The connection is closed: nothing was sent. Use “Reset session” to start again.',
  chunkOpen:
    'BDAT: the server now reads exactly {n} octets as message content, with no dot-stuffing and no “.” line (RFC 3030). Type them: each Enter adds the line ending (2 octets for CRLF).',
  chunkLeft: 'The chunk still needs {n} octets before the server answers.',
  messageTyping: 'Message so far',
  messageStored: 'Message accepted and stored',
  bytes: '{n} bytes',
  steps: {
    Connected: 'Connect',
    Ready: 'Hello',
    Mail: 'Sender',
    Rcpt: 'Recipients',
    Data: 'Message',
    Closed: 'Close',
  },
  sampleBody: ['Subject: Hello', '', 'Hi Bob, this came through smtp-sim.'],
  paste: {
    sent: 'Pasted {n} lines: each was sent as its own line.',
    sentOne: 'Pasted 1 line: it was sent.',
  },
  scriptTitle: 'Script: send a prepared session line by line',
  shareTitle: 'Share',
  authTitle: 'AUTH: log in',
  authDecoded: 'decoded: “{text}”',
  export: {
    copy: 'Copy as text',
    copied: 'Copied {n} lines.',
    failed: 'Copying is not allowed here; select the transcript and copy it.',
  },

  // Explanations.
  codeDigits: 'The code, digit by digit',
  enhancedCode: 'Enhanced status code',
  noEntry: 'A code the catalogue does not know',
  textsLoading: 'Loading the rest of this entry…',
  compareCue: 'compare with {a}',
  compareBackToExplanation: 'Back to the explanation',



  compareTitle: '{a} vs {b}',
  compareSame: 'same',
  // The counters under the command box (RFC 5321 §4.5.3.1).
  limits: {
    label: 'Limits',
    commandLine: 'line {n} / {max} octets',
    textLine: 'text line {n} / {max} octets',
    localPart: 'local part {n} / {max}',
    domain: 'domain {n} / {max}',
    recipients: 'recipients {n} / {max}',
    size: 'message {n} / {max} octets (SIZE)',
  },
  asTyped: 'As typed',
  asSent: 'As sent (bytes)',
  asStored: 'As stored',
  refusedWhy: '{what} refused ({code}): {why}',
};
