// <smtp-sim>: the simulator as one tag. One script tag loads it:
//
//   <script type="module" src="smtp-sim.js"></script>
//   <smtp-sim mode="client" persona="strict" lang="pt-BR"></smtp-sim>
//
// The wasm module is found next to this file (import.meta.url) unless SmtpSimElement.wasmUrl says
// otherwise, compiled once per page and shared by every element; each element has its own
// session, ids (in its shadow root), live region and keyboard handling, and never touches the
// host page's location. State comes in through attributes (reflected as properties); what happens
// goes out as CustomEvents that bubble and are composed (see smtp-sim.d.ts for their details).

import * as engine from './engine.js';
import { el } from './dom.js';
import { applyLabels, hasLabels, inheritedLang, loadLabels, loadToolLabels, loadViewLabels, normalizeLang, translator } from './i18n.js';
import { elementSheets } from './element-style.js';
import { FULL_VIEWS, MODES as MODE_NAMES, needsFull, warmFonts } from './first-load.js';
import { ClientMode } from './modes/client.js';
import { drift, exportJson, exportMermaid, exportText, importText, steps } from './transcript-format.js';

export const VERSION = '0.1.0';

// `lesson` is not a value of the mode attribute: the lesson attribute selects it. The client
// mode's view is here at once; the others join from full-ui.js on their first use.
const MODES = { client: ClientMode };
let fullViews = null;
/** The stylesheet of those views (full-ui-style.js), once they are in. */
let viewSheet = null;
/** True once full-ui.js is in (MODES holds every view). */
const viewsLoaded = () => Boolean(MODES.lesson);
/** Loads the other modes' views and their labels (once per page); resolves when MODES holds them. */
function loadViews() {
  fullViews ??= Promise.all([import('./full-ui.js'), loadViewLabels()]).then(
    ([m]) => {
      Object.assign(MODES, { watch: m.WatchMode, server: m.ServerMode, lab: m.LabMode, lesson: m.LessonMode });
      viewSheet = m.viewSheet();
    },
    (e) => {
      fullViews = null;
      throw e;
    },
  );
  return fullViews;
}
/** The compact and inline layouts' sheet (layout-style.js): a promise, once asked for. */
let layouts = null;
/** Every panel name `panels` may list; without the attribute all are shown. */
export const PANELS = ['toolbar', 'state', 'transcript', 'message', 'input', 'controls', 'tools', 'explain'];
const ENUMS = {
  mode: MODE_NAMES,
  persona: ['strict', 'lenient', 'vulnerable'],
  layout: ['full', 'compact', 'inline'],
  theme: ['auto', 'light', 'dark'],
  loading: ['lazy', 'eager'],
};
const DEFAULTS = { mode: 'client', persona: 'strict', layout: 'full', theme: 'auto', loading: 'lazy' };
/** How long an eager element waits for its module before it shows its views and "Loading…". */
const PENDING_MS = 300;

const connected = new Set();
/** One observer for every element: a `lang` change on an ancestor relabels those that inherit it. */
let langObserver = null;
function watchLang() {
  if (langObserver) return;
  langObserver = new MutationObserver(() => {
    for (const sim of connected) sim.languageChanged();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export class SmtpSimElement extends HTMLElement {
  // Entries shown before the catalogue's texts file arrived (engine.js "Texts") are shown again,
  // complete, when it does.
  static {
    engine.onTexts(() => {
      for (const element of connected) element.#textsArrived();
    });
  }

  static observedAttributes = ['mode', 'persona', 'lang', 'panels', 'layout', 'theme', 'readonly', 'state', 'transcript', 'lesson', 'loading', 'aria-label'];

  /** Where every element on the page reads the wasm module from (set before the first loads). */
  static get wasmUrl() {
    return engine.wasmUrl();
  }

  static set wasmUrl(url) {
    engine.configure({ wasmUrl: url });
  }

  static get version() {
    return VERSION;
  }

  #internals;
  #root;
  #frame;
  #views = new Map();
  /** The translator of the language shown (its labels loaded); see languageChanged. */
  #t = translator('en');
  /** The language wanted (from `lang`), which #t follows once its labels (and texts) are in. */
  #lang = null;
  /** True once labels are shown: the views are built only then, in the language they show. */
  #labelled = false;
  #started = false;
  #starting = null;
  #ready;
  #resolveReady;
  #rejectReady;
  /** The move to the full module in progress (see #upgrade), or null. */
  #upgrading = null;
  #visibility = null;
  #ui = {};
  #comparing = false;
  /** The two codes the element's own comparison shows. */
  #comparePair = null;
  /** The pair of the latest "compare with" (a slower import for an earlier one is dropped). */
  #compareAsked = null;
  /** The layouts' sheet adopted (see #adoptLayouts), or null when the layout is full. */
  #laid = null;
  /** The lesson's text as loaded: { text, inline, file } or { error }. */
  #lessonSource = null;
  /**
   * The first screen the page shipped in a declarative shadow root (index.html: its input shown
   * and focused at the first paint, before any script), kept until #mount puts the element's own
   * frame in its place; null once mounted, or when the element built its root itself.
   */
  #first = null;
  /** The pre-rendered input as a view adopted it (#adopt): its focus and selection, for #mount. */
  #refocus = null;

  constructor() {
    super();
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.#ready.catch(() => {});
    this.#internals = this.attachInternals();
    // A group named by the author's aria-label, else by our own (author attributes win).
    this.#internals.role = 'group';
    // A declarative shadow root (the page's first screen) is adopted, not replaced: attachShadow
    // would empty it, losing the input the visitor may already be typing in.
    const shipped = this.#internals.shadowRoot;
    this.#root = shipped ?? this.attachShadow({ mode: 'open' });
    if (shipped) this.#first = [...shipped.childNodes];
    this.#root.adoptedStyleSheets = elementSheets();
    this.#build();
  }

  /**
   * The pre-rendered node `id` for a view to take over (the command input: the same node, so its
   * text, focus and selection survive), or null. Moving it out of the first screen blurs it:
   * #mount gives the focus and selection back.
   */
  #adopt(id) {
    const node = this.#first ? this.#root.getElementById(id) : null;
    if (node && this.#root.activeElement === node) {
      this.#refocus = { node, start: node.selectionStart, end: node.selectionEnd, direction: node.selectionDirection };
    }
    return node;
  }

  /** The element's own frame in place of the page's first screen (once). */
  #mount() {
    if (!this.#first) return;
    for (const node of this.#first) node.remove();
    this.#first = null;
    this.#root.append(this.#frame);
    const again = this.#refocus;
    this.#refocus = null;
    if (again) {
      again.node.focus({ preventScroll: true });
      again.node.setSelectionRange(again.start, again.end, again.direction);
    }
  }

  // ---- Attributes as properties (reflected) ----

  #enum(name) {
    const value = (this.getAttribute(name) ?? '').toLowerCase();
    return ENUMS[name].includes(value) ? value : DEFAULTS[name];
  }

  get mode() {
    return this.#enum('mode');
  }
  set mode(v) {
    this.setAttribute('mode', v);
  }
  get persona() {
    return this.#enum('persona');
  }
  set persona(v) {
    this.setAttribute('persona', v);
  }
  get layout() {
    return this.#enum('layout');
  }
  set layout(v) {
    this.setAttribute('layout', v);
  }
  get theme() {
    return this.#enum('theme');
  }
  set theme(v) {
    this.setAttribute('theme', v);
  }
  get loading() {
    return this.#enum('loading');
  }
  set loading(v) {
    this.setAttribute('loading', v);
  }
  /** Panel names shown (a token list); all when the attribute is absent. */
  get panels() {
    return this.getAttribute('panels') ?? PANELS.join(' ');
  }
  set panels(v) {
    this.setAttribute('panels', Array.isArray(v) ? v.join(' ') : v);
  }
  get readonly() {
    return this.hasAttribute('readonly');
  }
  set readonly(v) {
    this.toggleAttribute('readonly', Boolean(v));
  }
  get autoplay() {
    return this.hasAttribute('autoplay');
  }
  set autoplay(v) {
    this.toggleAttribute('autoplay', Boolean(v));
  }
  /** Playback speed for Play and autoplay: 1 is the normal pace, 2 twice as fast. */
  get speed() {
    const n = Number(this.getAttribute('speed'));
    return Number.isFinite(n) && n > 0 ? Math.min(n, 20) : 1;
  }
  set speed(v) {
    this.setAttribute('speed', String(v));
  }
  get state() {
    return this.getAttribute('state') ?? '';
  }
  set state(v) {
    this.setAttribute('state', v);
  }
  get transcript() {
    return this.getAttribute('transcript') ?? '';
  }
  set transcript(v) {
    this.setAttribute('transcript', v);
  }
  /**
   * The lesson shown: a URL relative to the page (`first-mail.smtp`) or `#id` of a
   * `<script type="text/x-smtp-lesson">`. Empty: no lesson, the mode as set.
   */
  get lesson() {
    return this.getAttribute('lesson') ?? '';
  }
  set lesson(v) {
    this.setAttribute('lesson', v);
  }
  /**
   * The language shown: this element's `lang`, else its nearest ancestor's (en or pt-BR). After a
   * change it follows once that language's labels (and the module's texts) are in.
   */
  get language() {
    return this.#t.lang;
  }
  /** Resolves once the module is loaded and the session started. */
  get ready() {
    return this.#ready;
  }

  // ---- Lifecycle ----

  connectedCallback() {
    connected.add(this);
    watchLang();
    // Labels already loaded (another element's): shown at once. Else one turn later, so a
    // script that sets `lang` (on the element or the page) right after defining or creating it is
    // heard first, and only the language shown is fetched.
    if (hasLabels(inheritedLang(this))) this.languageChanged(true);
    else queueMicrotask(() => this.isConnected && this.languageChanged(true));
    this.#applyFrame();
    this.#showMode();
    if (this.loading === 'eager') this.#start(true);
    else this.#whenNear();
  }

  disconnectedCallback() {
    connected.delete(this);
    engine.forget(this);
    this.#visibility?.disconnect();
    this.#visibility = null;
    for (const view of this.#views.values()) view.hide?.();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    switch (name) {
      case 'lang':
        this.languageChanged();
        break;
      case 'mode':
        this.#showMode();
        break;
      case 'lesson':
        if (this.#started) this.#reloadLesson();
        break;
      case 'persona':
        for (const view of this.#views.values()) if (this.#started) view.setPersona(this.persona);
        break;
      case 'layout':
      case 'panels':
      case 'readonly':
      case 'theme':
        this.#applyFrame();
        if (name === 'layout' && this.#started) this.#current()?.showExplanation();
        break;
      case 'loading':
        if (this.loading === 'eager') this.#start();
        break;
      case 'aria-label':
        this.#labelHost();
        break;
      case 'state':
      case 'transcript':
        if (this.#started && value) this.#loadFromAttributes();
        break;
      default:
        break;
    }
  }

  /** Lazy: the module loads when the element comes near the viewport or takes focus. */
  #whenNear() {
    if (this.#visibility || this.#started) return;
    const go = () => {
      this.#visibility?.disconnect();
      this.#visibility = null;
      this.#start();
    };
    this.#visibility = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) go();
    }, { rootMargin: '200px' });
    this.#visibility.observe(this);
    this.addEventListener('focusin', go, { once: true });
    this.addEventListener('pointerdown', go, { once: true });
  }

  /**
   * `pending`: nothing of the element has been shown yet. The client view on the lite module is
   * shown as soon as its labels are in, its input taking commands (queued until the session
   * starts, the frame after); "Loading…" shows only after PENDING_MS. Other views stay out of
   * layout while the module loads: a module there within PENDING_MS shows the started session in
   * the first frame, instead of a skeleton and "Loading…" painted only to be replaced.
   */
  #start(pending = false) {
    // Once the session runs, the methods go on at once: the start-up itself loads `state` or
    // `transcript` through them, and waiting for the start-up there would wait for itself.
    if (this.#started) return Promise.resolve();
    this.#starting ??= (async () => {
      const { loading } = this.#ui;
      loading.hidden = false;
      const frame = this.#frame;
      const reveal = () => frame.classList.remove('pending');
      let timer = null;
      // True once the input is shown before the session (then focused already, if autofocus).
      let shown = false;
      if (pending) {
        frame.classList.add('pending');
        timer = setTimeout(() => {
          reveal();
          loading.hidden = false;
        }, PENDING_MS);
      }
      // One turn later: a script that sets attributes right after defining or creating the
      // element (the page's share link and hash, embed.html's) is heard before a module is chosen.
      await null;
      try {
        // A lesson, a share link, a transcript or another mode: the full module at once.
        const views = FULL_VIEWS.has(this.#modeShown());
        const full = needsFull(this);
        this.#lang ??= normalizeLang(inheritedLang(this));
        const labels = loadLabels(this.#lang);
        // A compact or inline layout's rules too (#applyFrame asked for them; never rejects).
        const loaded = Promise.all([engine.load(this, this.#lang, { full }), views ? loadViews() : null, labels, this.#laid]);
        // The first screen's fonts, in its stacks (an author's too), while the module downloads:
        // after the frame that shows the input (the client view's), so that frame does not wait
        // for them, and before the session starts, so its task does not.
        const warm = () =>
          requestAnimationFrame(() =>
            setTimeout(() =>
              warmFonts(() => {
                const style = getComputedStyle(frame);
                return { sans: style.getPropertyValue('--sans'), mono: style.getPropertyValue('--mono') };
              }),
            ),
          );
        // The client view on the lite module is shown with its labels, before the module: its
        // input takes commands at once (ClientMode.send queues them until the session starts).
        // "Loading…" shows only when the module takes longer than PENDING_MS.
        // The page's first screen is the client view's: another view's start shows its own.
        if (full || views) {
          this.#mount();
          warm();
        } else {
          labels.then(() => {
            if (this.#started || !hasLabels(this.#lang)) return;
            if (!this.#labelled || this.#t.lang !== this.#lang) this.#applyLanguage(this.#lang);
            this.#showMode();
            const view = this.#current();
            if (!view) return;
            // "Loading…" (after PENDING_MS) under the input, not above it: shown there, it would
            // push the input the visitor is typing in down.
            view.ui.hint?.before(loading);
            if (pending) loading.hidden = true;
            reveal();
            view.ui.input.disabled = false;
            shown = true;
            if (this.hasAttribute('autofocus')) view.focus();
            warm();
          }, () => {});
        }
        await loaded;
        // The language may have changed meanwhile: its labels too before the views are built.
        while (!hasLabels(this.#lang)) await loadLabels(this.#lang);
        if (!this.#labelled || this.#t.lang !== this.#lang) this.#applyLanguage(this.#lang);
        // The input shown, the session starts after the frame that shows it (the module is often
        // in by then, and starting at once held that frame back by the session's whole task);
        // after 100 ms without a frame (a background tab) too.
        if (shown) {
          await new Promise((go) => {
            requestAnimationFrame(() => setTimeout(go));
            setTimeout(go, 100);
          });
        }
      } catch (e) {
        clearTimeout(timer);
        this.#mount();
        reveal();
        // The input shown early takes nothing more: nothing will answer.
        const input = this.#current()?.ui?.input;
        if (input) input.disabled = true;
        loading.hidden = false;
        loading.textContent = this.#t('loadFailed');
        loading.classList.add('error');
        this.#emit('smtp-error', { kind: 'load', message: this.#t('loadFailed') });
        this.#rejectReady(e);
        this.#starting = null;
        return;
      }
      clearTimeout(timer);
      reveal();
      loading.hidden = true;
      // Back above the views (a later move to the full module says "Loading…" for any view).
      this.#ui.views.parentNode.before(loading);
      if (this.lesson) await this.#loadLesson();
      this.#started = true;
      this.#showMode();
      await this.#loadFromAttributes();
      this.#resolveReady();
      this.#emit('smtp-ready', { version: VERSION, mode: this.mode, persona: this.persona, lang: this.language });
      if (this.hasAttribute('autofocus') && !shown) this.focus();
    })();
    return this.#starting;
  }

  // ---- Building ----

  #build() {
    // Out of sight (its room kept) until its labels are in.
    const frame = el('div', 'frame unlabelled');
    frame.setAttribute('part', 'frame');
    const intro = el('slot', null);
    intro.name = 'intro';
    const loading = el('p', 'loading');
    loading.setAttribute('role', 'status');
    loading.hidden = true;
    const grid = el('div', 'grid');
    const views = el('div', 'views');
    const explanation = el('section', 'explanation card');
    explanation.setAttribute('role', 'region');
    explanation.setAttribute('aria-labelledby', 'explanation-title');
    explanation.setAttribute('part', 'explanation');
    explanation.dataset.panel = 'explain';
    explanation.id = 'explanation';
    const title = el('h2', null);
    title.id = 'explanation-title';
    title.dataset.i18n = 'explanation';
    const compareBox = el('div', 'compare-box');
    compareBox.hidden = true;
    explanation.append(title, compareBox);
    grid.append(views, explanation);
    // One polite summary per reply ("354 Start mail input"), for this element only.
    const live = el('p', 'live visually-hidden');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    frame.append(intro, loading, grid, live);
    // Under the page's first screen, the frame goes in when its view is built (#mount).
    if (!this.#first) this.#root.append(frame);
    this.#frame = frame;
    this.#ui = { loading, views, explanation, compareBox, live };
  }

  /** The context a mode view reads its state from and sends its events through. */
  #context() {
    const host = this;
    return {
      get t() {
        return host.#t;
      },
      get lang() {
        return host.#t.lang;
      },
      get persona() {
        return host.persona;
      },
      get brief() {
        return host.layout !== 'full';
      },
      get readonly() {
        return host.readonly;
      },
      get speed() {
        return host.speed;
      },
      get lesson() {
        return host.#lessonSource;
      },
      get active() {
        return host.isConnected;
      },
      catalogue: engine.catalogue,
      emit: (type, detail) => this.#emit(type, detail),
      setPersona: (persona) => {
        this.persona = persona;
      },
      selected: (explained, announce) => {
        this.#closeCompare();
        this.#emit('smtp-select', { id: explained.reply.id, code: explained.reply.code });
        if (announce) this.#announce(`${explained.reply.code} ${explained.entry?.name ?? ''}`.trim());
      },
      compare: (a, b) => this.#compare(a, b),
      error: (kind, message) => {
        this.#announce(message);
        this.#emit('smtp-error', { kind, message });
      },
      exportText: (lines, options) => exportText(lines, this.#meta(), options),
      shareUrl: (options) => this.shareUrl(options),
      adopt: (id) => this.#adopt(id),
      // What early.min.js queued from the page's first screen (taken once).
      earlyLines: () => globalThis[Symbol.for('smtp-sim.early-lines')]?.splice(0) ?? [],
    };
  }

  #view(mode) {
    if (!MODES[mode]) return null;
    if (!this.#views.has(mode)) {
      const sheets = this.#root.adoptedStyleSheets;
      if (mode !== 'client' && !sheets.includes(viewSheet)) this.#root.adoptedStyleSheets = [...sheets, viewSheet];
      const view = new MODES[mode](this.#context());
      this.#ui.views.append(view.view);
      this.#ui.explanation.append(view.explanation);
      applyLabels(view.view, this.#t);
      this.#views.set(mode, view);
      this.#applyFrame();
    }
    return this.#views.get(mode);
  }

  /** The view shown: the lesson's when a lesson is set, else the mode's. */
  #modeShown() {
    return this.lesson ? 'lesson' : this.mode;
  }

  #current() {
    return this.#views.get(this.#modeShown()) ?? null;
  }

  #showMode() {
    if (!this.#labelled) return;
    const mode = this.#modeShown();
    this.#view(mode);
    // A view that needs the full module (and its own code) waits for them, hidden, while the
    // status says so; before the start, #start loads both.
    const waiting = FULL_VIEWS.has(mode) && (!MODES[mode] || (this.#started && !engine.isFull()));
    if (waiting && this.#started) this.#upgrade().then(() => this.#showMode(), () => {});
    else if (waiting) loadViews().then(() => this.#showMode(), () => {});
    for (const [name, view] of this.#views) {
      const on = name === mode && !waiting;
      view.view.hidden = !on;
      view.explanation.hidden = !on;
      if (on && this.#started && !view.startedOnce) {
        view.startedOnce = true;
        view.start();
      } else if (!on) view.hide?.();
    }
    this.#mount();
    this.#closeCompare();
  }

  /**
   * Moves the engine to the full module (once per page; the session is carried over by replay)
   * and loads the other modes' views, with the loading status shown meanwhile. Rejects, after
   * saying so, when either cannot load.
   */
  #upgrade() {
    // Both, or a caller waiting for them would wait again and again (the page may have moved
    // the engine already, for Explain a real reply).
    if (engine.isFull() && viewsLoaded()) return Promise.resolve();
    this.#upgrading ??= (async () => {
      const { loading } = this.#ui;
      loading.textContent = this.#t('loading');
      loading.classList.remove('error');
      loading.hidden = false;
      try {
        await Promise.all([engine.full(), loadViews()]);
        loading.hidden = true;
      } catch (e) {
        loading.textContent = this.#t('loadFailed');
        loading.classList.add('error');
        this.#emit('smtp-error', { kind: 'load', message: this.#t('loadFailed') });
        throw e;
      } finally {
        this.#upgrading = null;
      }
    })();
    return this.#upgrading;
  }

  /** Layout, theme, panels and readonly as classes the stylesheet reads. */
  #applyFrame() {
    const frame = this.#frame;
    frame.dataset.layout = this.layout;
    if (this.layout !== 'full') this.#adoptLayouts();
    const shown = new Set(this.panels.split(/[\s,]+/).filter(Boolean));
    for (const node of this.#root.querySelectorAll('[data-panel]')) {
      node.classList.toggle('panel-off', !shown.has(node.dataset.panel));
    }
    frame.classList.toggle('no-explain', !shown.has('explain'));
    frame.classList.toggle('readonly', this.readonly);
  }

  /**
   * The layouts' sheet in this shadow root, right after the element's own (where its rules were);
   * the frame's content hidden until it is in. Resolves then (or when it cannot load).
   */
  #adoptLayouts() {
    const frame = this.#frame;
    frame.classList.add('unlaid');
    layouts ??= import('./layout-style.js').then((m) => m.layoutSheet());
    this.#laid = layouts
      .then((sheet) => {
        const sheets = this.#root.adoptedStyleSheets;
        const at = sheets.indexOf(elementSheets()[2]) + 1;
        if (!sheets.includes(sheet)) this.#root.adoptedStyleSheets = [...sheets.slice(0, at), sheet, ...sheets.slice(at)];
      }, () => {
        layouts = null;
      })
      .finally(() => frame.classList.remove('unlaid'));
  }

  #labelHost() {
    if (!this.hasAttribute('aria-label')) this.#internals.ariaLabel = this.#t('elementLabel');
  }

  /** The texts file came: what showed its placeholder again, unless a language switch is under way (it relabels when done). */
  #textsArrived() {
    if (!this.#started || this.#t.lang !== this.#lang || !engine.covers(this.#lang)) return;
    for (const view of this.#views.values()) if (view.startedOnce) view.relabel();
    if (this.#comparing && this.#comparePair) this.#compare(...this.#comparePair);
  }

  /**
   * Re-reads the language in effect. When it changed, the element keeps showing the old one
   * until the new one's labels are loaded and, once the session runs, the module holds its texts
   * (the explanations come from it): then everything is relabelled at once, never half in one
   * language and half in the other.
   */
  languageChanged(force = false) {
    const lang = normalizeLang(inheritedLang(this));
    if (!force && lang === this.#lang) return;
    this.#lang = lang;
    const waits = [];
    let labelsFailed = false;
    if (!hasLabels(lang)) waits.push(loadLabels(lang).catch((e) => {
      labelsFailed = true;
      throw e;
    }));
    if (this.#started || this.#starting) {
      const held = engine.covers(lang);
      const ready = engine.useLanguage(this, lang);
      // Before the start, #start waits for the module (and relabels).
      if (this.#started && !held) waits.push(ready);
    }
    if (!waits.length) {
      this.#applyLanguage(lang);
      return;
    }
    // A module that fails to load leaves the texts in the old language: the labels follow anyway.
    Promise.allSettled(waits).then(() => {
      if (this.#lang !== lang || !this.isConnected) return;
      // The views' labels became wanted meanwhile (full-ui.js loading): those too, then.
      if (!hasLabels(lang)) {
        if (!labelsFailed) this.languageChanged(true);
        return;
      }
      const first = !this.#labelled;
      this.#applyLanguage(lang);
      if (first) this.#showMode();
    });
  }

  /** Shows `lang` (its labels loaded): every label, the status, the host's name, the views. */
  #applyLanguage(lang) {
    const t = translator(lang);
    this.#t = t;
    this.#labelled = true;
    this.#frame.classList.remove('unlabelled');
    applyLabels(this.#root, t);
    this.#ui.loading.textContent = t(this.#ui.loading.classList.contains('error') ? 'loadFailed' : 'loading');
    this.#labelHost();
    if (this.#started) for (const view of this.#views.values()) if (view.startedOnce) view.relabel();
  }

  // ---- Events out ----

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #announce(text) {
    // Cleared first so the same words twice are still read.
    this.#ui.live.textContent = '';
    this.#ui.live.textContent = text;
  }

  /**
   * "Compare with …" in an explanation: the host page may show it (call preventDefault on
   * smtp-compare); else the element shows the two codes in its own Explanation.
   */
  async #compare(a, b) {
    const event = new CustomEvent('smtp-compare', { detail: { a, b }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) return;
    // The renderer and its styles come on the first comparison (a click: never in the first load).
    const asked = (this.#compareAsked = [a, b]);
    let comparison;
    try {
      comparison = await import('./components/comparison.js');
    } catch {
      return; // Not reachable now: the explanation stays; the next click tries again.
    }
    if (this.#compareAsked !== asked) return;
    const body = el('div', 'comparison');
    const shown = comparison.renderComparison(body, a, b, this.language, this.#t, {
      root: this.#root,
      titleId: 'element-compare-title',
    });
    if (!shown) return;
    this.#comparePair = [a, b];
    const { compareBox } = this.#ui;
    const back = el('button', 'link back-to-explanation', this.#t('compareBackToExplanation'));
    back.type = 'button';
    back.addEventListener('click', () => {
      this.#closeCompare();
      this.#current()?.explanation.querySelector('.confusion')?.focus();
    });
    compareBox.replaceChildren(back, body);
    compareBox.hidden = false;
    this.#current().explanation.hidden = true;
    this.#comparing = true;
    back.focus();
  }

  #closeCompare() {
    if (!this.#comparing) return;
    this.#comparing = false;
    this.#ui.compareBox.hidden = true;
    this.#ui.compareBox.replaceChildren();
    const view = this.#current();
    if (view) view.explanation.hidden = false;
  }

  // ---- Methods ----

  /** Focus goes to the mode's input (the command box, the reply box, or Step). */
  focus(options) {
    const view = this.#current();
    if (view && this.#started) view.focus(options);
    else super.focus(options);
  }

  /**
   * Sends one line: a command (or a message line in DATA) as the client, or a reply line as the
   * server in mode="server". Resolves with the replies it got (client) or the client's turn.
   */
  async send(line) {
    await this.#start();
    const view = this.#current();
    if (this.lesson) return view.send(String(line), 'api');
    if (this.mode === 'client' || this.mode === 'server') {
      return this.mode === 'client' ? view.send(String(line), 'api') : view.answer(String(line));
    }
    throw new DOMException('send() works in the client and server modes', 'NotSupportedError');
  }

  /** Starts the current mode over (a fresh session, the same settings). */
  async reset() {
    await this.#start();
    this.#current()?.reset();
  }

  /**
   * Loads a session: `{ transcript: text | URL | '#id' }` replays a transcript (stepping through
   * it unless `autoplay`), `{ state }` a share link or its payload (`1.z.…`), replayed at once with
   * every drifted reply marked. Resolves with what `import` returns; a payload that does not
   * decode rejects with a DOMException "DataError" whose message says why, in the element's
   * language (and shows it in the transcript).
   */
  async load(source = {}) {
    await this.#start();
    if (source.state) {
      const [api] = await Promise.all([import('./element-import.js'), this.#upgrade(), loadToolLabels()]);
      return this.import(api.decodeState(this.#importContext(), this.#current(), source.state), { play: 'now' });
    }
    if (source.transcript) return this.import(await this.#fetchText(source.transcript));
    if (source.text) return this.import(source.text);
    if (source.lesson) {
      this.lesson = source.lesson;
      await this.#reloadLesson();
      return null;
    }
    return null;
  }

  /**
   * A link that opens this session: the page's own URL without its fragment (or the
   * `share-base` attribute, resolved against it), then `#s=1.<codec>.<payload>` — the same link
   * `smtp-sim link --base URL` prints for the exported transcript. The host's location is read,
   * never written. AUTH secrets are redacted unless `{ credentials: true }`. Client mode only.
   */
  async shareUrl({ credentials = false } = {}) {
    await this.#start();
    if (this.mode !== 'client' || !engine.transcripts.available) {
      throw new DOMException(this.#t('engine.unsupported'), 'NotSupportedError');
    }
    await this.#upgrade();
    const text = this.export('text', { credentials });
    const base = new URL(this.getAttribute('share-base') ?? document.baseURI, document.baseURI);
    base.hash = '';
    return `${base.href}#s=${engine.transcripts.shareEncode(text)}`;
  }

  /** The transcript so far: 'text' (the C:/S: grammar lessons use), 'json' or 'mermaid'. */
  export(format = 'text', { credentials = false } = {}) {
    const lines = this.#current()?.transcript.lines() ?? [];
    if (format === 'text' || format === 'smtp') return exportText(lines, this.#meta(), { credentials });
    if (format === 'json') return exportJson(lines, this.#meta());
    if (format === 'mermaid') return exportMermaid(lines);
    throw new DOMException(`unknown format "${format}"`, 'NotSupportedError');
  }

  /**
   * Reads a transcript (our export, C:/S:, swaks or telnet/nc), says how it read it, and replays
   * its client writes in a fresh session (the server's lines in mode="server"). With `autoplay` it
   * runs them at `speed`, marking every reply that differs from the recording; without,
   * mode="client" puts them in the script box to step through (`{ play: 'now' }` replays them at
   * once, as a share link does). Resolves with { format, lines, sent, drift: [{ line, recorded, now }] }.
   */
  async import(text, { play = null } = {}) {
    await this.#start();
    // The transcript readers are in the full module, the replay in element-import.js, its words
    // in the tools' labels.
    const [api] = await Promise.all([import('./element-import.js'), this.#upgrade(), loadToolLabels()]);
    return api.importTranscript(this.#importContext(), this.#current(), text, play);
  }

  /** What element-import.js uses of the element. */
  #importContext() {
    return {
      host: this,
      t: this.#t,
      emit: (type, detail) => this.#emit(type, detail),
      personas: ENUMS.persona,
      importText,
      steps,
      drift,
      transcripts: engine.transcripts,
    };
  }

  /** The transcript header: the engine that recorded it, the persona (client mode) and language. */
  #meta() {
    return { engine: VERSION, persona: this.mode === 'client' ? this.persona : null, lang: this.language };
  }

  async #fetchText(ref) {
    if (ref.startsWith('#')) {
      const node = this.getRootNode().getElementById?.(ref.slice(1)) ?? document.getElementById(ref.slice(1));
      return node?.textContent ?? '';
    }
    const response = await fetch(new URL(ref, document.baseURI));
    return response.text();
  }

  /** Reads the lesson the attribute names (a URL, or `#id` of an inline script). */
  async #loadLesson() {
    const ref = this.lesson;
    try {
      if (ref.startsWith('#')) {
        const node = this.getRootNode().getElementById?.(ref.slice(1)) ?? document.getElementById(ref.slice(1));
        if (!node) throw new Error(ref);
        this.#lessonSource = { text: node.textContent, inline: true, file: 'inline' };
        return;
      }
      const url = new URL(ref, document.baseURI);
      const response = await fetch(url);
      if (!response.ok) throw new Error(String(response.status));
      this.#lessonSource = { text: await response.text(), inline: false, file: url.pathname.split('/').pop() || 'lesson.smtp' };
    } catch {
      // The words are the lesson view's, which may not be loaded yet.
      await loadViewLabels().catch(() => {});
      this.#lessonSource = { error: this.#t('lesson.fetchFailed', { ref }) };
    }
  }

  /** A new lesson attribute after start: load it and start the lesson view over. */
  async #reloadLesson() {
    if (!this.lesson) {
      this.#showMode();
      return;
    }
    await this.#loadLesson();
    if (this.#started) await this.#upgrade();
    const view = this.#views.get('lesson');
    const again = view?.startedOnce;
    this.#showMode();
    if (again) view.start();
  }

  async #loadFromAttributes() {
    try {
      if (this.state) await this.load({ state: this.state });
      else if (this.transcript) await this.load({ transcript: this.transcript });
    } catch (e) {
      this.#emit('smtp-error', { kind: 'load', message: String(e?.message ?? e) });
    }
  }
}

if (!customElements.get('smtp-sim')) customElements.define('smtp-sim', SmtpSimElement);
