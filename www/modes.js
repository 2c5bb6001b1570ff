// The mode strip: links to #client, #watch, #server. The hash names the mode, so a tutorial can
// link straight to one; every element with a matching data-mode-panel is shown, the others hidden.
// Listeners (`onModeChange`) hear which mode is now shown, to start it lazily or pause it.

const listeners = [];
let current = null;

function modes() {
  return [...document.querySelectorAll('nav.modes [data-mode]')].map((a) => a.dataset.mode);
}

/** Calls `fn(mode)` now and whenever the shown mode changes. */
export function onModeChange(fn) {
  listeners.push(fn);
  if (current) fn(current);
}

export function currentMode() {
  return current;
}

function show(mode) {
  if (!modes().includes(mode)) mode = 'client';
  if (mode === current) return;
  current = mode;
  for (const a of document.querySelectorAll('nav.modes [data-mode]')) {
    const on = a.dataset.mode === mode;
    a.classList.toggle('current', on);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('[data-mode-panel]')) {
    panel.hidden = panel.dataset.modePanel !== mode;
  }
  for (const fn of listeners) fn(mode);
}

/** Reads the mode from the address and follows it; other hashes (#command) leave it alone. */
export function startModes() {
  const fromHash = () => {
    const mode = location.hash.slice(1);
    if (modes().includes(mode)) show(mode);
  };
  window.addEventListener('hashchange', fromHash);
  show(modes().includes(location.hash.slice(1)) ? location.hash.slice(1) : 'client');
}
