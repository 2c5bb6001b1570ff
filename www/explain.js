// Renders catalogue entries: the explanation of one reply of the session, and the same full
// entry wherever the page shows a code (Reference, Explain a real reply). The words come from the
// Rust catalogue through the wasm module (see pkg/smtp_sim.d.ts) with the catalogue's own
// headings; this module only lays them out, as text.

import { explainWarning } from './pkg/smtp_sim.js';

/** Creates an element with a class and text (as text, always). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** A row of chips under a translated label: [the label, the group it names]. */
export function labelledChips(id, key, t) {
  const label = el('span', 'pairs-label', t(key));
  label.id = id;
  label.dataset.i18n = key;
  const group = el('div', 'pairs');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', id);
  return [label, group];
}

/** "RFC 5321 §4.2.2" → a link to that section at the RFC Editor (opened only when clicked). */
export function rfcLink(ref) {
  const m = /^RFC\s*(\d+)(?:\s*§\s*([\d.]*\d))?/.exec(ref);
  if (!m) return el('span', null, ref);
  const a = el('a', null, ref);
  a.href = `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}

function section(title, text, level = 'h3') {
  if (!text) return [];
  return [el(level, null, title), el('p', null, text)];
}

/** A definition list of explained parts: the value in a box, then its name and meaning. */
function parts(rows, className) {
  const dl = el('dl', `parts ${className}`);
  for (const { value, pattern, label, name, meaning, cls } of rows) {
    // A part may carry its own class colour (an enhanced class that disagrees with the reply).
    const dt = el('dt', cls ? `c${cls}` : null);
    dt.append(el('span', 'digit', String(value)));
    if (pattern) dt.append(el('span', 'pattern', pattern));
    const dd = el('dd', null);
    const head = el('p', 'part-name');
    if (label) head.append(el('span', 'part-label', `${label} · `));
    head.append(name);
    dd.append(head, el('p', 'part-meaning', meaning));
    dl.append(dt, dd);
  }
  return dl;
}

/** The code in big digits with its name and class, coloured by class. */
export function codeHead(code, entry, t, headingLevel) {
  const cls = Math.floor(code / 100);
  const head = el('div', `code-head c${cls}`);
  const big = el('p', 'code-big');
  big.setAttribute('aria-label', String(code));
  for (const d of String(code)) big.append(el('span', 'digit', d));
  head.append(big);
  const titles = el('div', 'code-titles');
  // In a view with its own heading, the code's name is that view's next heading level.
  const name = el(headingLevel ?? 'p', 'code-name', entry?.name ?? t('noEntry'));
  titles.append(name);
  if (entry) titles.append(el('p', 'code-class', `${entry.class.name} · ${entry.category.name}`));
  head.append(titles);
  return head;
}

/** The enhanced status code, part by part. */
export function enhancedParts(enhanced, labels, t, cls) {
  const part = (p, label) => ({ value: p.value, label, name: p.name, meaning: p.meaning });
  const rows = [{ ...part(enhanced.class, labels.class), cls: enhanced.class.value }, part(enhanced.subject, labels.subject)];
  if (enhanced.detail) rows.push(part(enhanced.detail, labels.detail));
  const out = [el('h3', null, `${t('enhancedCode')} ${enhanced.text}`), parts(rows, `c${cls}`)];
  if (!enhanced.registered) out.push(el('p', 'muted small', `${enhanced.text}: ${labels.unregistered}`));
  const rfc = el('p', 'rfc small');
  rfc.append(el('span', 'rfc-label', `${labels.rfc}: `), rfcLink(enhanced.rfc));
  out.push(rfc);
  return out;
}

/** Asks the page to open the Compare view on two codes. */
export function openCompare(a, b) {
  document.dispatchEvent(new CustomEvent('smtp-sim:compare', { detail: { a, b } }));
}

function chips(items, className = 'cmd') {
  const p = el('p', 'chips');
  for (const item of items) p.append(el('code', className, item));
  return p;
}

/**
 * The full entry of a code, after its head: the digits, description, when you see it, what
 * the client does next, how to fix it, the codes it is confused with (each a button that
 * opens the Compare view), the commands that get it, enhanced codes sent with it, the RFC
 * sections and real servers' wordings. `enhanced` (optional) is the reply's own enhanced code.
 */
export function entryBody(entry, labels, t, enhanced = null) {
  const cls = Math.floor(entry.code / 100);
  const out = [];
  const digit = (d, label) => ({ value: d.digit, pattern: d.pattern, label, name: d.name, meaning: d.meaning });
  out.push(el('h3', null, t('codeDigits')));
  out.push(parts([digit(entry.class, labels.class), digit(entry.category, labels.category)], `c${cls}`));
  if (enhanced) out.push(...enhancedParts(enhanced, labels, t, cls));

  out.push(...section(labels.description, entry.description));
  out.push(...section(labels.when, entry.when));
  out.push(...section(labels.next, entry.next));
  out.push(...section(labels.fix, entry.fix));

  if (entry.confusions.length) {
    out.push(el('h3', null, labels.confusions));
    const ul = el('ul', 'confusions');
    for (const c of entry.confusions) {
      const li = el('li', null);
      const button = el('button', `confusion c${Math.floor(c.code / 100)}`);
      button.type = 'button';
      button.append(el('span', 'code-chip', String(c.code)), ' ', el('span', 'confusion-name', c.name));
      button.append(el('span', 'compare-cue', t('compareCue', { a: entry.code, b: c.code })));
      button.addEventListener('click', () => openCompare(entry.code, c.code));
      li.append(button, el('p', 'confusion-why', c.why));
      ul.append(li);
    }
    out.push(ul);
  }

  if (entry.producedBy.length) {
    out.push(el('h3', null, labels.producedBy), chips(entry.producedBy));
  }
  if (entry.enhanced.length) {
    out.push(el('h3', null, labels.enhanced), chips(entry.enhanced, 'cmd enh'));
  }

  if (entry.rfc.length) {
    const p = el('p', 'rfc');
    p.append(el('span', 'rfc-label', `${labels.rfc}: `));
    entry.rfc.forEach((ref, i) => {
      if (i) p.append(', ');
      p.append(rfcLink(ref));
    });
    out.push(p);
  }

  if (entry.inTheWild.length) {
    out.push(el('h3', null, labels.inTheWild));
    const ul = el('ul', 'wild');
    for (const w of entry.inTheWild) {
      const li = el('li', null);
      li.append(el('span', 'wild-server', w.server), el('code', null, w.reply));
      ul.append(li);
    }
    out.push(ul);
  }
  return out;
}

/** The sentence that says what the reply means here, set apart as the first thing to read. */
export function contextBox(label, text) {
  const box = el('div', 'context');
  box.append(el('p', 'context-label', label), el('p', 'context-text', text));
  return box;
}

/**
 * Fills `container` with `explanation` (from ServerSession.explain), using the catalogue's
 * headings `labels` and the page's own words `t`.
 */
export function renderExplanation(container, explanation, labels, t) {
  const { reply, entry, enhanced, context } = explanation;
  const cls = Math.floor(reply.code / 100);
  const out = [codeHead(reply.code, entry, t)];

  if (context?.specific) out.push(contextBox(labels.inContext, context.text));

  const quote = el('pre', 'quote');
  quote.textContent = reply.wire.replace(/\r\n$/, '');
  out.push(quote);

  if (entry) {
    out.push(...entryBody(entry, labels, t, enhanced));
  } else if (enhanced) {
    out.push(...enhancedParts(enhanced, labels, t, cls));
  }
  container.replaceChildren(...out);
}

/**
 * A server warning (a "Warning" event: its kind and count) as a transcript line, in the words the
 * catalogue has for it in `language`: title, text, what it counted and the rule.
 */
export function warningItem(event, language) {
  const w = explainWarning(event.kind, language);
  const li = el('li', `entry notice warning ${w.severity === 'Rule' ? 'rule' : 'note'}`);
  li.append(el('strong', 'notice-title', w.title), ' ', el('span', null, w.text));
  const facts = [w.rule];
  if (w.countLabel && event.count != null) facts.unshift(`${w.countLabel}: ${event.count}`);
  li.append(' ', el('span', 'notice-facts', `(${facts.join(' · ')})`));
  return li;
}
