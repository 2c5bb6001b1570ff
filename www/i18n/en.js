// The page's and the element's own words in English. What a reply means comes from the Rust
// catalogue through the engine, never from here. Keys are shared with pt-BR.js; a test fails on a
// key missing in either file and on a key nothing uses. The words of the views loaded on first
// use are in en-views.js, the full page's own in en-page.js.

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
  script: {
    title: 'Script: send a prepared session line by line',
    label: 'Lines to send, one per line',
    step: 'Send next line',
    run: 'Send all',
    position: 'Line {i} of {n} is next.',
    done: 'All {n} lines sent.',
    empty: 'Paste or type the lines of a session here.',
  },
  auth: {
    title: 'AUTH: log in',
    demo: 'This server has one demo account: user {user}, password {password}.',
    how: 'AUTH PLAIN sends, in base64, a zero byte, the user name, a zero byte and the password.',
    user: 'User',
    password: 'Password',
    use: 'Put it in the command box',
    decoded: 'decoded: “{text}”',
  },
  import: {
    read: 'Read as {format}: {n} lines.',
    format: {
      smtp: 'a C:/S: transcript',
      swaks: 'swaks output',
      nc: 'a telnet or nc capture',
      smtplib: 'Python smtplib debug output',
    },
    drift: 'Recorded “{recorded}”; this engine says “{now}”.',
    none: 'Nothing in that text reads as an SMTP session.',
  },
  share: {
    title: 'Share',
    make: 'Make a share link',
    credentials: 'Include AUTH credentials',
    link: 'Share link',
    ready: 'A link of {n} characters: it replays this session.',
    long: 'A link of {n} characters: some chats and course sites cut links over 2,000 characters.',
    tooLong: 'This session makes a link of {n} characters, too long for an address bar: send the file instead.',
    download: 'Download the transcript',
    copied: 'Copied.',
    same: 'Shared session replayed: every reply as recorded.',
    drifted: 'Shared session replayed: {n} replies differ from the recording (marked).',
    error: {
      Shape: 'This is not a share link: it should end in #s=1. and a code.',
      Version: 'This share link was made by a newer version of smtp-sim.',
      Codec: 'This share link uses a packing this version does not know.',
      Base64: 'This share link is damaged: it has characters a link cannot have.',
      Deflate: 'This share link is cut short or damaged: copy the whole link.',
      TooLarge: 'This share link holds more than 1 MiB of session: it is refused.',
      NotUtf8: 'This share link is damaged: its text is not readable.',
    },
  },
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
