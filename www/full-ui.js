// The views that run on the full wasm module, loaded on their first use (issue 12, "Weight"):
// Watch, You are the server, the lab and lessons. The page and the element start in the client
// mode, whose view is in the first load; smtp-sim.js imports this module when another is shown.
// Their stylesheet comes with them.

import { WatchMode } from './modes/watch.js';
import { ServerMode } from './modes/server.js';
import { LabMode } from './modes/lab.js';
import { LessonMode } from './modes/lesson.js';
import { viewSheet } from './full-ui-style.js';

export { WatchMode, ServerMode, LabMode, LessonMode, viewSheet };
