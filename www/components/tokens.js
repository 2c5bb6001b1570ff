// Bytes as the lesson tokens (<CRLF>, <LF>, \xHH …): the lab draws its byte ribbon with them, and
// the client mode its "message as sent" line, so they live apart from the lab (which is loaded
// on first use) in the first load.

/** Bytes as the lesson tokens, one piece per token with its offsets: [{ text, start, end, eol }]. */
export function tokens(bytes) {
  const out = [];
  let text = '';
  let start = 0;
  const flush = (i) => {
    if (text) out.push({ text, start, end: i, eol: false });
    text = '';
  };
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    let tok = null;
    let len = 1;
    if (b === 13 && bytes[i + 1] === 10) {
      tok = '<CRLF>';
      len = 2;
    } else if (b === 13) tok = '<CR>';
    else if (b === 10) tok = '<LF>';
    else if (b === 0) tok = '<NUL>';
    else if (b === 9) tok = '<TAB>';
    else if (b < 0x20 || b >= 0x7f) tok = `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (tok === null) {
      if (!text) start = i;
      text += String.fromCharCode(b);
      continue;
    }
    flush(i);
    out.push({ text: tok, start: i, end: i + len, eol: true });
    i += len - 1;
  }
  flush(bytes.length);
  return out;
}
