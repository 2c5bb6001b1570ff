// The lesson index page (issue 11): lessons/index.txt (docs/lesson-format.md, appendix B) as a
// list with each lesson's progress in this browser; the hash opens one in <smtp-sim lesson=…>.
// Every text from the index is set as text.

import { el } from './dom.js';
import { addLabels, applyLabels, loadLabels, loadViewLabels, normalizeLang, translator } from './i18n.js';

const list = document.getElementById('lesson-list');
const box = document.getElementById('lesson-box');
const slot = document.getElementById('lesson-slot');
const langSelect = document.getElementById('lang');
let lessons = [];

/** The index's entries: `id | file | minutes | title (en) | title (pt-BR)` after the version line. */
export function parseIndex(text) {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '%smtp-index 1') return [];
  return lines
    .slice(1)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [id, file, minutes, en, pt] = l.split(' | ').map((f) => f.trim());
      return { id, file, minutes: Number(minutes), title: { en, 'pt-BR': pt || en } };
    })
    .filter((e) => e.id && e.file);
}

/** Saved progress of a lesson, any revision: { step, complete } or null. */
function progress(id) {
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key.startsWith(`smtp-sim:lesson:${id}@`)) return JSON.parse(localStorage.getItem(key));
    }
  } catch {
    // No storage: no progress shown.
  }
  return null;
}

function lang() {
  return normalizeLang(document.documentElement.lang);
}

function renderList() {
  const t = translator(lang());
  list.replaceChildren(
    ...lessons.map((l) => {
      const li = el('li', null);
      const a = el('a', null, l.title[t.lang]);
      a.href = `#${l.id}`;
      li.append(a, ' ', el('span', 'muted', `(${t('lesson.index.minutes', { n: l.minutes })})`));
      const p = progress(l.id);
      if (p?.complete) li.append(' ', el('strong', 'lesson-state', `✓ ${t('lesson.index.done')}`));
      else if (p?.step > 0) li.append(' ', el('span', 'lesson-state', t('lesson.index.inProgress', { n: p.step + 1 })));
      li.dataset.lesson = l.id;
      return li;
    }),
  );
}

function show() {
  const id = decodeURIComponent(location.hash.slice(1));
  const entry = lessons.find((l) => l.id === id);
  box.hidden = !entry;
  list.hidden = Boolean(entry);
  if (!entry) {
    slot.replaceChildren();
    renderList();
    return;
  }
  const sim = document.createElement('smtp-sim');
  sim.id = 'lesson-sim';
  sim.setAttribute('loading', 'eager');
  sim.setAttribute('lesson', `lessons/${entry.file}`);
  slot.replaceChildren(sim);
}

/** Switches to `code` once its labels are loaded (the element follows <html lang> by itself). */
async function setLang(code) {
  langSelect.value = code;
  const t = await loadLabels(code);
  if (langSelect.value !== t.lang) return;
  document.documentElement.lang = code;
  applyLabels(document, t);
  if (lessons.length) renderList();
}

langSelect.addEventListener('change', () => setLang(langSelect.value));
window.addEventListener('hashchange', show);
// The index's words are the lesson view's (and every lesson shown here needs them), and the
// language select's label is the full page's.
loadViewLabels().catch(() => {});
addLabels('page', { en: () => import('./i18n/en-page.js'), 'pt-BR': () => import('./i18n/pt-BR-page.js') }).catch(() => {});
const labelled = setLang(normalizeLang(new URLSearchParams(location.search).get('lang') ?? navigator.language));
const response = await fetch('lessons/index.txt');
lessons = parseIndex(await response.text());
await labelled.catch(() => {});
show();
