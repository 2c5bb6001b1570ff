// The styles of the views loaded on their first use (full-ui.js: Watch, You are the server,
// lessons, the lab): they arrive with those views instead of in every first load. smtp-sim.js
// adds this sheet to an element's shadow root, after element-style.js's, when it builds one of
// those views; the tokens (colours, fonts) come from there.

/** Watch, You are the server, lessons and the lab. */
const VIEWS = String.raw`
/* Watch and "You are the server" */
.sim .mode-title { margin: 0 0 .25rem; font-size: 1.15rem; }
.sim .lead { margin: 0 0 .75rem; color: var(--muted); }
.sim h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0; }
.sim-form {
  display: grid;
  grid-template-columns: repeat(2, minmax(0, 1fr));
  gap: .6rem 1rem;
  padding-bottom: .75rem;
  border-bottom: 1px solid var(--line);
}
.sim-form input[type='text'], .sim-form textarea, .sim-form input[type='number'] {
  width: 100%;
  font-size: 1rem;
  color: var(--text);
  background: var(--bg);
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: .4rem .55rem;
}
.sim-form textarea { font-family: var(--mono); resize: vertical; }
.sim-form fieldset { border: 1px solid var(--line); border-radius: 10px; margin: 0; padding: .4rem .75rem .6rem; min-width: 0; }
.sim-form legend { font-size: .8rem; font-weight: 600; color: var(--muted); padding: 0 .3rem; }
.sim-form .options { display: flex; flex-wrap: wrap; gap: 0 1rem; align-content: start; }
.sim-form .faults select { width: 100%; }
.custom-fault { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .4rem; }
.custom-fault .field { flex: 1 1 6rem; }
.sim-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding-top: .75rem; }
.sim-status { margin: 0 0 0 .5rem; color: var(--muted); font-size: .9rem; }
#watch-play[aria-pressed='true'] { background: var(--c4); border-color: var(--c4); }
.form-error { color: var(--c5); background: var(--c5-bg); border-radius: 8px; padding: .4rem .7rem; margin: .5rem 0 0; }
.outcome { margin-top: .5rem; border-top: 1px solid var(--line); padding-top: .6rem; }
.outcome-status { font-weight: 700; font-size: 1.05rem; color: var(--cls); margin: .3rem 0 .4rem; }
.recipients { list-style: none; margin: 0; padding: 0; display: grid; gap: .4rem; }
.recipient { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem .6rem; border-left: 4px solid var(--cls); background: var(--cls-bg); border-radius: 6px; padding: .35rem .6rem; }
.recipient .address { font-family: var(--mono); font-weight: 600; }
/* The status pill is filled with its class colour, text in the card colour (≥ 6:1 in both schemes). */
.badge { display: inline-block; font-size: .78rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .5rem; border-radius: 999px; color: var(--card); background: var(--cls, var(--c3)); }
.recipient .why-reply { font-size: .8rem; flex-basis: 100%; white-space: pre-wrap; word-break: break-word; }
.recipient .rule { flex-basis: 100%; margin: 0; }
.server-view .toolbar { align-items: center; }
.envelope { margin: 0; font-size: .9rem; flex: 1 1 16rem; }
.verdict:empty { display: none; }
.verdict { border: 1px solid var(--line); border-left: 4px solid var(--cls, var(--line)); background: var(--cls-bg, var(--card)); border-radius: 8px; padding: .45rem .75rem; margin: 0 0 .6rem; font-size: .92rem; }
.verdict p { margin: 0 0 .25rem; }
.verdict p:last-child { margin-bottom: 0; }
.verdict-head strong { color: var(--cls); }
.verdict code { white-space: pre-wrap; word-break: break-word; }
.expect { margin-top: .5rem; font-size: .88rem; }
.expect p { margin: 0 0 .35rem; }
.expect .rfc-ref { color: var(--muted); }
@container smtp-sim (max-width: 560px) {
  .sim-form { grid-template-columns: minmax(0, 1fr); }
}

/* Lessons: the panel above the session; set-up lines greyed in the transcript. */
.lesson { border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); padding: .75rem 1rem; margin-bottom: .75rem; }
.lesson-title { margin: 0 0 .2rem; font-size: 1.15rem; }
.lesson-progress { margin: 0 0 .5rem; color: var(--muted); font-size: .85rem; }
.lesson-intro > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.lesson-steps { display: flex; flex-wrap: wrap; gap: .3rem .9rem; padding-left: 1.2rem; margin: .5rem 0; font-size: .85rem; color: var(--muted); }
.lesson-steps li.current { color: var(--text); font-weight: 700; }
.lesson-steps li.done { color: var(--c2); }
.lesson-steps li.done::after { content: ' ✓'; }
.lesson-step-title { margin: .5rem 0 .25rem; font-size: 1rem; }
.narration p { margin: .35rem 0; }
.narration code, .lesson-hints code, .lesson-feedback code { font-family: var(--mono); font-size: .9em; background: var(--bg); padding: 0 .2em; border-radius: 4px; }
.lesson-pre { font-family: var(--mono); font-size: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); padding: .5rem; border-radius: 8px; }
.lesson-goals-head { margin: .5rem 0 .2rem; font-weight: 700; font-size: .85rem; }
.lesson-goals { list-style: none; padding: 0; margin: 0 0 .5rem; }
.lesson-goals li { margin: .15rem 0; }
.lesson-goals li .goal-mark { display: inline-block; width: 1.2em; color: var(--muted); font-weight: 700; }
.lesson-goals li.met .goal-mark { color: var(--c2); }
.lesson-feedback p { margin: .4rem 0; padding: .4rem .6rem; border-radius: 8px; }
.lesson-feedback-fail { color: var(--c5); background: var(--c5-bg); }
.lesson-feedback-info { color: var(--notice); background: var(--notice-bg); }
.lesson-hints { margin: .3rem 0; padding-left: 1.4rem; }
.lesson-actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; }
.lesson-explain { display: grid; gap: .3rem; margin: .5rem 0; }
.lesson-explain textarea, .lab-bytes { font-family: var(--mono); font-size: .85rem; width: 100%; box-sizing: border-box; }
.lesson-done { color: var(--c2); font-weight: 700; }
.lesson-error { color: var(--c5); background: var(--c5-bg); padding: .5rem; border-radius: 8px; white-space: pre-wrap; font-family: var(--mono); font-size: .8rem; }
.entry.setup { opacity: .6; }
.lesson-lab-view > :not(.lesson):not(.lesson-lab) { display: none !important; }
/* A lesson names its own server: no persona picker beside it. */
.lesson-view .field.persona { display: none; }

/* The smuggling lab. */
.lab { display: grid; gap: .75rem; }
.lab-scenario, .lab-fixes, .lab-result, .lab-matrix-box { border: 1px solid var(--line); border-radius: var(--radius); background: var(--card); padding: .75rem 1rem; }
.lab-actions { display: flex; gap: .5rem; margin-top: .4rem; }
.lab-error { color: var(--c5); margin: .2rem 0; }
.lab-fixes { display: grid; gap: .5rem; }
.lab-fix-group { display: grid; gap: .2rem; }
.lab-fix-hop { margin: 0; font-weight: 700; font-size: .85rem; }
.lab-settings { margin: 0; color: var(--muted); font-size: .85rem; }
.lab-summary { font-weight: 700; font-size: 1.05rem; margin: 0 0 .5rem; }
.lab-summary.smuggled { color: var(--c5); }
.ribbon { margin: .4rem 0; }
.ribbon figcaption { font-size: .8rem; color: var(--muted); }
.ribbon-bytes { font-family: var(--mono); font-size: .8rem; overflow-wrap: anywhere; line-height: 1.6; margin: .2rem 0; }
.tok.data { background: var(--c2-bg); }
.tok.commands { background: var(--bg); }
.tok.smuggled { background: var(--c5-bg); color: var(--c5); text-decoration: underline dotted; }
.tok.smuggled.ctl { color: var(--c5); }
.eod { color: var(--c4); font-weight: 700; padding: 0 .15em; }
.lab-hops, .lab-mailboxes { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem; }
.lab-hop h3, .lab-mailbox h3 { font-size: .9rem; margin: .3rem 0; }
.lab-wire { list-style: none; padding: 0; margin: 0; font-family: var(--mono); font-size: .75rem; overflow-wrap: anywhere; }
.lab-wire .client { color: var(--client); }
.lab-mailbox ul { padding-left: 1rem; margin: 0; }
.lab-mailbox li.smuggled { color: var(--c5); }
.lab-matrix { border-collapse: collapse; font-size: .8rem; }
.lab-matrix th, .lab-matrix td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: center; }
.lab-matrix th[scope="row"] { text-align: left; font-family: var(--mono); font-weight: 400; }
.lab-matrix td.split { background: var(--c5-bg); color: var(--c5); font-weight: 700; }

/* The transcript's notes of Watch and "You are the server" (a recipient's fate in colour), and
   the server lines the learner typed that are not (yet) a reply. */
.entry.note {
  align-self: stretch;
  max-width: 100%;
  font-family: var(--sans);
  font-size: .82rem;
  color: var(--notice);
  border-left: 3px solid color-mix(in srgb, var(--notice) 45%, transparent);
  padding: .1rem .6rem;
}
.entry.note .rule { color: var(--muted); }
.entry.server.not-ok .reply { border-style: dashed; }
.entry.server.unread, .entry.server.pending {
  font-family: var(--mono);
  background: var(--card);
  border: 1px dashed var(--cls, var(--line));
  border-left: 4px solid var(--cls, var(--muted));
  border-radius: 2px 10px 10px 10px;
  padding: .3rem .65rem;
}
.entry.note .note-who { font-weight: 700; }
.entry.note.s-Delivered, .entry.note.s-Accepted { color: var(--c2); border-left-color: var(--c2); }
.entry.note.s-RetryLater { color: var(--c4); border-left-color: var(--c4); }
.entry.note.s-Failed { color: var(--c5); border-left-color: var(--c5); }
/* "You are the server"'s reply box, beside the element's command box (element-style.js). */
input#serve-reply { font-family: var(--mono); }
.command-row .server-prompt { color: var(--c2); }
#serve-reset { margin-left: auto; }
.readonly #serve-undo { display: none !important; }
.frame[data-layout='compact'] .verdict { margin: 0 0 .3rem; font-size: .85rem; }
/* What these views add to the compact and inline layouts' hidden parts (element-style.js). */
.frame[data-layout='compact'] :is(.lead, .mode-title, .sim-form, .expect, .outcome, .envelope),
.frame[data-layout='inline'] :is(.lead, .mode-title, .sim-form, .expect, .outcome) { display: none !important; }
`;

let cache = null;

/** The stylesheet of the views full-ui.js holds (one for every element on the page). */
export function viewSheet() {
  if (!cache) {
    cache = new CSSStyleSheet();
    cache.replaceSync(VIEWS);
  }
  return cache;
}
