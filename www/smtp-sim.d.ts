// Types of the <smtp-sim> element (hand-written; the wasm module's own API is in pkg/smtp_sim.d.ts).
//
//   <script type="module" src="smtp-sim.js"></script>
//   <smtp-sim mode="client" persona="strict" lang="pt-BR" layout="compact"></smtp-sim>

/** What the learner plays: the client, the server, a spectator, or the attacker in the two-hop smuggling lab. */
export type SmtpSimMode = 'client' | 'watch' | 'server' | 'lab';
/** How the simulated server treats line endings. */
export type SmtpSimPersona = 'strict' | 'lenient' | 'vulnerable';
export type SmtpSimLayout = 'full' | 'compact' | 'inline';
export type SmtpSimTheme = 'auto' | 'light' | 'dark';
export type SmtpSimLoading = 'lazy' | 'eager';
/** Panel names for the `panels` token list. */
export type SmtpSimPanel = 'toolbar' | 'state' | 'transcript' | 'message' | 'input' | 'controls' | 'tools' | 'explain';
/** Where a server session stands. */
export type SmtpSimState = 'Connected' | 'Ready' | 'Auth' | 'Mail' | 'Rcpt' | 'Data' | 'Bdat' | 'Closed';
/** Who sent a line: the learner typing, a paste, the script box, an import, a call to send(), or the simulated client. */
export type SmtpSimSource = 'learner' | 'paste' | 'script' | 'import' | 'api' | 'client';

export interface SmtpSimReadyDetail {
  version: string;
  mode: SmtpSimMode;
  persona: SmtpSimPersona;
  /** The language in effect: "en" or "pt-BR". */
  lang: string;
}
export interface SmtpSimCommandDetail {
  /** The line as sent, without its line ending. */
  line: string;
  /** The command verb the server read (upper case), or null for message content. */
  verb: string | null;
  /** True for a message line (in DATA or a BDAT chunk). */
  data: boolean;
  source: SmtpSimSource;
}
export interface SmtpSimReplyDetail {
  /** The reply's number in its session (0 is the greeting). */
  id: number;
  code: number;
  /** The RFC 3463 enhanced status code, e.g. "2.1.0", or null. */
  enhanced: string | null;
  /** Each line's text without code and separator. */
  lines: string[];
  /** Where the session stands after it (client mode); the simulated client's state in server mode; null in watch. */
  state: string | null;
  /** "server" for the simulated server's replies, "learner" for replies typed in server mode. */
  source: 'server' | 'learner';
  /** Server mode: how the learner's reply fitted the step. */
  verdict?: { fit: 'usual' | 'unusual' | 'refusal' | 'closing' | 'wrong' | 'malformed' | 'unsolicited'; ok: boolean; text: string } | null;
}
export interface SmtpSimStateDetail {
  from: SmtpSimState;
  to: SmtpSimState;
}
export interface SmtpSimMessageDetail {
  /** The message's number in its session, from 1. */
  id: number;
  /** The reverse-path ("" for the null sender). */
  from: string;
  recipients: string[];
  /** Octets as stored (dots unstuffed). */
  size: number;
  /** The content decoded as UTF-8. */
  text: string;
}
export interface SmtpSimWarningDetail {
  kind: 'BareLfInCommand' | 'BareLfInData' | 'BareCrInData' | 'DiscardedAfterStartTls' | 'AuthWithoutTls' | 'NonStandardEndOfData';
  count: number | null;
  /** The catalogue's title and text, in the element's language. */
  title: string;
  text: string;
}
export interface SmtpSimErrorDetail {
  /** "load": the module could not load; "trap": the module failed and was restarted (the session is restored); "import": a transcript could not be read. */
  kind: 'load' | 'trap' | 'import' | 'invalid' | 'lesson';
  /** A sentence in the element's language. */
  message: string;
}
export interface SmtpSimSelectDetail {
  id: number;
  code: number;
}
export interface SmtpSimCompareDetail {
  a: number;
  b: number;
}
export interface SmtpSimImportResult {
  format: 'smtp' | 'swaks' | 'nc' | null;
  /** Lines read. */
  lines: number;
  /** Lines sent (with autoplay) or answered (server mode). */
  sent: number;
  /** Replies that differ from the recorded ones. */
  drift: { line: string; recorded: number; now: number }[];
}

/** A lesson step was completed (fired once per step, not for steps replayed on resume). */
export interface SmtpSimStepDetail {
  /** The lesson's id and revision (progress is kept per id@revision). */
  lesson: string;
  revision: number;
  /** The step's index, from 0, its stable id and its title in the element's language. */
  step: number;
  id: string;
  title: string;
  /** How many steps the lesson has. */
  of: number;
  /** The step's goals as the lesson writes them ("reply 354", "state rcpt"); all met now. */
  goals: string[];
  /** Fail texts shown in this step, hints revealed, and whether "Show me" was used. */
  attempts: number;
  hints: number;
  shown: boolean;
}
/** The last step of a lesson was completed. */
export interface SmtpSimLessonCompleteDetail {
  lesson: string;
  revision: number;
  steps: number;
  /** Totals over all steps. */
  attempts: number;
  hints: number;
  /** Steps where "Show me" was used. */
  shown: number;
}
/** mode="lab": a run of the two-hop lab. */
export interface SmtpSimLabDetail {
  relay: 'passthrough' | 'reject' | 'normalize' | 'clean';
  inbound: 'Strict' | 'Lenient' | 'Vulnerable';
  /** Messages relay A accepted, messages inbound B delivered. */
  accepted: number;
  delivered: number;
}

export interface SmtpSimEventMap {
  'smtp-step': CustomEvent<SmtpSimStepDetail>;
  'smtp-lesson-complete': CustomEvent<SmtpSimLessonCompleteDetail>;
  'smtp-lab': CustomEvent<SmtpSimLabDetail>;
  'smtp-ready': CustomEvent<SmtpSimReadyDetail>;
  'smtp-command': CustomEvent<SmtpSimCommandDetail>;
  'smtp-reply': CustomEvent<SmtpSimReplyDetail>;
  'smtp-state': CustomEvent<SmtpSimStateDetail>;
  'smtp-message': CustomEvent<SmtpSimMessageDetail>;
  'smtp-warning': CustomEvent<SmtpSimWarningDetail>;
  'smtp-error': CustomEvent<SmtpSimErrorDetail>;
  /** A reply was selected (a new one, or one the learner clicked). */
  'smtp-select': CustomEvent<SmtpSimSelectDetail>;
  /** "Compare with …" was clicked; call preventDefault() to show the comparison yourself. */
  'smtp-compare': CustomEvent<SmtpSimCompareDetail>;
}

export declare class SmtpSimElement extends HTMLElement {
  /** Where every element on the page loads the wasm module from (default: next to smtp-sim.js). */
  static wasmUrl: string;
  static readonly version: string;
  mode: SmtpSimMode;
  persona: SmtpSimPersona;
  /** A space-separated list of SmtpSimPanel names; all panels when the attribute is absent. */
  panels: string;
  layout: SmtpSimLayout;
  theme: SmtpSimTheme;
  readonly: boolean;
  /** A share payload ("1.t.<base64url>"); more codecs come with share links. */
  state: string;
  /** A transcript to replay: a URL or "#id" of an element holding the text. */
  transcript: string;
  autoplay: boolean;
  /** 1 is the normal pace. */
  speed: number;
  loading: SmtpSimLoading;
  /**
   * A lesson (docs/lesson-format.md): a URL relative to the page ("first-mail.smtp") or "#id" of a
   * `<script type="text/x-smtp-lesson">`. While set, the element shows the lesson (a lab lesson in
   * the lab) whatever `mode` says. Progress is kept in localStorage per `id@revision`.
   */
  lesson: string;
  /**
   * The language shown: this element's `lang`, else the nearest ancestor's. After a change it
   * follows once that language's labels (fetched when first shown) and texts are in.
   */
  readonly language: 'en' | 'pt-BR';
  /** Resolves once the module is loaded and the session started. */
  readonly ready: Promise<void>;
  /** Sends one line (client mode: a command or a message line; server mode: a reply line). */
  send(line: string): Promise<unknown>;
  reset(): Promise<void>;
  load(source: { transcript?: string; state?: string; text?: string; lesson?: string }): Promise<SmtpSimImportResult | null>;
  /**
   * A link that replays this session: `share-base` (or the page's URL without its fragment), then
   * `#s=1.<codec>.<payload>`; AUTH secrets redacted unless `credentials`. Client mode only (else
   * rejects with NotSupportedError).
   */
  shareUrl(options?: { credentials?: boolean }): Promise<string>;
  /** The transcript as text (C:/S:), JSON, or a Mermaid sequence diagram. */
  export(format?: 'text' | 'smtp' | 'json' | 'mermaid', options?: { credentials?: boolean }): string;
  import(text: string): Promise<SmtpSimImportResult>;
  focus(options?: FocusOptions): void;
  addEventListener<K extends keyof SmtpSimEventMap>(type: K, listener: (this: SmtpSimElement, ev: SmtpSimEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SmtpSimEventMap>(type: K, listener: (this: SmtpSimElement, ev: SmtpSimEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export declare const VERSION: string;
export declare const PANELS: SmtpSimPanel[];

declare global {
  interface HTMLElementTagNameMap {
    'smtp-sim': SmtpSimElement;
  }
  interface HTMLElementEventMap extends SmtpSimEventMap {}
}
