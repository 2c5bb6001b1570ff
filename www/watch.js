// "Watch": the simulated client delivers the form's message to the simulated server, one
// exchange per Step (or on a timer with Play). Client lines carry the rule the client followed;
// each server reply is a button whose explanation fills the Explanation region. The wasm
// Simulation does all of the protocol; this module only renders what it returns.

import { Simulation, catalogLabels } from './pkg/smtp_sim.js';
import { language, t } from './i18n.js';
import { el, renderExplanation, warningItem } from './explain.js';
import { ReplyList, clientLine, noteLine, noticeLine, renderOutcome } from './sim-view.js';
import { onModeChange } from './modes.js';

const $ = (id) => document.getElementById(id);
/** Milliseconds between steps while playing; slower when the system asks for less motion. */
const PACE = 900;
const REDUCED_PACE = 2500;

export function startWatch() {
  const ui = {
    form: $('watch-form'),
    from: $('watch-from'),
    to: $('watch-to'),
    subject: $('watch-subject'),
    body: $('watch-body'),
    pipelining: $('watch-pipelining'),
    chunking: $('watch-chunking'),
    fault: $('watch-fault'),
    custom: $('watch-custom'),
    faultCommand: $('watch-fault-command'),
    faultCode: $('watch-fault-code'),
    faultTimes: $('watch-fault-times'),
    step: $('watch-step'),
    play: $('watch-play'),
    reset: $('watch-reset'),
    status: $('watch-status'),
    error: $('watch-error'),
    log: $('watch-transcript'),
    outcome: $('watch-outcome'),
    outcomeBody: $('watch-outcome-body'),
    explanation: $('watch-explanation'),
  };
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');

  let sim = null;
  let steps = 0;
  let timer = null;
  /** Commands the client queued, waiting for their bytes on the wire: { line, rule }. */
  let queued = [];
  const replies = new ReplyList(ui.log, showExplanation);

  function faults() {
    const preset = ui.fault.value;
    if (preset === 'custom') return [`${ui.faultCommand.value}:${ui.faultCode.value}:${ui.faultTimes.value}`];
    return preset ? [preset] : [];
  }

  function form() {
    return {
      from: ui.from.value.trim(),
      to: ui.to.value.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean),
      subject: ui.subject.value,
      body: ui.body.value,
      pipelining: ui.pipelining.checked,
      chunking: ui.chunking.checked,
      faults: faults(),
      language: language(),
    };
  }

  function reset() {
    pause();
    sim?.free();
    sim = null;
    steps = 0;
    queued = [];
    replies.clear();
    ui.outcome.hidden = true;
    ui.error.hidden = true;
    ui.custom.hidden = ui.fault.value !== 'custom';
    try {
      sim = new Simulation(form());
    } catch (e) {
      // The core says what is wrong with the form (a bad fault code, say); show it as text.
      ui.error.textContent = `${t('watch.formError')} ${String(e.message ?? e).replace(/^smtp-sim: /, '')}`;
      ui.error.hidden = false;
    }
    ui.explanation.replaceChildren(el('p', 'muted', t('watch.noReplyYet')));
    update();
  }

  function step() {
    if (!sim || sim.isDone) return;
    steps += 1;
    for (const entry of sim.step()) render(entry);
    if (sim.isDone) {
      pause();
      renderOutcome(ui.outcomeBody, sim.outcome(), t);
      ui.outcome.hidden = false;
    }
    update();
  }

  function render(entry) {
    if (entry.type === 'Wire') {
      if (entry.value.from !== 'Client') return; // the server's bytes are shown as its replies
      const lines = entry.value.text.split('\r\n');
      if (lines.at(-1) === '') lines.pop();
      for (const line of lines) {
        const at = queued.findIndex((q) => q.line === line);
        if (at === 0) {
          replies.append(clientLine(line, queued.shift().rule));
        } else {
          replies.append(clientLine(line, null, true));
        }
      }
      return;
    }
    if (entry.type === 'Server') {
      const e = entry.value;
      if (e.type === 'Reply') replies.add(e.id, e.reply);
      else if (e.type === 'MessageReceived') {
        replies.append(noticeLine(t('watch.stored', { n: e.content.length, to: e.recipients.join(', ') })));
      } else if (e.type === 'Warning') {
        // The catalogue's words, in the page's language (they used to stay in English).
        replies.append(warningItem(e, language()));
      }
      return;
    }
    const { kind, ruleText: rule, text } = entry.value;
    const who = t('watch.client');
    switch (kind.type) {
      case 'Command':
        queued.push({ line: kind.value, rule });
        break;
      case 'Note':
        replies.append(noteLine(who, text, rule));
        break;
      case 'Content':
        replies.append(noteLine(who, t('watch.content', { n: kind.value.octets, k: kind.value.stuffedLines }), rule));
        break;
      case 'Recipient': {
        const { address, status } = kind.value;
        replies.append(noteLine(who, `${address}: ${t(`outcome.recipient.${status}`)}`, rule, `s-${status}`));
        break;
      }
      case 'MalformedReply':
        replies.append(noteLine(who, text, rule, 's-Failed'));
        break;
      default:
        break; // replies are shown from the server's side; the outcome shows the finish
    }
  }

  function showExplanation(id) {
    if (!sim) return;
    sim.language = language();
    renderExplanation(ui.explanation, sim.explain(id), catalogLabels(language()), t);
  }

  function update() {
    const done = !sim || sim.isDone;
    ui.step.disabled = done;
    ui.play.disabled = done;
    ui.reset.classList.toggle('attention', Boolean(sim?.isDone));
    ui.play.textContent = timer ? t('watch.pause') : t('watch.play');
    ui.play.setAttribute('aria-pressed', timer ? 'true' : 'false');
    if (!sim) ui.status.textContent = '';
    else if (sim.isDone) ui.status.textContent = t('watch.finished', { n: steps });
    else if (steps === 0) ui.status.textContent = t('watch.ready');
    else ui.status.textContent = t('watch.stepCount', { n: steps });
  }

  function play() {
    if (!sim || sim.isDone) return;
    const tick = () => {
      step();
      if (timer && sim && !sim.isDone) timer = setTimeout(tick, reduced.matches ? REDUCED_PACE : PACE);
    };
    timer = setTimeout(tick, 0);
    update();
  }

  function pause() {
    if (timer) clearTimeout(timer);
    timer = null;
    update();
  }

  ui.step.addEventListener('click', () => {
    pause();
    step();
  });
  ui.play.addEventListener('click', () => (timer ? pause() : play()));
  ui.reset.addEventListener('click', reset);
  ui.form.addEventListener('change', reset);
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    reset();
  });
  onModeChange((mode) => {
    if (mode !== 'watch') pause();
  });

  /**
   * Runs the same simulation again, in the page's language now, to the step it had reached: the
   * core is deterministic, so the transcript is the same one, with every client note and rule
   * in the new language. The selected reply and Play carry over.
   */
  function replay() {
    const reached = steps;
    const selected = replies.selected;
    const playing = Boolean(timer);
    reset();
    while (sim && !sim.isDone && steps < reached) step();
    if (selected !== null && replies.buttons.has(selected)) replies.select(selected);
    if (playing) play();
  }

  return {
    /** Relabels what this module wrote, in the new language. */
    relabel() {
      if (steps > 0) {
        replay();
        return;
      }
      if (sim) sim.language = language();
      update();
      if (replies.selected !== null) showExplanation(replies.selected);
      else ui.explanation.replaceChildren(el('p', 'muted', t('watch.noReplyYet')));
    },
    reset,
  };
}
