// The client mode's tools (script box, Share, AUTH helper): their bodies are built when one is
// first opened, so their code is not part of the first load (www/modes/client.js, `openTools`).

// It imports nothing: what it uses of the engine, the DOM helpers and the transcript format
// comes from the mode (`buildTools`). A static import here would split the bundles' shared chunks
// by which entries reach each module, into more files for the first load to fetch.
let full, isFull, button, el, SHARE_MAX, SHARE_WARN, importText, steps;

/** The AUTH helper's demo account, the one the simulated server accepts. */
const DEMO = { user: 'alice', password: 'wonderland' };

const utf8 = new TextEncoder();

/** The tools' bodies' styles, added to the element's shadow root with them. */
const STYLE = String.raw`
.tool label { display: block; font-size: .8rem; font-weight: 600; color: var(--muted); }
.tool textarea, .tool input[type='text'] {
  width: 100%;
  font-family: var(--mono);
  font-size: 1rem;
  color: var(--text);
  background: var(--bg);
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: .35rem .55rem;
}
.script-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-top: .4rem; }
.script-status { margin: 0; font-size: .85rem; color: var(--muted); }
.auth-demo { margin: 0 0 .2rem; font-weight: 600; }
.auth-fields { display: flex; flex-wrap: wrap; gap: .5rem; margin: .4rem 0; }
.auth-fields .field { flex: 1 1 8rem; }
.auth-results { list-style: none; margin: 0; padding: 0; display: grid; gap: .3rem; }
.auth-results li { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem; }
.auth-name { font-size: .8rem; color: var(--muted); font-family: var(--mono); }
.auth-results .chip { word-break: break-all; text-align: left; }
`;

let sheet = null;

/** Adds the tools' sheet to the root (shadow root or document) that holds `node`, once. */
function adoptStyle(node) {
  const root = node.getRootNode();
  if (!root.adoptedStyleSheets) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** base64 of a string's UTF-8 bytes. */
function base64(text) {
  let bin = '';
  for (const b of utf8.encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

class Tools {
  constructor(m) {
    this.m = m;
    adoptStyle(m.toolsBox);
    this.buildScript(m.tools.script);
    this.buildShare(m.tools.share);
    this.buildAuth(m.tools.auth);
    this.wire();
  }

  buildScript(details) {
    const label = labelled('label', 'script.label');
    label.htmlFor = 'script-text';
    const text = el('textarea', 'script-text');
    text.id = 'script-text';
    text.rows = 5;
    text.spellcheck = false;
    text.setAttribute('autocapitalize', 'off');
    text.dataset.i18nPlaceholder = 'script.empty';
    const step = labelled('button', 'script.step');
    step.type = 'button';
    const run = labelled('button', 'script.run', 'secondary');
    run.type = 'button';
    const status = el('p', 'script-status');
    status.setAttribute('role', 'status');
    const controls = el('div', 'script-controls');
    controls.append(step, run, status);
    details.append(label, text, controls);
    this.scriptUi = { details, text, step, run, status };
  }

  /** Share: a link to this session (`#s=1.z.…`), or past SHARE_MAX characters a file. */
  buildShare(details) {
    const make = labelled('button', 'share.make');
    make.type = 'button';
    const credentials = el('input', null);
    credentials.type = 'checkbox';
    credentials.id = 'share-credentials';
    const credentialsLabel = el('label', 'check');
    credentialsLabel.append(credentials, ' ', labelled('span', 'share.credentials'));
    const link = el('input', 'share-link');
    link.type = 'text';
    link.readOnly = true;
    link.id = 'share-link';
    link.hidden = true;
    link.dataset.i18nAriaLabel = 'share.link';
    const status = el('p', 'share-status');
    status.setAttribute('role', 'status');
    const download = labelled('a', 'share.download', 'share-download');
    download.hidden = true;
    download.download = 'smtp-session.smtp';
    const controls = el('div', 'share-controls');
    controls.append(make, credentialsLabel);
    details.append(controls, link, status, download);
    make.addEventListener('click', () => this.share());
    this.shareUi = { make, credentials, link, status, download };
  }

  async share() {
    const t = this.m.ctx.t;
    const { credentials, link, status, download } = this.shareUi;
    let url;
    try {
      url = await this.m.ctx.shareUrl({ credentials: credentials.checked });
    } catch {
      status.textContent = t('engine.unsupported');
      return;
    }
    if (download.href) URL.revokeObjectURL(download.href);
    download.hidden = true;
    download.removeAttribute('href');
    if (url.length > SHARE_MAX) {
      // Too long for an address bar: the transcript as a file to send instead.
      link.hidden = true;
      const text = this.m.ctx.exportText(this.m.transcript.lines(), { credentials: credentials.checked });
      download.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
      download.hidden = false;
      status.textContent = t('share.tooLong', { n: url.length });
      this.m.ctx.emit('smtp-warning', { kind: 'share-too-long', length: url.length });
      return;
    }
    link.value = url;
    link.hidden = false;
    link.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // Not allowed here: the link is selected for the learner to copy.
    }
    const long = url.length > SHARE_WARN;
    status.textContent = `${t(long ? 'share.long' : 'share.ready', { n: url.length })}${copied ? ` ${t('share.copied')}` : ''}`;
    if (long) this.m.ctx.emit('smtp-warning', { kind: 'share-long', length: url.length });
  }

  buildAuth(details) {
    const demo = el('p', 'auth-demo');
    const how = labelled('p', 'auth.how', 'muted small');
    const fields = el('div', 'auth-fields');
    const field = (id, key, value) => {
      const f = el('div', 'field');
      const l = labelled('label', key);
      l.htmlFor = id;
      const i = el('input', null);
      i.id = id;
      i.type = 'text';
      i.value = value;
      i.spellcheck = false;
      i.setAttribute('autocapitalize', 'off');
      f.append(l, i);
      fields.append(f);
      return i;
    };
    const user = field('auth-user', 'auth.user', DEMO.user);
    const password = field('auth-password', 'auth.password', DEMO.password);
    const results = el('ul', 'auth-results');
    results.setAttribute('aria-live', 'polite');
    details.append(demo, how, fields, results);
    this.authUi = { details, demo, user, password, results };
  }


  /** The commands the helper builds from the two fields, each with a button that types it in. */
  renderAuth() {
    const { demo, user, password, results } = this.authUi;
    const t = this.m.ctx.t;
    demo.textContent = t('auth.demo', DEMO);
    const plain = `AUTH PLAIN ${base64(`\0${user.value}\0${password.value}`)}`;
    const rows = [
      ['AUTH PLAIN', plain],
      ['AUTH LOGIN · 1', base64(user.value)],
      ['AUTH LOGIN · 2', base64(password.value)],
    ];
    results.replaceChildren(
      ...rows.map(([name, line]) => {
        const li = el('li', null);
        const use = button('chip');
        use.textContent = line;
        use.setAttribute('aria-label', `${t('auth.use')}: ${line}`);
        use.addEventListener('click', () => {
          this.m.ui.input.value = line;
          this.m.ui.input.focus();
        });
        li.append(el('span', 'auth-name', `${name}: `), use);
        return li;
      }),
    );
  }


  wire() {
    const { text, step, run } = this.scriptUi;
    text.addEventListener('input', () => {
      this.m.script = { lines: [], at: 0 };
      this.renderScript();
    });
    // A pasted transcript (ours, swaks, a telnet/nc capture) becomes the client's lines, and the
    // box says how it read it; plain lines stay as they are.
    // The readers are in the full module: on the first paste, while it loads, the text goes in as
    // pasted, and is read once it is in.
    text.addEventListener('paste', (e) => {
      const pasted = e.clipboardData?.getData('text') ?? '';
      if (isFull()) {
        if (this.readPasted(pasted)) e.preventDefault();
        return;
      }
      e.preventDefault();
      text.setRangeText(pasted, text.selectionStart, text.selectionEnd, 'end');
      text.dispatchEvent(new Event('input', { bubbles: true }));
      full().then(
        () => {
          // Unless the pasted text was edited away meanwhile.
          if (text.value.includes(pasted.replace(/\r\n?/g, '\n'))) this.readPasted(pasted);
        },
        () => {},
      );
    });
    step.addEventListener('click', () => this.scriptStep());
    run.addEventListener('click', () => {
      while (this.scriptStep()) {
        // Each step sends one line; the loop ends with the script.
      }
    });
    for (const input of [this.authUi.user, this.authUi.password]) {
      input.addEventListener('input', () => this.renderAuth());
    }
  }

  /** The script box shows the lines of `m.script` (an import put them there). */
  fillScript() {
    this.scriptUi.text.value = this.m.script.lines.join('\n');
    this.renderScript();
  }

  /** A pasted transcript becomes the script's lines (true); anything else is left as typed. */
  readPasted(pasted) {
    const read = importText(pasted);
    if (!read.format || !read.lines.some((l) => l.side === 'S')) return false;
    const lines = steps(read.lines).map((s) => s.line);
    this.scriptUi.text.value = lines.join('\n');
    this.m.script = { lines, at: 0 };
    this.renderScript();
    const t = this.m.ctx.t;
    this.scriptUi.status.textContent = `${t('import.read', { format: t(`import.format.${read.format}`), n: read.lines.length })} ${this.scriptUi.status.textContent}`;
    return true;
  }

  /** The script's lines (a final empty line from the last newline does not count). */
  scriptLines() {
    const lines = this.scriptUi.text.value.split(/\r\n|\r|\n/);
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }

  /** Sends the script's next line; false when there is none. */
  scriptStep() {
    if (!this.m.script.lines.length) this.m.script = { lines: this.scriptLines(), at: 0 };
    const { lines, at } = this.m.script;
    if (at >= lines.length) return false;
    this.m.script.at += 1;
    this.m.send(lines[at], 'script');
    this.renderScript();
    return this.m.script.at < lines.length;
  }

  renderScript() {
    const { status, step, run } = this.scriptUi;
    const t = this.m.ctx.t;
    const n = this.m.script.lines.length || this.scriptLines().length;
    const at = this.m.script.at;
    if (n === 0) status.textContent = '';
    else if (at >= n) status.textContent = t('script.done', { n });
    else status.textContent = t('script.position', { i: at + 1, n });
    step.disabled = n === 0 || at >= n;
    run.disabled = step.disabled;
  }

}

/** Builds the tools' bodies into the mode's `<details>` (`mode.toolUi` from then on), with `deps`. */
export function buildTools(mode, deps) {
  ({ full, isFull, button, el, SHARE_MAX, SHARE_WARN, importText, steps } = deps);
  mode.toolUi = new Tools(mode);
}
