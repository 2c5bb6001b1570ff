// The page: owns the DOM, events and history; the wasm module owns the protocol. Everything
// that comes from the user or the server is written with textContent, never parsed as HTML.

import { ServerSession, DotScanner, catalogLabels } from './pkg/smtp_sim.js';
import { initialLanguage, language, setLanguage, t } from './i18n.js';
import { el, renderExplanation, warningItem } from './explain.js';
import { startCatalog } from './catalog.js';

const STEPS = ['Connected', 'Ready', 'Mail', 'Rcpt', 'Data', 'Closed'];
// Where states off the main path sit on the stepper.
const STEP_OF = { Auth: 'Ready', Bdat: 'Data' };
const HOSTNAME = 'mx.example.test';

const $ = (id) => document.getElementById(id);

/** Shows CR and LF as visible symbols, for the line-endings view. */
function eol(text) {
  return el('span', 'eol', text.replaceAll('\r', '␍').replaceAll('\n', '␊'));
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function start() {
  const ui = {
    app: $('app'),
    language: $('language'),
    persona: $('persona'),
    lineEnding: $('line-ending'),
    reset: $('reset'),
    showEol: $('show-eol'),
    transcript: $('transcript'),
    form: $('command-form'),
    input: $('command'),
    hint: $('command-hint'),
    dataMode: $('data-mode'),
    suggestions: $('suggestions'),
    stateName: $('state-name'),
    stepper: $('stepper'),
    allowed: $('allowed'),
    explanation: $('explanation-body'),
    messagePanel: $('message-panel'),
    messageTitle: $('message-title'),
    messageSize: $('message-size'),
    messageBody: $('message-body'),
  };

  let session = null;
  /** Reply id → { reply, button } for every reply in the transcript. */
  let replies = new Map();
  let selected = null;
  let scanner = null;
  /** The unstuffed message typed so far in DATA. */
  let typed = new Uint8Array(0);
  let storedMessage = null;
  let dataLines = 0;
  const history = [];
  let historyAt = 0;
  let draft = '';

  const lang = setLanguage(initialLanguage());
  ui.language.value = lang;

  function newSession() {
    session?.free();
    scanner?.free();
    scanner = null;
    storedMessage = null;
    session = new ServerSession({ persona: ui.persona.value, hostname: HOSTNAME, language: language() });
    replies = new Map();
    selected = null;
    ui.transcript.replaceChildren();
    ui.messagePanel.hidden = true;
    render(session.poll());
  }

  function send(line) {
    if (session.closed) {
      addNotice(t('closedNotice'));
      return;
    }
    const inData = session.state() === 'Data';
    // Inside a BDAT chunk every byte is content (RFC 3030 §2), so the line is shown as data.
    const inChunk = session.chunkRemaining() != null;
    const ending = ui.lineEnding.value === 'lf' ? '\n' : '\r\n';
    const bytes = new TextEncoder().encode(line + ending);
    addClientLine(line, ending, inData || inChunk);
    if (inData) {
      // The preview shows what a strict server stores: the same scanner, dots unstuffed.
      dataLines += 1;
      scanner ??= new DotScanner();
      scanner.feed(bytes);
      typed = concat(typed, scanner.takeMessage());
    }
    render(session.sendBytes(bytes));
    if (inData && line === '.' && session.state() === 'Data') addNotice(t('lfDotIgnored'));
    const left = session.chunkRemaining();
    if (left != null) addNotice(t(inChunk ? 'chunkLeft' : 'chunkOpen', { n: left }));
  }

  function render(exchange) {
    for (const event of exchange.events) {
      switch (event.type) {
        case 'Reply':
          addReply(event.id, event.reply);
          break;
        case 'StateChanged':
          if (event.to === 'Data') {
            scanner?.free();
            scanner = new DotScanner();
            typed = new Uint8Array(0);
            dataLines = 0;
            storedMessage = null;
          }
          break;
        case 'MessageReceived':
          storedMessage = event;
          break;
        case 'Warning':
          ui.transcript.append(warningItem(event, language()));
          follow();
          break;
        default:
          break;
      }
    }
    updateState();
    updateMessage();
  }

  /** Keeps the newest line in view inside the transcript, without scrolling the page. */
  function follow() {
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
  }

  function addClientLine(line, ending, inData) {
    const li = el('li', inData ? 'entry client data' : 'entry client');
    li.append(el('span', 'who', 'C:'), el('span', 'text', line), eol(ending));
    ui.transcript.append(li);
    follow();
  }

  function addNotice(text) {
    const li = el('li', 'entry notice', text);
    ui.transcript.append(li);
    follow();
  }

  function addReply(id, reply) {
    const li = el('li', `entry server c${Math.floor(reply.code / 100)}`);
    const button = el('button', 'reply');
    button.type = 'button';
    button.tabIndex = -1;
    button.dataset.id = String(id);
    button.setAttribute('aria-pressed', 'false');
    const wireLines = reply.wire.split('\r\n').slice(0, -1);
    wireLines.forEach((text, i) => {
      const row = el('span', 'wire-line');
      if (i === 0) row.append(el('span', 'who', 'S:'));
      else row.append(el('span', 'who', '  '));
      row.append(el('span', 'text', text), eol('\r\n'));
      button.append(row);
    });
    li.append(button);
    ui.transcript.append(li);
    replies.set(id, { reply, button });
    select(id);
    follow();
  }

  // One tab stop for the whole transcript (the selected reply); ↑/↓/Home/End move between
  // replies, so keyboard users do not tab through every line.
  function select(id, focus = false) {
    const previous = replies.get(selected)?.button;
    if (previous) {
      previous.setAttribute('aria-pressed', 'false');
      previous.tabIndex = -1;
    }
    selected = id;
    const entry = replies.get(id);
    if (!entry) return;
    entry.button.setAttribute('aria-pressed', 'true');
    entry.button.tabIndex = 0;
    if (focus) entry.button.focus();
    showExplanation();
  }

  function showExplanation() {
    const entry = replies.get(selected);
    if (!entry) {
      ui.explanation.replaceChildren(el('p', 'muted', t('noReplyYet')));
      return;
    }
    renderExplanation(ui.explanation, session.explain(selected), catalogLabels(language()), t);
    // The Compare view defaults to the last two codes the learner looked at.
    document.dispatchEvent(new CustomEvent('smtp-sim:seen', { detail: { code: entry.reply.code } }));
  }

  function updateState() {
    const state = session.state();
    ui.stateName.textContent = t(`states.${state}`);
    ui.stateName.dataset.state = state;
    const at = STEPS.indexOf(STEP_OF[state] ?? state);
    ui.stepper.replaceChildren(
      ...STEPS.map((step, i) => {
        const li = el('li', i < at ? 'done' : i === at ? 'current' : '', t(`steps.${step}`));
        return li;
      }),
    );
    const allowed = session.allowedCommands();
    ui.allowed.replaceChildren(
      ...(allowed.length ? allowed.map((c) => el('code', 'cmd', c)) : [el('span', 'muted', t('none'))]),
    );
    const inData = state === 'Data';
    ui.dataMode.hidden = !inData;
    ui.form.classList.toggle('in-data', inData);
    ui.hint.textContent = session.closed ? t('next.Closed') : `${t(`next.${state}`)} ${t('historyHint')}`;
    ui.reset.classList.toggle('attention', session.closed);
    updateSuggestions(state);
  }

  function updateSuggestions(state) {
    const sample = t('sampleBody');
    const ideas = {
      Connected: ['EHLO client.example', 'HELO client.example'],
      Ready: ['MAIL FROM:<alice@example.org>', 'HELP'],
      Mail: ['RCPT TO:<bob@example.net>'],
      Rcpt: ['DATA', 'RCPT TO:<carol@example.net>'],
      Data: dataLines < sample.length ? [sample[dataLines], '.'] : ['.'],
      Closed: [],
    }[state] ?? [];
    // QUIT where the core allows it, and not inside an open BDAT chunk (those bytes are content).
    if (session.allowedCommands().includes('QUIT') && session.chunkRemaining() == null) ideas.push('QUIT');
    const chips = ideas.map((idea) => {
      const b = el('button', 'chip', idea === '' ? '⏎' : idea);
      b.type = 'button';
      b.addEventListener('click', () => {
        ui.input.value = idea;
        ui.input.focus();
      });
      return b;
    });
    ui.suggestions.replaceChildren(...(chips.length ? [el('span', 'muted', t('tryThis')), ...chips] : []));
  }

  function updateMessage() {
    const decoder = new TextDecoder();
    if (session.state() === 'Data') {
      ui.messagePanel.hidden = false;
      ui.messageTitle.textContent = t('messageTyping');
      ui.messageSize.textContent = t('bytes', { n: typed.length });
      ui.messageBody.textContent = decoder.decode(typed);
    } else if (storedMessage) {
      ui.messagePanel.hidden = false;
      ui.messageTitle.textContent = t('messageStored');
      ui.messageSize.textContent = t('bytes', { n: storedMessage.content.length });
      ui.messageBody.textContent = decoder.decode(storedMessage.content);
    } else {
      ui.messagePanel.hidden = true;
      ui.messageBody.textContent = '';
    }
  }

  // Events.
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const line = ui.input.value;
    if (line !== '' && history.at(-1) !== line) history.push(line);
    historyAt = history.length;
    draft = '';
    ui.input.value = '';
    send(line);
  });

  ui.input.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    if (!history.length) return;
    e.preventDefault();
    if (historyAt === history.length) draft = ui.input.value;
    historyAt = Math.max(0, Math.min(history.length, historyAt + (e.key === 'ArrowUp' ? -1 : 1)));
    ui.input.value = historyAt === history.length ? draft : history[historyAt];
    ui.input.setSelectionRange(ui.input.value.length, ui.input.value.length);
  });

  ui.transcript.addEventListener('click', (e) => {
    const button = e.target.closest('button.reply');
    if (button) select(Number(button.dataset.id));
  });

  ui.transcript.addEventListener('keydown', (e) => {
    if (!e.target.closest('button.reply') || replies.size === 0) return;
    const ids = [...replies.keys()];
    const at = ids.indexOf(selected);
    const to = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: ids.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(ids[Math.max(0, Math.min(ids.length - 1, to))], true);
  });

  ui.showEol.addEventListener('change', () => {
    ui.transcript.classList.toggle('show-eol', ui.showEol.checked);
  });

  ui.reset.addEventListener('click', () => {
    newSession();
    ui.input.focus();
  });

  ui.persona.addEventListener('change', () => newSession());

  ui.language.addEventListener('change', () => {
    const lang = setLanguage(ui.language.value);
    session.language = lang;
    updateState();
    updateMessage();
    showExplanation();
  });

  startCatalog();
  newSession();
  ui.input.disabled = false;
  ui.app.setAttribute('aria-busy', 'false');
}
