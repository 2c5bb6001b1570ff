// Entry point for the served page: load the wasm module next to this file, then start the page.
// (dist/smtp-sim.html replaces this file with one that instantiates inlined bytes.)

import init from './pkg/smtp_sim.js';
import { start } from './app.js';
import { t } from './i18n.js';
import { startSimModes } from './sim-modes.js';

try {
  await init();
} catch (e) {
  document.getElementById('explanation-body').textContent = t('loadFailed');
  throw e;
}
start();
startSimModes();
