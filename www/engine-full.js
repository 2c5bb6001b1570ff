// The engine's second half: the handles of Watch ("Simulation"), You are the server
// ("ClientRole") and the lessons ("LessonRun"), their adapters, and the smuggling lab. Only the
// views loaded on first use import it, so the bundles put it in their chunk, never in the first
// load. Every call goes through engine.js's guard and Handle: recovery from traps and the move to
// another module replay these sessions as they replay the client mode's.

import { EngineError, Handle, adaptEvent, adaptExplanation, camel, fullExport, guard, moduleOptions, withId } from './engine.js';

/** An export of the `lessons` feature, or EngineError "load" when this module was built without it. */
function lessonExport(name) {
  const value = fullExport(name);
  if (!value) throw new EngineError('load', `this build has no lessons (${name})`);
  return value;
}

/** A client step: `{ state, rule (its sentence, "" when none), event: { type: "command", line } | … }`. */
function adaptStep({ state, kind, ruleText, text }) {
  const v = kind.value;
  const event = {
    Command: () => ({ type: 'command', line: v }),
    Content: () => ({ type: 'content', octets: v.octets, stuffedLines: v.stuffedLines }),
    Reply: () => ({ type: 'reply', code: v.code }),
    MalformedReply: () => ({ type: 'malformedReply', problem: text }),
    Note: () => ({ type: 'note', text }),
    Recipient: () => ({ type: 'recipient', address: v.address, status: v.status }),
    Finished: () => ({ type: 'finished', status: v }),
  }[kind.type]();
  return { state, rule: ruleText ?? '', event };
}

/** A simulation entry: `{ type: "wire", from, text }`, `{ type: "client", step }`, `{ type: "server", event }`. */
function adaptEntry(entry) {
  if (entry.type === 'Wire') return { type: 'wire', from: camel(entry.value.from), text: entry.value.text };
  if (entry.type === 'Client') return { type: 'client', step: adaptStep(entry.value) };
  return { type: 'server', event: adaptEvent(entry.value) };
}

/** An outcome with each reply as its wire text and the rules and the error as sentences. */
const adaptOutcome = (o) => ({
  status: o.status,
  recipients: o.recipients.map((r) => ({
    address: r.address,
    status: r.status,
    reply: r.reply ? r.reply.wire.trimEnd() : null,
    rule: r.ruleText ?? '',
  })),
  error: o.errorText,
});

/** An expectation with `command` (the module names it `answers`). */
const adaptExpect = (e) => e && { command: e.answers, ...e };

/** A turn of "You are the server": the reply with its id, fits as camelCase keys. */
const adaptTurn = (t) => ({
  ...t,
  reply: t.reply && withId(t.id, t.reply),
  verdict: t.verdict && { ...t.verdict, fit: camel(t.verdict.fit), expected: adaptExpect(t.verdict.expected) },
  events: t.events.map(adaptStep),
  expect: adaptExpect(t.expect),
});


/** "Watch": the simulated client and server back to back, one exchange per step. */
class SimulationHandle extends Handle {
  constructor(form) {
    const f = { ...form };
    const Sim = fullExport('Simulation');
    super(() => new Sim(moduleOptions(f)), { validates: true });
    this.form = f;
  }

  step() {
    return this.run((s) => s.step(), (s) => s.step()).map(adaptEntry);
  }

  get isDone() {
    return this.run((s) => s.isDone);
  }

  outcome() {
    return adaptOutcome(this.run((s) => s.outcome()));
  }

  explain(id) {
    return adaptExplanation(this.run((s) => s.explain(id)));
  }

  set language(lang) {
    this.form.language = lang;
    this.run((s) => {
      s.language = lang;
    });
  }
}

/** "You are the server": the simulated client alone; the learner types the replies. */
class ClientRoleHandle extends Handle {
  constructor(form) {
    const f = { ...form };
    const Role = fullExport('ClientRole');
    super(() => new Role(moduleOptions(f)), { validates: true });
    this.form = f;
  }

  start() {
    return adaptTurn(this.run((c) => c.start(), (c) => c.start()));
  }

  reply(line) {
    return adaptTurn(this.run((c) => c.reply(line), (c) => c.reply(line)));
  }

  get isDone() {
    return this.run((c) => c.isDone);
  }

  outcome() {
    return adaptOutcome(this.run((c) => c.outcome()));
  }

  explain(id) {
    return adaptExplanation(this.run((c) => c.explain(id)));
  }

  set language(lang) {
    this.form.language = lang;
    this.run((c) => {
      c.language = lang;
    });
  }
}

/**
 * A lesson checked by the engine (the module's LessonRun). An exchange's events keep the module's
 * lesson events (`Sent`, `StepStarted`, `Fail`, `Lab`, …, PascalCase) and carry each engine event
 * in the components' shape (`reply`, `state`, …) with its `setup` flag.
 */
const adaptLessonEvent = (e) => (e.type === 'Server' ? { ...adaptEvent(e.event), setup: e.setup } : e);
const adaptLessonExchange = (x) => ({ ...x, events: x.events.map(adaptLessonEvent) });

class LessonHandle extends Handle {
  constructor(text, options) {
    const opts = { ...options };
    const Run = lessonExport('LessonRun');
    super(() => new Run(text, opts), { validates: true });
    this.options = opts;
  }

  #act(fn) {
    return adaptLessonExchange(this.run(fn, fn));
  }

  poll() {
    return this.#act((r) => r.poll());
  }

  /** Raw bytes, one write (a typed line with its ending, a paste, `send:` bytes, the lab's bytes). */
  send(bytes) {
    const copy = Uint8Array.from(bytes);
    return this.#act((r) => r.sendBytes(copy));
  }

  toggle(change) {
    const copy = { ...change };
    return this.#act((r) => r.toggle(copy));
  }

  explainPaste(text) {
    return this.#act((r) => r.explainPaste(text));
  }

  showMe() {
    return this.#act((r) => r.showMe());
  }

  revealHint() {
    return this.#act((r) => r.revealHint());
  }

  continueRead() {
    return this.#act((r) => r.continueRead());
  }

  restartStep() {
    return this.#act((r) => r.restartStep());
  }

  /** The lesson's texts in the handle's language. */
  lesson() {
    return this.run((r) => r.lesson());
  }

  nextInput() {
    return this.run((r) => r.nextInput());
  }

  /** Client lessons: as ServerSession.limits(); null in a lab lesson. */
  limits() {
    return this.run((r) => r.limits());
  }

  /** Lab lessons: `{ relay, inbound }` now. */
  labSettings() {
    return this.run((r) => r.labSettings());
  }

  state() {
    return this.run((r) => r.state());
  }

  chunkRemaining() {
    return this.run((r) => r.chunkRemaining());
  }

  get closed() {
    return this.run((r) => r.closed);
  }

  guide() {
    return this.run((r) => r.guide());
  }

  explain(id) {
    return adaptExplanation(this.run((r) => r.explain(id)));
  }

  set language(lang) {
    this.options.language = lang;
    this.run((r) => {
      r.language = lang;
    });
  }
}

/** Throws EngineError "invalid" with every diagnostic (`file:line:column: error: …`) for a broken lesson. */
export const lessonRun = (text, options) => new LessonHandle(text, options);
export const simulation = (form) => new SimulationHandle(form);
export const clientRole = (form) => new ClientRoleHandle(form);

// ---- The smuggling lab (no session kept: each run is fresh) ----------------------------------

export const lab = {
  /** One run: `settings` `{ relay: 'passthrough', inbound: 'Vulnerable' }`, the bytes after DATA. */
  run: (settings, bytes) => {
    const f = lessonExport('labRun');
    return guard(() => f(settings, Uint8Array.from(bytes)));
  },
  /** Every vector against every persona, through `relay` or straight to B (null). */
  matrix: (relay) => {
    const f = lessonExport('labMatrix');
    return guard(() => f(relay));
  },
  vectors: () => {
    const f = lessonExport('labVectors');
    return guard(() => f());
  },
  /** Bytes written with the lesson tokens (<CRLF>, <LF>, \xHH). */
  encode: (bytes) => {
    const f = lessonExport('encodeBytes');
    return guard(() => f(Uint8Array.from(bytes)));
  },
  /** Throws EngineError "invalid" (with the column) for a token typo such as <lf>. */
  decode: (text) => {
    const f = lessonExport('decodeBytes');
    return guard(() => f(text), { validates: true });
  },
};
