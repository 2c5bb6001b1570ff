// The one door to the wasm module: nothing else in www/ imports ./pkg/. It loads the module once
// per page (every <smtp-sim> shares it), wraps every call, and adapts the shapes the module
// returns to the ones the components read, so a change in the module's JS API touches this file
// only.
//
// Traps. With panic = "abort" a bug in the core is a trap (WebAssembly.RuntimeError): the
// instance is left with its shadow stack and borrow flags in disorder, and any later call may
// fail. So every failure that is not a documented validation error is treated as a trap: the
// instance is dropped, a fresh one is made from the compiled module (wasm-bindgen's
// __wbg_reset_state), and every live session is rebuilt by replaying the input recorded for it.
// The call that trapped is not replayed; its caller gets an EngineError of kind "trap" (or "lost"
// when its session could not be rebuilt) and words it for the learner, never with e.message.
//
// Languages. build.sh ships one module per language (pkg/smtp_sim_en.wasm, pkg/smtp_sim_pt-BR.wasm:
// each holds the catalogue's texts in that language only, about half the bytes) and one with both
// (pkg/smtp_sim_bg.wasm). Each element and the page say which language they show (`load(owner,
// lang)`, `useLanguage`); the engine loads the module of that language, and when another is
// chosen, moves to that language's module (or to the two-language one while two languages are
// shown at once) and rebuilds every live session on it by the same replay as after a trap.
// A module named by configure() is taken to hold both languages.
//
// First load. The page and the element start in the client mode, which needs only a server
// session, the scanner, the catalogue and the transcript writer (export() is synchronous). build.sh ships a lite module per
// language (pkg/smtp_sim_lite_en.wasm …: none of the share codec, the transcript readers, the
// lessons and the lab, the simulated client, the pasted-log readers) and the engine loads it first. `full()` (the first
// use of Watch, You are the server, a lesson, a share link, Explain a real reply) moves to that
// language's full module by the same replay, once; `load(owner, lang, { full: true })` loads the
// full one at once (a share link in the address, a lesson element). The lite modules run under the
// full module's glue (their exports are a subset; build.sh checks that each instantiates).
//
// Texts. The one-language modules hold only the texts the first screen shows (the greeting's
// explanation, the labels); every other catalogue text is in two files per language, and what
// needs one comes back `pending: true` (an entry, a sentence in context, an enhanced detail, a
// warning, a list): pkg/texts_<lang>.bin, what a typed session meets, fetched on the first sign
// the learner is about to need it (`wantTexts`: a key typed in the command input) or the first
// pending value; pkg/texts_<lang>_rare.bin (Reference, Compare, the rarer codes), fetched when
// something is still pending once the first is in. Each goes to the instance in use and every
// later one of that language (after a trap; the full module waits for both), then the `onTexts`
// listeners render again what showed a placeholder, which asks for the rare part if it still
// needs it. Never on idle: a visit with no action fetches no texts file.

import {
  initSync,
  ServerSession,
  DotScanner,
  allCodes,
  allEnhanced,
  catalogLabels,
  compareTexts,
  curatedPairs,
  explainCode,
  explainEnhanced,
  explainWarning,
  loadTexts,
  promptLabels,
  textsPending,
  writeTranscript,
  __wbg_reset_state as freshInstance,
  __wbg_use_module as useModule,
  __wbg_core as glueCore,
} from './pkg/smtp_sim.js';

// What only the full module backs (the simulated client, share links and the transcript readers,
// the lessons and the lab, the pasted-log readers) is in a second file of the glue,
// pkg/smtp_sim_full.js, which the build splits off (tools/split-glue.mjs): it is loaded with the
// first full module and handed out by `fullExport`, which checks the instance first. Its
// `__wbg_full` also adds the imports only the full modules need to the glue's import object, so
// it runs before a full module is instantiated (settle waits for both).
let fullGlue = null;
let fullGlueLoading = null;
const loadFullGlue = () =>
  (fullGlueLoading ??= import('./pkg/smtp_sim_full.js').then(
    (m) => {
      fullGlue = m.__wbg_full(glueCore);
    },
    (e) => {
      fullGlueLoading = null;
      throw e;
    },
  ));

/**
 * A failure the caller words for the learner. `kind`:
 * - "invalid": the input was refused; `message` says why, in the language asked for (for a
 *   fault, `field` is "fault" and `value` the fault as written);
 * - "trap": the module failed on this call and was restarted; the sessions are as before it;
 * - "lost": the module was restarted but this session could not be rebuilt: start it over;
 * - "load": the module could not be loaded or is not loaded yet.
 */
export class EngineError extends Error {
  constructor(kind, message = '', detail = {}) {
    super(message || kind);
    this.name = 'EngineError';
    this.kind = kind;
    Object.assign(this, detail);
  }
}

const settings = { wasmUrl: null, wasmBytes: null };
let loading = null;
let loaded = false;
let traps = 0;
/** Every live handle, rebuilt after a trap. */
const handles = new Set();
const recoveryListeners = new Set();
/** The language each element (or the page) shows: the module loaded must hold all of them. */
const shown = new Map();
/** The languages of the instance in use: "en", "pt-BR" or "both". */
let current = null;
/** Whether the instance in use is a full module (every export), and whether one is wanted. */
let currentFull = false;
let wantFull = false;

/** The module files next to this file: one per language, and one with both. */
const MODULES = {
  en: () => new URL(/* lazy */ './pkg/smtp_sim_en.wasm', import.meta.url).href,
  'pt-BR': () => new URL(/* lazy */ './pkg/smtp_sim_pt-BR.wasm', import.meta.url).href,
  both: () => new URL(/* lazy */ './pkg/smtp_sim_bg.wasm', import.meta.url).href,
  'lite-en': () => new URL('./pkg/smtp_sim_lite_en.wasm', import.meta.url).href,
  'lite-pt-BR': () => new URL(/* lazy */ './pkg/smtp_sim_lite_pt-BR.wasm', import.meta.url).href,
};

/** The texts files (see "Texts" above): the session's; the rare one is `texts_<lang>_rare.bin`. */
const TEXTS = {
  en: () => new URL(/* lazy */ './pkg/texts_en.bin', import.meta.url).href,
  'pt-BR': () => new URL(/* lazy */ './pkg/texts_pt-BR.bin', import.meta.url).href,
};
/** The URL of texts file `part` (0 the session's, 1 the rare one) of the instance in use. */
const textsUrl = (part) => TEXTS[current]?.().replace(/(?=\.bin$)/, part ? '_rare' : '');
/** Each texts file (by URL): its fetch, started once, and its bytes once they came. */
const textFetches = new Map();
const textBytes = new Map();
const textsListeners = new Set();
/** True once the learner acted towards a text (see wantTexts): fetched as soon as the module is in. */
let textsWanted = false;

const tag = (lang) => (/^pt\b/i.test(String(lang ?? '')) ? 'pt-BR' : 'en');

/** The two-language module, unless `configure` says otherwise. */
export function defaultWasmUrl() {
  return MODULES.both();
}

/** Points the engine at another module URL, or hands it the bytes (the single-file builds). */
export function configure({ wasmUrl, wasmBytes } = {}) {
  if (wasmUrl !== undefined) settings.wasmUrl = wasmUrl;
  if (wasmBytes !== undefined) settings.wasmBytes = wasmBytes;
}

export function wasmUrl() {
  return String(settings.wasmUrl ?? defaultWasmUrl());
}

const configured = () => settings.wasmUrl !== null || settings.wasmBytes !== null;

/**
 * Which module holds every language shown: one language's own, else the two-language one
 * (always full); `full` when a full module was asked for.
 */
function wanted() {
  if (configured()) return { langs: 'both', full: true };
  const langs = new Set(shown.values());
  const which = langs.size === 1 ? [...langs][0] : 'both';
  return { langs: which, full: wantFull || which === 'both' };
}

/** True when the instance in use has `lang`'s texts. */
export const covers = (lang) => current === 'both' || current === tag(lang);

const settled = () => current !== null && [...shown.values()].every(covers) && (currentFull || !wantFull);

/** A compile early.js (index.html, embed.html) started before the bundle ran, when it is of `url`. */
function takeEarly(url) {
  const early = globalThis[Symbol.for('smtp-sim.early-wasm')];
  if (!early || early.url !== url || early.taken) return null;
  early.taken = true;
  return early.module;
}

/** The module `which` compiled (streamed from its URL while it downloads). */
async function compile({ langs, full }) {
  if (langs === 'both' && settings.wasmBytes) return WebAssembly.compile(settings.wasmBytes);
  const url = langs === 'both' ? wasmUrl() : MODULES[full ? langs : `lite-${langs}`]();
  const early = takeEarly(url);
  if (early) {
    try {
      return await early;
    } catch {
      // Compiled again below, where a failure is reported.
    }
  }
  try {
    // Straight from the fetch: the compile starts with the first bytes, no turn in between.
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that does not send application/wasm (or a failed fetch, reported here): compile
    // from the bytes.
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

/**
 * Loads the module that holds every language shown, and moves to another when that changes;
 * every caller shares the same promise until the instance in use holds them all.
 */
function settle() {
  loading ??= (async () => {
    // One turn later, so a bundle that calls configure() right after its imports is heard.
    await null;
    while (!settled()) {
      const which = wanted();
      const [module] = await Promise.all([compile(which), which.full ? loadFullGlue() : null]);
      const moving = loaded;
      if (!loaded) {
        // Compiled already: a synchronous instance saves the task an async one resolves in.
        initSync({ module });
        loaded = true;
      } else {
        // Another language: a fresh instance of that module, every live session replayed on it.
        useModule(module);
        for (const h of [...handles]) if (!h.rebuild()) h.lose();
      }
      current = which.langs;
      currentFull = which.full;
      applyTexts();
      // The full module's views (Watch, lessons, …) show every text complete: they wait for both
      // files; a session moved to another language once texts were wanted, for the session's.
      if (currentFull || textsWanted) {
        const arriving = (currentFull ? texts() : textsPart(0)).catch(() => {});
        if (currentFull || moving) await arriving;
      }
    }
    loading = null;
  })().catch((cause) => {
    loading = null;
    throw new EngineError('load', '', { cause });
  });
  return loading;
}

/**
 * Loads and instantiates the module, once per page; later calls share the same promise. With
 * an `owner` (an element, the page) and the language it shows, the module loaded holds it.
 */
export function load(owner = null, lang = undefined, { full: wholeModule = false } = {}) {
  if (lang !== undefined) shown.set(owner, tag(lang));
  if (wholeModule) wantFull = true;
  return settle();
}

/**
 * Resolves once the instance in use is a full module (Watch, You are the server, lessons and the
 * lab, share links, Explain a real reply): at once when it is; else after loading the full module
 * of the languages shown, every live session replayed on it.
 */
export function full() {
  wantFull = true;
  return settled() ? Promise.resolve() : settle();
}

/** True when the instance in use has every export (see `full`). */
export const isFull = () => currentFull;

/** An export only the full module has, or EngineError "load" while the lite one is in use. */
function fullExport(name) {
  if (!currentFull || !fullGlue) throw new EngineError('load', `${name} needs the full module: await full() first`);
  return fullGlue[name];
}

/**
 * `owner` now shows `lang`: resolves once the instance in use holds its texts (at once when it
 * does; after loading another module when it does not). Until then calls answer in the
 * language the instance holds.
 */
export function useLanguage(owner, lang) {
  shown.set(owner, tag(lang));
  return settled() ? Promise.resolve() : settle();
}

/** `owner` is gone: its language no longer needs to be held. */
export function forget(owner) {
  shown.delete(owner);
}

export const isLoaded = () => loaded;

/** Calls `fn()` after every recovery from a trap (for a notice or a count); returns an unsubscribe. */
export function onRecover(fn) {
  recoveryListeners.add(fn);
  return () => recoveryListeners.delete(fn);
}

/** How many traps the page has recovered from, and how many sessions are live. */
export function stats() {
  return { traps, handles: handles.size };
}

/** Hands the instance in use the texts files of its language that arrived, while it waits for some. */
function applyTexts() {
  for (const part of [0, 1]) {
    const bytes = textBytes.get(textsUrl(part));
    if (!bytes || !textsPending()) continue;
    try {
      loadTexts(bytes);
    } catch {
      // A file that does not fit this module (a stale cache): entries stay pending, never wrong.
    }
  }
}

/** Resolves once the instance in use has texts file `part` (0 the session's, 1 the rare one). */
function textsPart(part) {
  const url = textsUrl(part);
  if (!loaded || !textsPending() || !url) return Promise.resolve();
  if (!textFetches.has(url)) {
    const fetching = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.arrayBuffer();
      })
      .then((buffer) => {
        textBytes.set(url, new Uint8Array(buffer));
        applyTexts();
        for (const fn of textsListeners) fn();
      })
      .catch((cause) => {
        // Tried again on the next need.
        textFetches.delete(url);
        throw new EngineError('load', '', { cause });
      });
    textFetches.set(url, fetching);
  }
  return textFetches.get(url);
}

/** Resolves once the instance in use holds every catalogue text (after its texts files when needed). */
export function texts() {
  return Promise.all([textsPart(0), textsPart(1)]);
}

/** Calls `fn()` when a texts file arrives for the entries handed out pending; returns an unsubscribe. */
export function onTexts(fn) {
  textsListeners.add(fn);
  return () => textsListeners.delete(fn);
}

/**
 * The learner acted towards a text (a key in the command input): the session's texts file is
 * fetched now, or as soon as the module is in, so the reply to come usually finds its words there.
 */
export function wantTexts() {
  textsWanted = true;
  if (loaded) textsPart(0).catch(() => {});
}

/** True when `x` or a value in it (three levels down, arrays included) is `pending`. */
const hasPending = (x, depth = 3) =>
  x !== null && typeof x === 'object' && (x.pending === true || (depth > 0 && Object.values(x).some((v) => hasPending(v, depth - 1))));

/**
 * `x`, after starting a texts file's fetch when a text in it is pending: the session's part first;
 * the rare one once that part is in (its listeners render again, and ask here again).
 */
function withTexts(x) {
  if (hasPending(x)) textsPart(+textBytes.has(textsUrl(0))).catch(() => {});
  return x;
}

// Errors the wasm-bindgen glue throws when an instance is in disorder: never a validation error.
const GLUE_ERROR = /recursive use of an object|null pointer passed to rust|stale object|moved value|unreachable|memory access/i;

function isValidation(e) {
  return e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && !GLUE_ERROR.test(e.message);
}

/** The validation message as the learner reads it: no "smtp-sim:" prefix, no fault syntax. */
function invalid(e) {
  const fault = /^smtp-sim: fault "([^"]*)": (.*)$/s.exec(e.message);
  if (fault) return new EngineError('invalid', fault[2], { field: 'fault', value: fault[1], cause: e });
  return new EngineError('invalid', e.message.replace(/^smtp-sim: /, ''), { cause: e });
}

function ensureLoaded() {
  if (!loaded) throw new EngineError('load', 'the module is not loaded yet');
}

/** Runs one call into the module; any failure but a validation error is recovered from. */
function guard(fn, { validates = false, owner = null } = {}) {
  ensureLoaded();
  try {
    return fn();
  } catch (e) {
    if (validates && isValidation(e)) throw invalid(e);
    recover();
    throw new EngineError(owner?.lost ? 'lost' : 'trap', '', { cause: e });
  }
}

/**
 * A fresh instance, and every live handle rebuilt on it. A handle whose replay fails again is
 * marked lost, and the others are rebuilt once more on another fresh instance (bounded: each
 * round removes one handle).
 */
function recover() {
  traps += 1;
  let pending = [...handles];
  for (let round = 0; round <= pending.length; round += 1) {
    freshInstance();
    applyTexts();
    const failed = pending.find((h) => !h.rebuild());
    if (!failed) break;
    failed.lose();
    pending = pending.filter((h) => h !== failed);
  }
  for (const fn of recoveryListeners) fn();
}

/**
 * A module object (a session, a simulation …) and the input that made it what it is: `make`
 * creates it afresh, each recorded op replays one successful call.
 */
class Handle {
  #make;
  #ops = [];
  raw = null;
  lost = false;

  constructor(make, { validates = false } = {}) {
    this.#make = make;
    this.raw = guard(make, { validates });
    handles.add(this);
  }

  /** `fn(raw)`, guarded; `replay` (a function of the raw object) is recorded once it succeeded. */
  run(fn, replay = null) {
    if (this.lost) throw new EngineError('lost');
    const result = guard(() => fn(this.raw), { owner: this });
    if (replay) this.#ops.push(replay);
    return result;
  }

  /** Forgets the recorded input (after a reset: the new state needs none of it). */
  forget() {
    this.#ops = [];
  }

  /** Makes the object again on the current instance and replays its input; false if that fails. */
  rebuild() {
    try {
      this.raw = this.#make();
      for (const op of this.#ops) op(this.raw);
      return true;
    } catch {
      return false;
    }
  }

  lose() {
    this.lost = true;
    this.raw = null;
    handles.delete(this);
  }

  free() {
    handles.delete(this);
    // The glue frees it on the current instance only; after a trap it may be stale: let it go.
    try {
      this.raw?.free();
    } catch {
      // Nothing to free on a discarded instance.
    }
    this.raw = null;
  }
}

// ---- Shapes ---------------------------------------------------------------------------------
// The module returns the core's and the catalogue's own types (pkg/smtp_sim.d.ts, generated from
// the Rust types; docs/js-api-changes.md lists what changed). The components still read the
// shapes they were written for; the adapters below make those from the module's, in this one
// place. A component moved to the module's own shapes drops its adapter here.

/** The element's attribute values (`strict`) as the module's names (`Strict`). */
const pascal = (name) => (name ? name[0].toUpperCase() + name.slice(1) : name);
/** The module's names (`UnlistedRefusal`) as the components' keys (`unlistedRefusal`). */
const camel = (name) => name[0].toLowerCase() + name.slice(1);

/** A session's options or a message form, with the persona spelled as the module spells it. */
const moduleOptions = (o) => (o.persona ? { ...o, persona: pascal(o.persona) } : o);

/** A reply with its id on it (the module keeps the id beside the reply). */
const withId = (id, reply) => ({ id, ...reply });

/** A server event: `{ type: "reply" | "command" | "state" | "message" | "warning" | "startTls", … }`. */
function adaptEvent(e) {
  switch (e.type) {
    case 'Reply':
      return { type: 'reply', reply: withId(e.id, e.reply), answers: e.answers, before: e.before };
    case 'Command':
      return { type: 'command', verb: e.prompt, line: e.line };
    case 'StateChanged':
      return { type: 'state', from: e.from, to: e.to };
    case 'MessageReceived': {
      const { type, ...message } = e;
      return { type: 'message', ...message };
    }
    case 'Warning':
      return { type: 'warning', kind: e.kind, count: e.count ?? null };
    default:
      return { ...e, type: camel(e.type) };
  }
}

const adaptExchange = (x) => ({ ...x, events: x.events.map(adaptEvent) });

/** An explanation with `reply.id`, `command` and `stateBefore`, as the components read it. */
const adaptExplanation = (x) => withTexts({ ...x, reply: withId(x.id, x.reply), command: x.answers, stateBefore: x.before });

/** A lookup's kind in lower case. */
const adaptLookup = (l) => ({ ...l, kind: camel(l.kind) });

// ---- Sessions -------------------------------------------------------------------------------

/** "You are the client": one server session; the learner (or a script) plays the client. */
class ServerHandle extends Handle {
  constructor(options) {
    const opts = { ...options };
    super(() => new ServerSession(moduleOptions(opts)), { validates: true });
    this.options = opts;
  }

  /** The server's queued output (the greeting after creation or reset): an Exchange. */
  poll() {
    return adaptExchange(this.run((s) => s.poll(), (s) => s.poll()));
  }

  /** Sends raw bytes as the client: an Exchange. */
  send(bytes) {
    const copy = Uint8Array.from(bytes);
    return adaptExchange(this.run((s) => s.sendBytes(copy), (s) => s.sendBytes(copy)));
  }

  state() {
    return this.run((s) => s.state());
  }

  chunkRemaining() {
    return this.run((s) => s.chunkRemaining());
  }

  get closed() {
    return this.run((s) => s.closed);
  }

  /** { commandLine, textLine, localPart, domain, recipients, size, recipientsNow }. */
  limits() {
    return this.run((s) => s.limits());
  }

  /** The stage, a hint and the inputs allowed next, in the session's language (the catalogue's). */
  guide() {
    return this.run((s) => s.guide());
  }

  explain(id) {
    return adaptExplanation(this.run((s) => s.explain(id)));
  }

  reset() {
    this.run((s) => s.reset());
    this.forget();
  }

  set language(lang) {
    this.options.language = lang;
    this.run((s) => {
      s.language = lang;
    });
  }
}

/** The end-of-data scanner alone (RFC 5321 §4.5.2): the client mode's message preview. */
class ScannerHandle extends Handle {
  constructor() {
    super(() => new DotScanner());
  }

  /** Feeds bytes; returns the unstuffed content they added. */
  feed(bytes) {
    const copy = Uint8Array.from(bytes);
    const replay = (d) => {
      d.feed(copy);
      d.takeMessage();
    };
    return this.run((d) => {
      d.feed(copy);
      return d.takeMessage();
    }, replay);
  }
}

export const serverSession = (options) => new ServerHandle(options);
export const dotScanner = () => new ScannerHandle();

// ---- The catalogue (no session) -------------------------------------------------------------

const labelCache = new Map();

export const catalogue = {
  /** The catalogue's headings in a language. */
  labels(lang) {
    // Kept only for a language the instance holds (before a switch, another's words stand in).
    if (!covers(lang)) return guard(() => catalogLabels(lang));
    if (!labelCache.has(lang)) labelCache.set(lang, guard(() => catalogLabels(lang)));
    return labelCache.get(lang);
  },
  /** What a reply can answer, `[{ prompt, label }]`: the choices for explainReply's command. */
  promptLabels: (lang) => guard(() => promptLabels(lang)),
  /** An entry, `pending: true` while its long texts wait for the texts file (see `onTexts`). */
  explainCode: (code, lang) => withTexts(guard(() => explainCode(code, lang))),
  explainEnhanced: (text, lang) => withTexts(guard(() => explainEnhanced(text, lang))),
  /** The summary and note of two codes (compare-codes.js builds the comparison around them). */
  compareTexts: (a, b, lang) => withTexts(guard(() => compareTexts(a, b, lang))),
  curatedPairs: () => guard(() => curatedPairs()),
  /** `[{ code, name, class, description }]`; `pending: true` on those whose description waits. */
  allCodes: (lang) => withTexts(guard(() => allCodes(lang))),
  allEnhanced: (lang) => withTexts(guard(() => allEnhanced(lang))),
  /** Throws EngineError "invalid" with a sentence in `lang` when no line holds a reply code. */
  explainReply: (text, command, lang) => {
    const f = fullExport('explainReply');
    return withTexts(guard(() => f(text, command, lang), { validates: true }));
  },
  /** `pending: true` (title and text empty) while its words wait for the texts file. */
  explainWarning: (kind, lang) => withTexts(guard(() => explainWarning(kind, lang))),
  lookup: (query, lang) => {
    const f = fullExport('lookup');
    return withTexts(adaptLookup(guard(() => f(query, lang), { validates: true })));
  },
};

// ---- Transcripts and share links (the core's capture and share modules) ---------------------

export const transcripts = {
  /** False when the module was built without the `share` feature (known once the full glue is in). */
  get available() {
    return !fullGlue || typeof fullGlue.shareEncode === 'function';
  },
  /** { format, meta, lines } or null (our export, C:/S:, swaks, telnet/nc, smtplib). */
  read: (text) => {
    const f = fullExport('readTranscript');
    return guard(() => f(text));
  },
  /** The canonical text (lesson-format §18.3); AUTH secrets redacted unless `credentials`. */
  write: (lines, meta, credentials = false) => guard(() => writeTranscript(lines, meta, credentials)),
  steps: (lines) => {
    const f = fullExport('replaySteps');
    return guard(() => f(lines));
  },
  drift: (recorded, now, format) => {
    const f = fullExport('transcriptDrift');
    return guard(() => f(recorded, now, format));
  },
  /** The `#s=` payload of a transcript text. */
  shareEncode: (text) => {
    const f = fullExport('shareEncode');
    return guard(() => f(text));
  },
  /**
   * The transcript text of a link or payload. Throws EngineError "invalid" whose `reason` is the
   * codec's error name (Shape, Version, Codec, Base64, Deflate, TooLarge, NotUtf8).
   */
  shareDecode(link) {
    try {
      const f = fullExport('shareDecode');
      return guard(() => f(link), { validates: true });
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'invalid') e.reason = /share: (\w+)/.exec(e.message)?.[1] ?? 'Shape';
      throw e;
    }
  },
};

// The rest of the engine, for engine-full.js only (the handles of Watch, You are the server and
// the lessons, and the lab: the views loaded on first use are its only importers, so it loads
// with them). Components import from this file or from engine-full.js, never these names.
export { Handle, adaptEvent, adaptExplanation, camel, fullExport, guard, moduleOptions, withId };
