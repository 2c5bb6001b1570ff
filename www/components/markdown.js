// A lesson's Markdown-lite (docs/lesson-format.md §11), already parsed by the core into blocks
// and inline runs, rendered with DOM APIs: every text is set as text, links are https only (the
// parser refuses any other scheme) and open in a new tab without an opener. Never innerHTML.

import { el } from '../dom.js';

/** Inline runs (`{ Text }`, `{ Code }`, `{ Em }`, `{ Strong }`, `{ Link }`) as nodes. */
export function inlineNodes(runs) {
  return runs.map((run) => {
    const [kind, value] = Object.entries(run)[0];
    switch (kind) {
      case 'Text':
        return document.createTextNode(value);
      case 'Code':
        return el('code', null, value);
      case 'Em': {
        const em = el('em', null);
        em.append(...inlineNodes(value));
        return em;
      }
      case 'Strong': {
        const strong = el('strong', null);
        strong.append(...inlineNodes(value));
        return strong;
      }
      case 'Link': {
        const a = el('a', null, value.text);
        // The parser admits https:// only; checked again here so nothing else becomes a link.
        if (/^https:\/\//.test(value.url)) {
          a.href = value.url;
          a.rel = 'noopener noreferrer';
          a.target = '_blank';
        }
        return a;
      }
      default:
        return document.createTextNode('');
    }
  });
}

/** Blocks (`{ Paragraph }`, `{ List }`, `{ Pre }`) as nodes. */
export function blockNodes(blocks) {
  return blocks.map((block) => {
    const [kind, value] = Object.entries(block)[0];
    if (kind === 'Paragraph') {
      const p = el('p', null);
      p.append(...inlineNodes(value));
      return p;
    }
    if (kind === 'List') {
      const ul = el('ul', null);
      for (const item of value) {
        const li = el('li', null);
        li.append(...inlineNodes(item));
        ul.append(li);
      }
      return ul;
    }
    return el('pre', 'lesson-pre', value.join('\n'));
  });
}
