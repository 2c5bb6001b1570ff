// Renders the explanation of one reply. The words come from the Rust catalogue through the wasm
// module (an `Explanation` object, see pkg/smtp_sim.d.ts); this module only lays them out, as
// text.

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

/**
 * Fills `container` with the explanation of `reply` (a ReplyView). `explanation` may be null
 * when the catalogue has no entry; the reply and its digits are shown all the same.
 */
export function renderExplanation(container, reply, explanation, t) {
  const cls = Math.floor(reply.code / 100);
  const parts = [];

  const head = el('div', `code-head c${cls}`);
  const code = el('p', 'code-big');
  code.setAttribute('aria-label', String(reply.code));
  for (const d of String(reply.code)) code.append(el('span', 'digit', d));
  head.append(code);
  const titles = el('div', 'code-titles');
  if (explanation?.name) titles.append(el('p', 'code-name', explanation.name));
  if (reply.enhanced) titles.append(el('p', 'code-enhanced', reply.enhanced));
  head.append(titles);
  parts.push(head);

  const quote = el('pre', 'quote');
  quote.textContent = reply.wire.replace(/\r\n$/, '');
  parts.push(quote);

  if (!explanation) {
    parts.push(el('p', 'muted', t('noEntry')));
    container.replaceChildren(...parts);
    return;
  }

  if (explanation.context) {
    const ctx = el('div', 'context');
    ctx.append(el('p', 'context-label', t('inThisSession')), el('p', null, explanation.context));
    parts.push(ctx);
  }

  if (explanation.digits?.length) {
    parts.push(el('h3', null, t('codeDigits')));
    const dl = el('dl', `digits c${cls}`);
    for (const { digit, meaning } of explanation.digits) {
      dl.append(el('dt', 'digit', digit), el('dd', null, meaning));
    }
    parts.push(dl);
  }

  if (explanation.enhancedParts?.length) {
    parts.push(el('h3', null, `${t('enhancedCode')} ${reply.enhanced ?? ''}`.trim()));
    const dl = el('dl', `digits enhanced c${cls}`);
    for (const { part, meaning } of explanation.enhancedParts) {
      dl.append(el('dt', 'digit', part), el('dd', null, meaning));
    }
    parts.push(dl);
  }

  parts.push(...section(t('whatItMeans'), explanation.description));
  parts.push(...section(t('whenYouSeeIt'), explanation.whenYouSeeIt));
  parts.push(...section(t('whatNext'), explanation.nextStep));
  parts.push(...section(t('howToFix'), explanation.howToFix));

  if (explanation.rfc?.length) {
    const p = el('p', 'rfc');
    p.append(el('span', 'rfc-label', `${t('reference')}: `));
    explanation.rfc.forEach((ref, i) => {
      if (i) p.append(', ');
      p.append(rfcLink(ref));
    });
    parts.push(p);
  }
  container.replaceChildren(...parts);
}
