// The outcome of a delivery (Watch, You are the server): the overall status, then each recipient.

import { el } from '../dom.js';

const STATUS_CLASS = { Delivered: 'c2', Accepted: 'c2', Failed: 'c5', RetryLater: 'c4', Pending: 'c3' };

/** Fills `container` with an OutcomeView. */
export function renderOutcome(container, outcome, t) {
  const out = [el('p', `outcome-status ${STATUS_CLASS[outcome.status] ?? ''}`, t(`outcome.status.${outcome.status}`))];
  const ul = el('ul', 'recipients');
  for (const r of outcome.recipients) {
    const li = el('li', `recipient ${STATUS_CLASS[r.status] ?? ''}`);
    li.append(el('span', 'address', r.address), el('span', 'badge', t(`outcome.recipient.${r.status}`)));
    if (r.reply) li.append(el('code', 'why-reply', r.reply));
    if (r.rule) li.append(el('span', 'rule', r.rule));
    ul.append(li);
  }
  out.push(ul);
  if (outcome.error) out.push(el('p', 'muted small', outcome.error));
  container.replaceChildren(...out);
}

/** A section holding an outcome, hidden until there is one. */
export function outcomeSection(id, t) {
  const section = el('section', 'outcome');
  section.setAttribute('aria-labelledby', `${id}-title`);
  section.hidden = true;
  const title = el('h3', null, t('outcome.title'));
  title.id = `${id}-title`;
  title.dataset.i18n = 'outcome.title';
  const body = el('div', null);
  section.append(title, body);
  return { section, body };
}
