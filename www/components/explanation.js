// Renders catalogue entries: the explanation of one reply of a session, and the same full entry
// wherever a code is shown (the element's Explanation, the page's Reference and Explain a real
// reply). The words come from the Rust catalogue through the engine, with the catalogue's own
// headings (`labels`, camelCase) and the page's words (`t`); this module only lays them out.

import { button, el, rfcLink } from '../dom.js';

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
  head.setAttribute('part', 'reply-code');
  const big = el('p', 'code-big');
  big.setAttribute('aria-label', String(code));
  for (const d of String(code)) big.append(el('span', 'digit', d));
  head.append(big);
  const titles = el('div', 'code-titles');
  // In a view with its own heading, the code's name is that view's next heading level.
  titles.append(el(headingLevel ?? 'p', 'code-name', entry?.name ?? t('noEntry')));
  if (entry) titles.append(el('p', 'code-class', `${entry.class.name} · ${entry.category.name}`));
  head.append(titles);
  return head;
}

/** The placeholder shown where a text still on its way will go (engine.js "Texts"). */
const loading = (t) => el('p', 'muted placeholder texts-pending', t('textsLoading'));

/** The enhanced status code, part by part (a detail still on its way says so). */
export function enhancedParts(enhanced, labels, t, cls) {
  const part = (p, label) => ({ value: p.value, label, name: p.name, meaning: p.meaning || (enhanced.pending ? t('textsLoading') : '') });
  const rows = [{ ...part(enhanced.class, labels.class), cls: enhanced.class.value }, part(enhanced.subject, labels.subject)];
  if (enhanced.detail) rows.push(part(enhanced.detail, labels.detail));
  const out = [el('h3', null, `${t('enhancedCode')} ${enhanced.text}`), parts(rows, `c${cls}`)];
  if (!enhanced.registered) out.push(el('p', 'muted small', `${enhanced.text}: ${labels.unregistered}`));
  const rfc = el('p', 'rfc small');
  rfc.append(el('span', 'rfc-label', `${labels.rfc}: `), rfcLink(enhanced.rfc));
  out.push(rfc);
  return out;
}

function chips(items, className = 'cmd') {
  const p = el('p', 'chips');
  for (const item of items) p.append(el('code', className, item));
  return p;
}

/**
 * The full entry of a code, after its head: the digits, description, when you see it, what the
 * client does next, how to fix it, the codes it is confused with (each a button that calls
 * `onCompare(a, b)`), the commands that get it, enhanced codes sent with it, the RFC sections and
 * real servers' wordings. `enhanced` (optional) is the reply's own enhanced code.
 */
export function entryBody(entry, labels, t, { enhanced = null, onCompare = null } = {}) {
  const cls = Math.floor(entry.code / 100);
  const out = [];
  const digit = (d, label) => ({ value: d.digit, pattern: d.pattern, label, name: d.name, meaning: d.meaning });
  out.push(el('h3', null, t('codeDigits')));
  out.push(parts([digit(entry.class, labels.class), digit(entry.category, labels.category)], `c${cls}`));
  if (enhanced) out.push(...enhancedParts(enhanced, labels, t, cls));

  out.push(...section(labels.description, entry.description));
  // The long texts still on their way (engine.js "Texts"): the page renders again when they come.
  if (entry.pending) out.push(loading(t));
  out.push(...section(labels.when, entry.when));
  out.push(...section(labels.next, entry.next));
  out.push(...section(labels.fix, entry.fix));

  if (entry.confusions.length) {
    out.push(el('h3', null, labels.confusions));
    const ul = el('ul', 'confusions');
    for (const c of entry.confusions) {
      const li = el('li', null);
      const b = button(`confusion c${Math.floor(c.code / 100)}`);
      b.append(el('span', 'code-chip', String(c.code)), ' ', el('span', 'confusion-name', c.name));
      if (onCompare) {
        b.append(el('span', 'compare-cue', t('compareCue', { a: entry.code, b: c.code })));
        b.addEventListener('click', () => onCompare(entry.code, c.code));
      } else {
        b.disabled = true;
      }
      li.append(b, el('p', 'confusion-why', c.why));
      ul.append(li);
    }
    out.push(ul);
  }

  if (entry.producedBy.length) out.push(el('h3', null, labels.producedBy), chips(entry.producedBy));
  if (entry.enhanced.length) out.push(el('h3', null, labels.enhanced), chips(entry.enhanced, 'cmd enh'));

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
  box.append(el('p', 'context-label', label), typeof text === 'string' ? el('p', 'context-text', text) : text);
  return box;
}

/**
 * Fills `container` with `explanation` (a session's explain(id)). `brief` keeps the head, the
 * sentence in context, the reply and its description in view and folds the rest (compact layout).
 */
export function renderExplanation(container, explanation, labels, t, { brief = false, onCompare = null, before = [] } = {}) {
  const { reply, entry, enhanced, context } = explanation;
  const cls = Math.floor(reply.code / 100);
  const out = [...before, codeHead(reply.code, entry, t)];
  if (context?.specific) out.push(contextBox(labels.inContext, context.pending ? loading(t) : context.text));
  out.push(el('pre', 'quote', reply.wire.replace(/\r\n$/, '')));

  let body = [];
  if (entry) body = entryBody(entry, labels, t, { enhanced, onCompare });
  else if (enhanced) body = enhancedParts(enhanced, labels, t, cls);
  if (brief && body.length) {
    if (entry && !context?.specific) out.push(entry.pending ? loading(t) : el('p', 'brief-description', entry.description));
    const more = el('details', 'more');
    more.append(el('summary', null, t('more')), ...body);
    out.push(more);
  } else {
    out.push(...body);
  }
  container.replaceChildren(...out);
}
