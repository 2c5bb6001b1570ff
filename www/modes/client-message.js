// The client mode's message panel ("as typed / as sent / as stored"): shown from the first DATA
// on, so built on first need — the first key or press in the command form, or the session
// reaching DATA (www/modes/client.js, `loadMessage`) — and never part of the first load.
//
// It imports nothing: the DOM helpers and the tokens come from the mode, since a static import
// here would split the bundles' shared chunks by which entries reach each module, into more
// files for the first load to fetch.

/** The panel's styles, added to the element's shadow root with it. */
const STYLE = String.raw`
.message-panel { border: 1px dashed var(--line); border-radius: 10px; padding: .5rem .75rem; margin-bottom: .75rem; }
.message-head { margin: 0 0 .25rem; font-size: .85rem; }
.message-head span { color: var(--muted); margin-left: .4rem; }
.message-body { margin: 0; max-height: 10rem; overflow: auto; white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
.message-views { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem; }
.message-view { margin: 0; min-width: 0; }
.message-view figcaption { font-size: .75rem; color: var(--muted); font-weight: 700; }
`;

let sheet = null;

/**
 * Builds the panel's parts into the mode's (empty, hidden) `ui.message` and returns the function
 * that shows the message so far: as the server stores it (dots unstuffed; what it stored once the
 * data ended), as typed (lines) and as sent (bytes as tokens, so <CRLF> and a stuffed dot show).
 */
export function buildMessage(m, { el, labelled, tokens }) {
  const { message } = m.ui;
  const root = message.getRootNode();
  if (root.adoptedStyleSheets) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  const head = el('p', 'message-head');
  const title = el('strong', null);
  const size = el('span', null);
  head.append(title, ' ', size);
  const views = el('div', 'message-views');
  const view = (id, key) => {
    const fig = el('figure', 'message-view');
    const pre = el('pre', 'message-body');
    pre.id = id;
    fig.append(labelled('figcaption', key), pre);
    views.append(fig);
    return pre;
  };
  const typed = view('message-typed', 'asTyped');
  const sent = view('message-sent', 'asSent');
  const stored = view('message-body', 'asStored');
  message.append(head, views);
  const decoder = new TextDecoder();
  return () => {
    const t = m.ctx.t;
    const shown = m.session.state() === 'Data' ? m.typed : m.storedMessage?.content;
    message.hidden = !shown;
    if (shown) {
      title.textContent = t(shown === m.typed ? 'messageTyping' : 'messageStored');
      size.textContent = t('bytes', { n: shown.length });
    }
    stored.textContent = shown ? decoder.decode(shown) : '';
    typed.textContent = m.typedLines.join('\n');
    sent.replaceChildren(...tokens(m.sentData).map((k) => el('span', k.eol ? 'tok ctl' : 'tok', k.text)));
  };
}
