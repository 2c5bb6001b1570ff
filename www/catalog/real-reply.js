// The "Explain a real reply" tab: paste a reply (or a log line holding one) from another server,
// optionally say which command it answered, and read it parsed, checked and explained. All of it
// is written as text: a pasted reply is data, never markup.

import { EngineError, catalogue, full, isFull } from '../engine.js';
import { button, el, labelledChips } from '../dom.js';
import { codeHead, contextBox, enhancedParts, entryBody } from '../components/explanation.js';

/** Replies as servers really send them (host names and addresses replaced by examples). */
const EXAMPLES = [
  {
    key: 'realExampleGmail',
    command: 'RCPT',
    text:
      '550-5.1.1 The email account that you tried to reach does not exist. Please try\n' +
      "550-5.1.1 double-checking the recipient's email address for typos or\n" +
      '550-5.1.1 unnecessary spaces. For more information, go to\n' +
      '550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123456wrj.238 - gsmtp',
  },
  {
    key: 'realExampleGreylist',
    command: 'RCPT',
    text: '450 4.2.0 <bob@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html',
  },
  {
    key: 'realExampleMismatch',
    command: '',
    text: '550 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.25]',
  },
  {
    key: 'realExampleLog',
    command: '',
    text:
      'postfix/smtp[4242]: 3F1A2B: to=<bob@example.net>, relay=mx.example.net[192.0.2.7]:25, dsn=5.7.1, ' +
      'status=bounced (host mx.example.net[192.0.2.7] said: 554 5.7.1 <bob@example.net>: Relay access denied ' +
      '(in reply to RCPT TO command))',
  },
];

/** `app` gives the page's translator and language; `onCompare(a, b)` opens Compare. */
export function startRealReply(panel, app, onCompare) {
  const t = (...args) => app.t(...args);
  const form = el('form', 'real-form');
  form.autocomplete = 'off';
  const intro = el('p', 'muted', t('realIntro'));
  intro.dataset.i18n = 'realIntro';

  const textLabel = el('label', null, t('realLabel'));
  textLabel.htmlFor = 'real-text';
  textLabel.dataset.i18n = 'realLabel';
  const text = el('textarea', 'real-text');
  text.id = 'real-text';
  text.rows = 5;
  text.spellcheck = false;
  text.setAttribute('autocapitalize', 'off');

  const commandLabel = el('label', null, t('realCommand'));
  commandLabel.htmlFor = 'real-command';
  commandLabel.dataset.i18n = 'realCommand';
  const command = el('select', null);
  command.id = 'real-command';
  const commandField = el('div', 'field');
  commandField.append(commandLabel, command);
  const submit = el('button', null, t('realExplain'));
  submit.type = 'submit';
  submit.dataset.i18n = 'realExplain';
  const row = el('div', 'real-row');
  row.append(commandField, submit);

  const [examplesLabel, examples] = labelledChips('real-examples-label', 'realExamples', t);
  for (const ex of EXAMPLES) {
    const chip = button('chip example', t(ex.key));
    chip.dataset.i18n = ex.key;
    chip.addEventListener('click', () => {
      text.value = ex.text;
      command.value = ex.command;
      explain();
    });
    examples.append(chip);
  }
  const examplesRow = el('div', 'pairs-row');
  examplesRow.append(examplesLabel, examples);

  const field = el('div', 'field real-field');
  field.append(textLabel, text);
  form.append(intro, field, row, examplesRow);

  const status = el('p', 'visually-hidden');
  status.setAttribute('role', 'status');
  const result = el('article', 'real-result');
  result.setAttribute('aria-label', t('modeReal'));
  panel.append(form, status, result);

  function fillCommands() {
    const value = command.value;
    // What a reply can answer, named and worded by the catalogue; "not known" is the page's.
    const choices = [{ prompt: '', label: t('realCommandUnknown') }, ...catalogue.promptLabels(app.lang)];
    command.replaceChildren(...choices.map(({ prompt, label }) => {
      const option = el('option', null, label);
      option.value = prompt;
      return option;
    }));
    command.value = value;
  }

  function explain(announce = true) {
    const lang = app.lang;
    const labels = catalogue.labels(lang);
    if (!text.value.trim()) {
      result.replaceChildren(el('p', 'muted placeholder', t('realEmpty')));
      return;
    }
    // The readers of pasted logs are in the full module: load it (once), then explain.
    if (!isFull()) {
      result.replaceChildren(el('p', 'muted placeholder', t('loading')));
      full().then(
        () => explain(announce),
        () => {
          const p = el('p', 'real-error', t('loadFailed'));
          p.setAttribute('role', 'alert');
          result.replaceChildren(p);
        },
      );
      return;
    }
    let r;
    try {
      r = catalogue.explainReply(text.value, command.value || null, lang);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      // The catalogue says, in the page's language, why nothing could be read (a trap: that it
      // failed and was restarted).
      const p = el('p', 'real-error', e.kind === 'invalid' ? e.message : t('engine.trapped'));
      p.setAttribute('role', 'alert');
      result.replaceChildren(p);
      return;
    }
    const cls = Math.floor(r.code / 100);
    const out = [codeHead(r.code, r.entry, t, 'h3')];
    if (r.context?.specific) out.push(contextBox(t('realInReplyTo', { cmd: r.command }), r.context.text));

    out.push(el('h3', null, t('realParsed')));
    const facts = el('dl', 'real-facts');
    const fact = (name, value, className) => {
      facts.append(el('dt', null, name));
      facts.append(el('dd', className, value));
    };
    fact(t('realCode'), String(r.code), `code-chip c${cls}`);
    fact(t('realEnhanced'), r.enhanced ?? t('realNone'), r.enhanced ? `code-chip c${cls}` : 'muted');
    if (r.command) fact(t('realAnswers'), r.command, 'cmd-text');
    out.push(facts);
    out.push(el('h4', 'sub', labels.replyText));
    const lines = el('ol', 'real-lines');
    for (const line of r.lines) lines.append(el('li', null, line === '' ? '␣' : line));
    out.push(lines);

    out.push(el('h3', null, labels.warnings));
    if (r.warnings.length) {
      const ul = el('ul', 'real-warnings');
      for (const w of r.warnings) {
        const li = el('li', w.severity === 'Rule' ? 'rule' : 'note');
        const badge = el('span', 'badge', t(w.severity === 'Rule' ? 'realRule' : 'realNote'));
        const where = w.line ? ` · ${t('realLine', { n: w.line })}` : '';
        li.append(badge, el('p', null, w.text), el('p', 'warning-rule', `${w.rule}${where}`));
        ul.append(li);
      }
      out.push(ul);
    } else {
      out.push(el('p', 'real-clean', t('realClean')));
    }

    if (r.entry) out.push(...entryBody(r.entry, labels, t, { enhanced: r.enhancedEntry, onCompare }));
    else if (r.enhancedEntry) out.push(...enhancedParts(r.enhancedEntry, labels, t, cls));
    result.replaceChildren(...out);
    if (announce) status.textContent = t('realStatus', { code: r.code, n: r.warnings.length });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    explain();
  });
  // Ctrl+Enter in the text area explains, as Enter alone starts a new line of the reply.
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      explain();
    }
  });

  return {
    relabel() {
      fillCommands();
      result.setAttribute('aria-label', t('modeReal'));
      explain(false);
    },
  };
}
