// The one DOM helper: every node the page and the element build goes through el(), and every text
// that came from a user, a server or the engine is set as text, never parsed as HTML.

/** Creates an element with a class and text (as text, always). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** A button of type "button" (never a form submit by accident). */
export function button(className, text) {
  const b = el('button', className, text);
  b.type = 'button';
  return b;
}

/** A row of chips under a label: [the label, the group it names]. `key` is an i18n key. */
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
