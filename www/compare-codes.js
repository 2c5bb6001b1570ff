// Two reply codes side by side: the object the full module's `compare` returns, built from what
// every module exports. The first-load (lite) modules leave `compare` out (cargo feature
// `compare`: 1.8 KB of their gzipped bytes), so Compare and "compare with" need no other module:
// the two entries (`explainCode`), the catalogue's headings (`catalogLabels`) and what the
// comparison says beyond the entries, the class pair's summary and the pair's hand-written note
// (`compareTexts`, from the texts files like every long text), make the same object field for
// field, `pending` included. The texts stay in Rust (src/explain/compare.rs); this file only
// arranges them as compare.rs does. tests/e2e/compare.test.mjs holds the two equal for every pair
// of codes, in both languages, before and after each texts file.
//
// Only the comparison view imports it (components/comparison.js): never in a first load.

/**
 * Codes `a` and `b` compared in `lang`, as the module's `compare(a, b, lang)` returns them (a
 * `Comparison`), or `null` when either code is unknown. `m`: `{ explainCode, labels,
 * compareTexts }`, the module's functions (`labels` its `catalogLabels`), or the engine's
 * `catalogue`, which guards them and fetches a texts file when something is pending.
 */
export function compareCodes(m, a, b, lang) {
  const ea = m.explainCode(a, lang);
  const eb = m.explainCode(b, lang);
  if (!ea || !eb) return null;
  const l = m.labels(lang);
  const t = m.compareTexts(a, b, lang);
  const row = (aspect, x, y, same) => ({ aspect, a: x, b: y, same });
  const c = {
    language: ea.language,
    a: ea,
    b: eb,
    summary: t.summary,
    differences: [
      row(l.class, ea.class.name, eb.class.name, ea.class.digit === eb.class.digit),
      row(l.category, ea.category.name, eb.category.name, ea.category.digit === eb.category.digit),
      row(l.next, ea.next, eb.next, ea.code === eb.code),
    ],
    // The first code's commands that get the second too, in its order.
    sharedCommands: ea.producedBy.filter((cmd) => eb.producedBy.includes(cmd)),
    note: t.note,
  };
  // Absent when false, as serde skips it.
  if (t.pending) c.pending = true;
  return c;
}
