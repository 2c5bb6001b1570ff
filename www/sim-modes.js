// Starts the Watch and "You are the server" modes and the mode strip, after app.js has started
// the manual client (main.js and the dist entry both call this once, after start()).

import { startModes } from './modes.js';
import { startWatch } from './watch.js';
import { startServerRole } from './server-role.js';

export function startSimModes() {
  const watch = startWatch();
  const serverRole = startServerRole();
  // app.js switches the language on this event first (it registered first); then these relabel.
  document.getElementById('language').addEventListener('change', () => {
    watch.relabel();
    serverRole.relabel();
  });
  watch.reset();
  startModes();
}
