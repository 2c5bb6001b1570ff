// Renders the explanation of one reply. The words come from the Rust catalogue through the wasm
// module (an `Explanation`, see pkg/smtp_sim.d.ts) with the catalogue's own headings; this module
// only lays them out, as text.

/** Creates an element with a class and text (as text, always). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** "RFC 5321 §4.2.2" → a link to that section at the RFC Editor (opened only when clicked). */
function rfcLink(ref) {
  const m = /^RFC\s*(\d+)(?:\s*§\s*([\d.]*\d))?/.exec(ref);
  if (!m) return el('span', null, ref);
  const a = el('a', null, ref);
  a.href = `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}

function section(title, text) {
  if (!text) return [];
  return [el('h3', null, title), el('p', null, text)];
}

/** A definition list of explained parts: the value in a box, then its name and meaning. */
function parts(rows, className) {
  const dl = el('dl', `parts ${className}`);
  for (const { value, pattern, label, name, meaning } of rows) {
    const dt = el('dt', null);
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

/**
 * Fills `container` with `explanation` (from ServerSession.explain), using the catalogue's
 * headings `labels` and the page's own words `t`.
 */
export function renderExplanation(container, explanation, labels, t) {
  const { reply, entry, enhanced, context } = explanation;
  const cls = Math.floor(reply.code / 100);
  const out = [];

  const head = el('div', `code-head c${cls}`);
  const code = el('p', 'code-big');
  code.setAttribute('aria-label', String(reply.code));
  for (const d of String(reply.code)) code.append(el('span', 'digit', d));
  head.append(code);
  const titles = el('div', 'code-titles');
  titles.append(el('p', 'code-name', entry?.name ?? t('noEntry')));
  if (entry) titles.append(el('p', 'code-class', `${entry.class.name} · ${entry.category.name}`));
  head.append(titles);
  out.push(head);

  const quote = el('pre', 'quote');
  quote.textContent = reply.wire.replace(/\r\n$/, '');
  out.push(quote);

  if (context?.specific) {
    const box = el('div', 'context');
    box.append(el('p', 'context-label', labels.in_context), el('p', null, context.text));
    out.push(box);
  }

  if (entry) {
    const digit = (d, label) => ({ value: d.digit, pattern: d.pattern, label, name: d.name, meaning: d.meaning });
    out.push(el('h3', null, t('codeDigits')));
    out.push(parts([digit(entry.class, labels.class), digit(entry.category, labels.category)], `c${cls}`));
  }

  if (enhanced) {
    const part = (p, label) => ({ value: p.value, label, name: p.name, meaning: p.meaning });
    const rows = [part(enhanced.class, labels.class), part(enhanced.subject, labels.subject)];
    if (enhanced.detail) rows.push(part(enhanced.detail, labels.detail));
    out.push(el('h3', null, `${t('enhancedCode')} ${enhanced.text}`));
    out.push(parts(rows, `c${cls}`));
    if (!enhanced.registered) out.push(el('p', 'muted small', `${enhanced.text}: ${labels.unregistered}`));
  }

  if (!entry) {
    container.replaceChildren(...out);
    return;
  }

  out.push(...section(labels.description, entry.description));
  out.push(...section(labels.when, entry.when));
  out.push(...section(labels.next, entry.next));
  out.push(...section(labels.fix, entry.fix));

  if (entry.confusions.length) {
    out.push(el('h3', null, labels.confusions));
    const ul = el('ul', 'confusions');
    for (const c of entry.confusions) {
      const li = el('li', null);
      li.append(el('strong', `code-chip c${Math.floor(c.code / 100)}`, String(c.code)), ` ${c.name}: `, c.why);
      ul.append(li);
    }
    out.push(ul);
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
    const details = el('details', 'wild');
    details.append(el('summary', null, labels.in_the_wild));
    const ul = el('ul', null);
    for (const w of entry.inTheWild) {
      const li = el('li', null);
      li.append(el('span', 'wild-server', `${w.server}: `), el('code', null, w.reply));
      ul.append(li);
    }
    details.append(ul);
    out.push(details);
  }
  container.replaceChildren(...out);
}
