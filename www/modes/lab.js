// mode="lab": the two-hop smuggling lab on its own (issue 11). The attacker's bytes go to relay
// A, and every message A accepts goes on to inbound B; each run is fresh and computed by the
// engine (the core's lab), so the switches and the matrix always say what the code does.

import { EngineError } from '../engine.js';
import { lab } from '../engine-full.js';
import { el } from '../dom.js';
import { applyLabels } from '../i18n.js';
import { LabPanel } from '../components/lab.js';

export class LabMode {
  constructor(ctx) {
    this.ctx = ctx;
    this.view = el('section', 'view lab-view');
    this.view.dataset.i18nAriaLabel = 'lab.title';
    this.explanation = el('div', 'explanation-body');
    this.explanation.append(el('p', 'muted', ''));
    this.panel = null;
    this.bytes = null;
    this.settings = { relay: 'passthrough', inbound: 'Vulnerable' };
  }

  start() {
    const ctx = this.ctx;
    let vectors;
    try {
      vectors = lab.vectors();
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      // A module built without the cargo feature `lessons` has no lab.
      this.view.replaceChildren(el('p', 'lesson-error', ctx.t('lesson.unavailable')));
      return;
    }
    this.panel = new LabPanel({
      ctx: {
        get t() {
          return ctx.t;
        },
        decode: (text) => lab.decode(text),
      },
      vectors,
      onSend: (bytes) => {
        this.bytes = bytes;
        this.runLab();
      },
      onChange: (change) => {
        this.settings = { ...this.settings, ...change };
        this.panel.setSettings(this.settings);
        if (this.bytes) this.runLab();
      },
      onMatrix: (relay) => lab.matrix(relay),
    });
    this.view.replaceChildren(this.panel.node);
    applyLabels(this.view, ctx.t);
    this.panel.setSettings(this.settings);
    this.explanation.replaceChildren(el('p', 'muted', ctx.t('lab.about')));
  }

  runLab() {
    try {
      const run = lab.run(this.settings, this.bytes);
      this.panel.showRun(run);
      this.ctx.emit('smtp-lab', { relay: run.relay, inbound: run.inbound, accepted: run.accepted, delivered: run.delivered });
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.ctx.error('trap', this.ctx.t('engine.trapped'));
    }
  }

  reset() {
    this.bytes = null;
    this.start();
  }

  setPersona() {}

  focus(options) {
    this.panel?.ui.bytes.focus(options);
  }

  showExplanation() {}

  relabel() {
    applyLabels(this.view, this.ctx.t);
    this.explanation.replaceChildren(el('p', 'muted', this.ctx.t('lab.about')));
    this.panel?.relabel();
  }

  get transcript() {
    return { lines: () => [] };
  }
}
