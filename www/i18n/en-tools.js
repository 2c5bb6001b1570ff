// The English words of the client mode's tools (script box, AUTH helper, Share) and of reading
// a transcript or a share link: fetched with their code, on first use (modes/client-tools.js,
// element-import.js); the rest are in en.js. Keys are shared with pt-BR-tools.js.

export default {
  script: {
    label: 'Lines to send, one per line',
    step: 'Send next line',
    run: 'Send all',
    position: 'Line {i} of {n} is next.',
    done: 'All {n} lines sent.',
    empty: 'Paste or type the lines of a session here.',
  },
  auth: {
    demo: 'This server has one demo account: user {user}, password {password}.',
    how: 'AUTH PLAIN sends, in base64, a zero byte, the user name, a zero byte and the password.',
    user: 'User',
    password: 'Password',
    use: 'Put it in the command box',
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
};
