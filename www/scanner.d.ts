// Types of www/scanner.js: the end-of-data scanner's own wasm module (RFC 5321 §4.1.1.4, §4.5.2).

/** Which line endings count, as the core's `LineEnd`: "Crlf" (RFC 5321 §2.3.8), "Normalize", "Lf". */
export type LineEnd = 'Crlf' | 'Normalize' | 'Lf';

/** Where a flavour's module comes from. */
export type ScannerSource = URL | string | BufferSource | WebAssembly.Module;

/** What the scanner noticed, as the core's `DataStats`. */
export interface ScannerStats {
  size: number;
  bareLf: number;
  bareCr: number;
  unstuffed: number;
  longLines: number;
  longestLine: number;
}

/** The end-of-data scanner: streaming, chunks split anywhere. */
export declare class DotScanner {
  constructor(options?: { lineEnd?: LineEnd; limit?: number });
  /**
   * A view to write the next chunk into, at least `len` octets: over 256, the input region in wasm
   * memory (detached when memory grows); smaller, a view of the scanner's, copied in by feedInput.
   * A read (stats, messageView, messageLength, exceededLimit, takeMessage) before feedInput drops it.
   */
  inputBuffer(len: number): Uint8Array;
  /** −1 while the end has not been seen; else the octets of this chunk consumed, terminator included. */
  feedInput(len: number): number;
  /** As feedInput, copying `bytes` into the input region first. */
  feed(bytes: Uint8Array): number;
  readonly messageLength: number;
  /** The message kept so far, in place: valid until the next call. */
  messageView(): Uint8Array;
  /** The message kept so far as a copy; the scanner's is emptied. */
  takeMessage(): Uint8Array;
  readonly isComplete: boolean;
  readonly exceededLimit: boolean;
  stats(): ScannerStats;
  free(): void;
}

export declare function simdSupported(): boolean;
export declare const scannerUrls: { simd: URL; scalar: URL };
export declare function loadScanner(options?: {
  flavour?: 'auto' | 'simd' | 'scalar';
  simd?: ScannerSource;
  scalar?: ScannerSource;
}): Promise<{ flavour: 'simd' | 'scalar'; DotScanner: typeof DotScanner }>;
