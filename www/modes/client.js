// "You are the client": the learner types commands (or pastes them, or runs a prepared script)
// and the simulated server answers through the engine. State in (persona, language, layout from
// the element), events out (ctx.emit). The protocol is the engine's; this view renders it.

import { EngineError, dotScanner, full, isFull, serverSession, wantTexts } from '../engine.js';
import { button, el } from '../dom.js';
import { applyLabels, loadToolLabels } from '../i18n.js';
import { Transcript } from '../components/transcript.js';
import { renderExplanation } from '../components/explanation.js';
import { tokens } from '../components/tokens.js';
import { SHARE_MAX, SHARE_WARN, importText, steps } from '../transcript-format.js';

const STEPS = ['Connected', 'Ready', 'Mail', 'Rcpt', 'Data', 'Closed'];
// Where states off the main path sit on the stepper.
const STEP_OF = { Auth: 'Ready', Bdat: 'Data' };
const HOSTNAME = 'mx.example.test';
// The demo account of the simulated server (its ServerConfig's one user).

const utf8 = new TextEncoder();

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A 334 challenge's text decoded from base64 when it reads as printable UTF-8, else null. */
function decodeChallenge(text) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /^[^\p{Cc}]*$/u.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** A labelled select whose options are i18n keys. */
function select(id, key, options) {
  const field = el('div', `field ${id}`);
  const label = el('label', null);
  label.htmlFor = id;
  label.dataset.i18n = key;
  const s = el('select', null);
  s.id = id;
  for (const [value, optionKey] of options) {
    const o = el('option', null);
    o.value = value;
    o.dataset.i18n = optionKey;
    s.append(o);
  }
  field.append(label, s);
  return { field, select: s };
}

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

export class ClientMode {
  constructor(ctx) {
    this.ctx = ctx;
    this.session = null;
    this.scanner = null;
    this.typed = new Uint8Array(0);
    // The message as the learner typed it (lines) and as sent (bytes, stuffing and CRLF kept).
    this.typedLines = [];
    this.sentData = new Uint8Array(0);
    this.storedMessage = null;
    this.dataLines = 0;
    this.history = [];
    this.historyAt = 0;
    this.draft = '';
    // What waits for the texts file (see noteRefusal and addWarning).
    this.refusal = null;
    this.pendingWarnings = [];
    this.script = { lines: [], at: 0 };
    // Lines sent before the engine was in (see send): sent, in order, when the session starts.
    this.queued = [];
    this.build();
  }

  build() {
    const view = el('section', 'view client-view');
    view.setAttribute('part', 'session');
    view.dataset.i18nAriaLabel = 'sessionLabel';

    // Toolbar: persona, line ending, reset (folded under "Settings" in narrow containers).
    const toolbar = el('div', 'toolbar');
    toolbar.setAttribute('part', 'toolbar');
    toolbar.dataset.panel = 'toolbar';
    const persona = select('persona', 'persona', [
      ['strict', 'personaStrict'],
      ['lenient', 'personaLenient'],
      ['vulnerable', 'personaVulnerable'],
    ]);
    const ending = select('line-ending', 'lineEnding', [
      ['crlf', 'endingCrlf'],
      ['lf', 'endingLf'],
    ]);
    const reset = button('secondary reset');
    reset.id = 'reset';
    reset.dataset.i18n = 'reset';
    toolbar.append(persona.field, ending.field, reset);

    // Where the session stands.
    const state = el('div', 'state');
    state.setAttribute('part', 'state');
    state.dataset.panel = 'state';
    const now = el('p', 'state-now');
    const stateName = el('strong', null, '…');
    stateName.id = 'state-name';
    now.append(labelled('span', 'stage'), ': ', stateName);
    const stepper = el('ol', 'stepper');
    stepper.setAttribute('aria-hidden', 'true');
    // Its steps before the session too (none current), so the input below does not move down
    // when the greeting comes (updateState marks where the session stands).
    for (const step of STEPS) stepper.append(labelled('li', `steps.${step}`));
    const allowedLine = el('p', 'allowed');
    const allowed = el('span', null);
    allowedLine.append(labelled('span', 'allowedNext'), ': ', allowed);
    // Why the last command was refused, in the catalogue's words for that command and state.
    const why = el('p', 'refused-why');
    why.id = 'refused-why';
    why.hidden = true;
    state.append(now, stepper, why, allowedLine);

    // The transcript, with its line-endings switch and a copy button.
    const head = el('div', 'transcript-head');
    head.dataset.panel = 'transcript';
    const showEol = el('input', null);
    showEol.type = 'checkbox';
    showEol.id = 'show-eol';
    const eolLabel = el('label', 'check');
    eolLabel.append(showEol, ' ', labelled('span', 'showEol'));
    const copy = button('secondary small copy');
    copy.dataset.i18n = 'export.copy';
    const headTools = el('div', 'head-tools');
    headTools.append(eolLabel, copy);
    head.append(labelled('h2', 'transcript'), headTools);
    this.transcript = new Transcript({ id: 'transcript', onSelect: (id) => this.showExplanation(id) });
    this.transcript.node.dataset.i18nAriaLabel = 'transcript';
    this.transcript.node.dataset.panel = 'transcript';

    // What the server stored, or the message typed so far: "as typed / as sent / as stored",
    // dot-stuffing and line endings made visible. Its parts come with its code (loadMessage).
    const message = el('div', 'message-panel');
    message.id = 'message-panel';
    message.setAttribute('part', 'message');
    message.dataset.panel = 'message';
    message.hidden = true;

    // The command input.
    const form = el('form', 'command-form');
    form.setAttribute('part', 'input');
    form.dataset.panel = 'input';
    form.autocomplete = 'off';
    const dataMode = labelled('p', 'dataMode', 'data-mode');
    dataMode.hidden = true;
    const inputLabel = labelled('label', 'commandLabel');
    inputLabel.htmlFor = 'command';
    const row = el('div', 'command-row');
    const prompt = el('span', 'prompt', 'C:');
    prompt.setAttribute('aria-hidden', 'true');
    // The page's first screen may hold it already (its input focused at the first paint): that
    // node, with what is typed in it, is taken over (smtp-sim.js #adopt), enabled as it was.
    const adopted = this.ctx.adopt?.('command');
    const input = adopted ?? el('input', null);
    input.id = 'command';
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.disabled = !adopted;
    input.removeAttribute('autofocus');
    // Lines entered there before (early.min.js queued them): sent after the greeting, in order.
    for (const line of adopted ? this.ctx.earlyLines() : []) {
      this.remember(line);
      this.send(line, 'learner');
    }
    for (const [k, v] of [['autocapitalize', 'off'], ['autocorrect', 'off'], ['enterkeyhint', 'send'], ['aria-describedby', 'command-hint']]) {
      input.setAttribute(k, v);
    }
    const send = labelled('button', 'send');
    send.type = 'submit';
    send.id = 'send';
    row.append(prompt, input, send);
    const hint = el('p', 'hint');
    hint.id = 'command-hint';
    // The limits while typing (RFC 5321 §4.5.3.1): not announced, a glance for the eye.
    const limits = el('p', 'limits');
    limits.id = 'limits';
    limits.dataset.i18nAriaLabel = 'limits.label';
    const pasted = el('p', 'pasted');
    pasted.setAttribute('role', 'status');
    const suggestions = el('div', 'suggestions');
    suggestions.setAttribute('role', 'group');
    suggestions.dataset.i18nAriaLabel = 'suggestions';
    form.append(dataMode, inputLabel, row, limits, hint, pasted, suggestions);

    // Tools: a script run line by line, and the AUTH helper.
    const tools = el('div', 'tools');
    tools.setAttribute('part', 'tools');
    tools.dataset.panel = 'tools';
    // Each closed, its body built on first open (its code loads then).
    this.tools = {
      script: this.tool('script', 'scriptTitle'),
      share: this.tool('share', 'shareTitle'),
      auth: this.tool('auth', 'authTitle'),
    };
    tools.append(...Object.values(this.tools));
    this.toolsBox = tools;

    view.append(toolbar, state, head, this.transcript.node, message, form, tools);

    this.view = view;
    this.explanation = el('div', 'explanation-body');
    this.explanation.id = 'explanation-body';
    this.ui = {
      persona: persona.select,
      ending: ending.select,
      reset,
      stateName,
      stepper,
      why,
      allowed,
      showEol,
      copy,
      message,
      form,
      dataMode,
      input,
      send,
      hint,
      limits,
      pasted,
      suggestions,
    };
    this.wire();
  }

  /** A tool: a closed `<details>` with its summary; the body comes with the first open. */
  tool(name, title) {
    const details = el('details', `tool ${name}`);
    // The label key written whole, so a search (and labels.test) finds it.
    details.append(labelled('summary', title));
    details.addEventListener('toggle', () => details.open && this.openTools());
    return details;
  }

  /** The tools' bodies, built once (www/modes/client-tools.js); resolves when they are in. */
  openTools() {
    this.toolsReady ??= Promise.all([import('./client-tools.js'), loadToolLabels()]).then(([{ buildTools }]) => {
      buildTools(this, { full, isFull, button, el, SHARE_MAX, SHARE_WARN, importText, steps });
      applyLabels(this.toolsBox, this.ctx.t);
      this.renderAuth();
      this.renderScript();
    }, () => {
      // Not loaded (offline): the summary stays, and the next open tries again.
      this.toolsReady = null;
    });
    return this.toolsReady;
  }

  /** The AUTH helper's lines for its fields, once it is built. */
  renderAuth() {
    this.toolUi?.renderAuth();
  }

  /** The script box's position, once it is built. */
  renderScript() {
    this.toolUi?.renderScript();
  }

  /**
   * The message panel's parts and code (www/modes/client-message.js), once; they show the
   * message so far when they come (what was typed meanwhile is kept by noteData).
   */
  loadMessage() {
    this.messageReady ??= import('./client-message.js').then(({ buildMessage }) => {
      this.showMessage = buildMessage(this, { el, labelled, tokens });
      applyLabels(this.ui.message, this.ctx.t);
      if (this.session) this.updateMessage();
    }, () => {
      // Not loaded (offline): tried again on the next need.
      this.messageReady = null;
    });
    return this.messageReady;
  }

  /** Loads lines into the script box (an imported transcript's client lines), opened. */
  loadScript(lines) {
    this.script = { lines: [...lines], at: 0 };
    this.tools.script.open = true;
    return this.openTools().then(() => this.toolUi?.fillScript());
  }

  /** A line the learner entered, for ↑ and ↓ (an empty one or a repeat of the last is not kept). */
  remember(line) {
    if (line !== '' && this.history.at(-1) !== line) this.history.push(line);
    this.historyAt = this.history.length;
  }

  wire() {
    const { ui } = this;
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const line = ui.input.value;
      this.remember(line);
      this.draft = '';
      ui.input.value = '';
      this.send(line, 'learner');
    });
    ui.input.addEventListener('input', () => this.updateLimits());
    // The first key typed (or a chip pressed) is the earliest sign a reply is coming: its words
    // (the texts file) start loading then, so they are usually in when Enter is pressed.
    const want = () => {
      wantTexts();
      this.loadMessage();
      ui.form.removeEventListener('keydown', want);
      ui.form.removeEventListener('pointerdown', want);
    };
    ui.form.addEventListener('keydown', want);
    ui.form.addEventListener('pointerdown', want);
    ui.input.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      if (!this.history.length) return;
      e.preventDefault();
      if (this.historyAt === this.history.length) this.draft = ui.input.value;
      this.historyAt = Math.max(0, Math.min(this.history.length, this.historyAt + (e.key === 'ArrowUp' ? -1 : 1)));
      ui.input.value = this.historyAt === this.history.length ? this.draft : this.history[this.historyAt];
      ui.input.setSelectionRange(ui.input.value.length, ui.input.value.length);
    });
    // A paste of several lines: each whole line is sent as its own line; the rest stays typed.
    ui.input.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text') ?? '';
      if (!/[\r\n]/.test(text)) return;
      e.preventDefault();
      const { value, selectionStart: from, selectionEnd: to } = ui.input;
      const lines = (value.slice(0, from) + text + value.slice(to)).split(/\r\n|\r|\n/);
      ui.input.value = lines.pop();
      this.paste(lines);
      ui.pasted.textContent =
        lines.length === 1 ? this.ctx.t('paste.sentOne') : this.ctx.t('paste.sent', { n: lines.length });
    });
    ui.showEol.addEventListener('change', () => {
      this.transcript.showEol = ui.showEol.checked;
    });
    ui.copy.addEventListener('click', () => this.copy());
    ui.reset.addEventListener('click', () => {
      this.reset();
      this.focus();
    });
    ui.persona.addEventListener('change', () => this.ctx.setPersona(ui.persona.value));

  }

  /** Whole lines of a paste: each is sent as its own line. */
  paste(lines) {
    for (const line of lines) this.send(line, 'paste');
  }

  // ---- The session ----------------------------------------------------------------------

  /** A new session (persona from the element), greeting shown. */
  start() {
    this.session?.free();
    this.scanner?.free();
    this.scanner = null;
    this.storedMessage = null;
    this.session = serverSession({ persona: this.ctx.persona, hostname: HOSTNAME, language: this.ctx.lang });
    this.transcript.clear();
    this.pendingWarnings = [];
    this.ui.message.hidden = true;
    this.render(this.session.poll());
    this.ui.input.disabled = false;
    this.renderAuth();
    this.renderScript();
    for (const line of this.queued.splice(0)) this.send(...line);
  }

  reset() {
    // Before the engine is in there is no session to reset: the first one starts when it is.
    if (this.session) this.start();
  }

  setPersona(persona) {
    this.ui.persona.value = persona;
    if (this.session) this.start();
  }

  focus(options) {
    this.ui.input.focus(options);
  }

  /**
   * Sends one line as the client (`source`: learner, paste, script, import, api); returns the
   * replies it got. In DATA the line is message content; inside a BDAT chunk, chunk bytes. The
   * line ending is the one the learner chose, unless `ending` (an imported write's) says otherwise.
   */
  send(line, source = 'api', ending = null) {
    // The input takes commands while the engine loads (the element shows it before): each waits
    // for the session, after its greeting, in the order typed.
    if (!this.session) {
      this.queued.push([line, source, ending]);
      return [];
    }
    const t = this.ctx.t;
    try {
      if (this.session.closed) {
        this.transcript.notice(t('closedNotice'));
        return [];
      }
      const state = this.session.state();
      const inData = state === 'Data';
      // Inside a BDAT chunk every byte is content (RFC 3030 §2), so the line is shown as data.
      const inChunk = this.session.chunkRemaining() != null;
      ending ??= this.ui.ending.value === 'lf' ? '\n' : '\r\n';
      const bytes = utf8.encode(line + ending);
      // A line inside an AUTH exchange holds credentials: an export redacts it.
      this.transcript.client(line, { ending, data: inData || inChunk, auth: state === 'Auth' });
      if (inData) this.noteData(line, bytes);
      const exchange = this.session.send(bytes);
      const command = exchange.events.find((e) => e.type === 'command');
      this.ctx.emit('smtp-command', { line, verb: command?.verb ?? null, data: inData || inChunk, source });
      const replies = this.render(exchange);
      if (inData && line === '.' && this.session.state() === 'Data') this.transcript.notice(t('lfDotIgnored'));
      const left = this.session.chunkRemaining();
      if (left != null) this.transcript.notice(t(inChunk ? 'chunkLeft' : 'chunkOpen', { n: left }));
      return replies;
    } catch (e) {
      this.failed(e);
      return [];
    }
  }

  /** A message line on its way: as typed, as sent, and the preview of what is stored. */
  noteData(line, bytes) {
    // The preview shows what a strict server stores: the same scanner, dots unstuffed.
    this.dataLines += 1;
    this.scanner ??= dotScanner();
    this.typed = concat(this.typed, this.scanner.feed(bytes));
    this.typedLines.push(line);
    this.sentData = concat(this.sentData, bytes);
  }

  /**
   * A failure of the engine: a trap (the session is restored, without the line that trapped) or a
   * lost session. `key` words a trap for what was being done.
   */
  failed(e, key = 'engine.trapped') {
    if (!(e instanceof EngineError)) throw e;
    const t = this.ctx.t;
    if (e.kind === 'lost') {
      this.ctx.error('trap', t('engine.lost'));
      this.start();
      this.transcript.notice(t('engine.lost'), 'error');
      return;
    }
    this.ctx.error(e.kind === 'trap' ? 'trap' : e.kind, t(key));
    this.transcript.notice(t(key), 'error');
    this.updateState();
  }

  /** Renders an Exchange; returns its replies. */
  render(exchange) {
    const replies = [];
    for (const event of exchange.events) {
      switch (event.type) {
        case 'reply':
          replies.push(event.reply);
          this.addReply(event.reply);
          this.noteRefusal(event);
          break;
        case 'state':
          if (event.to === 'Data') {
            this.scanner?.free();
            this.scanner = dotScanner();
            this.typed = new Uint8Array(0);
            this.typedLines = [];
            this.sentData = new Uint8Array(0);
            this.dataLines = 0;
            this.storedMessage = null;
          }
          if (event.to === 'Auth') this.tools.auth.open = true;
          this.ctx.emit('smtp-state', { from: event.from, to: event.to });
          break;
        case 'message':
          this.storedMessage = event;
          this.ctx.emit('smtp-message', {
            id: event.id,
            from: event.reversePath,
            recipients: event.recipients,
            size: event.content.length,
            text: new TextDecoder().decode(event.content),
          });
          break;
        case 'warning':
          this.addWarning(event);
          break;
        default:
          break;
      }
    }
    this.updateState();
    this.updateMessage();
    return replies;
  }

  /**
   * Under the state diagram: why a command was just refused (a 4yz or 5yz), the catalogue's
   * sentence for that reply to that command in that state; cleared by the next reply that is not
   * a refusal.
   */
  noteRefusal(event) {
    const { why } = this.ui;
    const code = event.reply.code;
    this.refusal = null;
    if (code < 400 || !this.session) {
      why.hidden = true;
      why.textContent = '';
      return;
    }
    let text = '';
    try {
      const context = this.session.explain(event.reply.id).context;
      // Still on its way (engine.js "Texts"): written again by relabel() when it comes.
      text = context?.pending ? this.ctx.t('textsLoading') : context?.text ?? '';
      if (context?.pending) this.refusal = event;
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
    }
    why.textContent = this.ctx.t('refusedWhy', { what: event.answers, code, why: text });
    why.hidden = false;
  }

  addReply(reply) {
    let annotation = null;
    if (reply.code === 334) {
      const decoded = decodeChallenge(reply.lines[0] ?? '');
      if (decoded !== null) annotation = this.ctx.t('authDecoded', { text: decoded });
      this.tools.auth.open = true;
    }
    if (reply.code === 535) this.tools.auth.open = true;
    // Selecting the new reply explains it; that explanation is announced once.
    this.announceNext = true;
    this.transcript.reply(reply, { annotation });
    this.announceNext = false;
    this.ctx.emit('smtp-reply', {
      id: reply.id,
      code: reply.code,
      enhanced: reply.enhanced,
      lines: reply.lines,
      state: this.session.state(),
      source: 'server',
    });
  }

  /**
   * A server warning, explained by the catalogue in the element's language. One whose words are
   * still on their way (engine.js "Texts") shows a placeholder, and is written, and its
   * smtp-warning event sent, by relabel() when they come.
   */
  addWarning(event, li = null) {
    const w = this.ctx.catalogue.explainWarning(event.kind, this.ctx.lang);
    const facts = [w.rule];
    if (w.countLabel && event.count != null) facts.unshift(`${w.countLabel}: ${event.count}`);
    const shown = { title: w.title, text: w.pending ? this.ctx.t('textsLoading') : w.text, facts: facts.join(' · '), severity: w.severity };
    const entry = this.transcript.warning(shown);
    if (li) li.replaceWith(entry);
    if (w.pending) {
      this.pendingWarnings.push([event, entry]);
      return;
    }
    this.ctx.emit('smtp-warning', { kind: event.kind, count: event.count, title: w.title, text: w.text });
  }

  showExplanation(id = this.transcript.selected) {
    const t = this.ctx.t;
    if (id === null || !this.session) {
      this.explanation.replaceChildren(el('p', 'muted', t('noReplyYet')));
      return;
    }
    try {
      const explained = this.session.explain(id);
      renderExplanation(this.explanation, explained, this.ctx.catalogue.labels(this.ctx.lang), t, {
        brief: this.ctx.brief,
        onCompare: this.ctx.compare,
      });
      this.ctx.selected(explained, this.announceNext);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.explanation.replaceChildren(el('p', 'muted', t('engine.trappedExplain')));
      this.failed(e, 'engine.trappedExplain');
    }
  }

  updateState() {
    const t = this.ctx.t;
    const { ui } = this;
    const state = this.session.state();
    const closed = this.session.closed;
    // The words for where the session stands and what comes next are the catalogue's.
    const guide = this.session.guide();
    ui.stateName.textContent = guide.stage;
    ui.stateName.dataset.state = state;
    const at = STEPS.indexOf(STEP_OF[state] ?? state);
    ui.stepper.replaceChildren(
      ...STEPS.map((step, i) => el('li', i < at ? 'done' : i === at ? 'current' : '', t(`steps.${step}`))),
    );
    const allowed = guide.allowed;
    ui.allowed.replaceChildren(
      ...(allowed.length
        ? allowed.map((a) => (a.literal ? el('code', 'cmd', a.text) : el('span', 'cmd-words', a.text)))
        : [el('span', 'muted', t('none'))]),
    );
    const inData = state === 'Data';
    ui.dataMode.hidden = !inData;
    ui.form.classList.toggle('in-data', inData);
    ui.hint.textContent = closed ? guide.hint : `${guide.hint} ${t('historyHint')}`;
    ui.reset.classList.toggle('attention', closed);
    this.updateSuggestions(state, guide);
    this.updateLimits();
  }

  /**
   * The counters under the input: the line being typed against 512 octets (a command) or 1000
   * (a message line), an address's local part and domain against 64 and 255, the recipients
   * against the server's limit, the message so far against its SIZE. The numbers are the
   * session's own (limits()); a counter past its limit is marked.
   */
  updateLimits() {
    const { ui } = this;
    let l = null;
    try {
      l = this.session && !this.session.closed ? this.session.limits() : null;
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
    }
    if (!l) {
      ui.limits.replaceChildren();
      return;
    }
    const t = this.ctx.t;
    const state = this.session.state();
    const items = [];
    const counter = (name, n, max) => {
      const span = el('span', n > max ? 'limit over' : 'limit', t(`limits.${name}`, { n, max }));
      span.dataset.limit = name;
      items.push(span);
    };
    const line = utf8.encode(ui.input.value).length + 2;
    if (state === 'Data') {
      counter('textLine', line, l.textLine);
      counter('size', this.typed.length, l.size);
    } else {
      counter('commandLine', line, l.commandLine);
      const path = /^\s*(?:MAIL\s+FROM|RCPT\s+TO)\s*:\s*<([^>]*)/i.exec(ui.input.value);
      if (path) {
        const at = path[1].lastIndexOf('@');
        counter('localPart', utf8.encode(at < 0 ? path[1] : path[1].slice(0, at)).length, l.localPart);
        if (at >= 0) counter('domain', utf8.encode(path[1].slice(at + 1)).length, l.domain);
      }
      if (state === 'Mail' || state === 'Rcpt') counter('recipients', l.recipientsNow, l.recipients);
    }
    ui.limits.replaceChildren(...items);
  }

  updateSuggestions(state, guide) {
    const t = this.ctx.t;
    const sample = t('sampleBody');
    const ideas =
      {
        Connected: ['EHLO client.example', 'HELO client.example'],
        Ready: ['MAIL FROM:<alice@example.org>', 'HELP'],
        Mail: ['RCPT TO:<bob@example.net>'],
        Rcpt: ['DATA', 'RCPT TO:<carol@example.net>'],
        Data: this.dataLines < sample.length ? [sample[this.dataLines], '.'] : ['.'],
        Closed: [],
      }[state] ?? [];
    // QUIT wherever the server takes it next (not inside an open chunk, not in DATA or AUTH).
    if (guide.allowed.some(({ input }) => input.type === 'Command' && input.value === 'QUIT')) ideas.push('QUIT');
    const chips = ideas.map((idea) => {
      const b = button('chip', idea === '' ? '⏎' : idea);
      b.addEventListener('click', () => {
        this.ui.input.value = idea;
        this.ui.input.focus();
      });
      return b;
    });
    this.ui.suggestions.replaceChildren(...(chips.length ? [el('span', 'muted', t('tryThis')), ...chips] : []));
  }

  /** The message panel, from the first DATA on (its code loads then, if no key loaded it before). */
  updateMessage() {
    if (this.showMessage) this.showMessage();
    else if (this.session.state() === 'Data' || this.storedMessage) this.loadMessage();
  }

  async copy() {
    const lines = this.transcript.lines();
    const t = this.ctx.t;
    try {
      await navigator.clipboard.writeText(this.ctx.exportText(lines));
      this.ui.pasted.textContent = t('export.copied', { n: lines.length });
    } catch {
      this.ui.pasted.textContent = t('export.failed');
    }
  }

  /** Everything in the element's language again; the session carries on. */
  relabel() {
    const t = this.ctx.t;
    applyLabels(this.view, t);
    if (this.session) {
      this.session.language = this.ctx.lang;
      this.updateState();
      this.updateMessage();
    }
    this.renderAuth();
    this.renderScript();
    this.showExplanation();
    if (this.refusal) this.noteRefusal(this.refusal);
    const waiting = this.pendingWarnings.splice(0);
    for (const [event, li] of waiting) this.addWarning(event, li);
  }
}
