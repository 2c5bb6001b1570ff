// What <smtp-sim>'s import() and load({ state }) do with a transcript or a share link: loaded on
// the first such call (smtp-sim.js), never in the first load, which has only the element's
// export().
//
// It imports nothing: the transcript readers, the engine and the element's private parts come
// from the element, since a static import here would split the bundles' shared chunks by which
// entries reach each module, into more files for the first load to fetch.

/**
 * Reads `text` (our export, C:/S:, swaks or telnet/nc), says how it read it, and replays it in
 * a fresh session of `view` (see SmtpSimElement.import). `x`: the element's `host`, translator
 * `t`, `emit`, and the readers `importText`, `steps`, `drift`.
 */
export async function importTranscript(x, view, text, play) {
  const { host, t, importText, steps, drift } = x;
  const read = importText(text);
  if (!read.format) {
    x.emit('smtp-error', { kind: 'import', message: t('import.none') });
    return { format: null, lines: 0, sent: 0, drift: [] };
  }
  const result = { format: read.format, lines: read.lines.length, sent: 0, drift: [] };
  const told = t('import.read', { format: t(`import.format.${read.format}`), n: read.lines.length });
  if (host.mode === 'server') {
    const answers = read.lines.filter((l) => l.side === 'S').map((l) => l.text);
    view.reset(answers);
    view.transcript.notice(told);
    result.sent = answers.length;
    return result;
  }
  if (host.mode !== 'client') throw new DOMException('import works in the client and server modes', 'NotSupportedError');
  if (read.meta.persona && read.meta.persona !== host.persona && x.personas.includes(read.meta.persona)) {
    host.persona = read.meta.persona;
  }
  view.reset();
  view.transcript.notice(told);
  const todo = steps(read.lines);
  if (!host.autoplay && !play) {
    await view.loadScript(todo.map((s) => s.line));
    return result;
  }
  for (const step of todo) {
    // A redacted AUTH exchange replays cancelled (lesson-format §18.4): its lines are sent as
    // "*" while the exchange is open, and skipped once it is over.
    if (step.redacted && step.line === '*' && view.session.state() !== 'Auth') continue;
    const replies = view.send(step.line, 'import', step.ending);
    if (step.redacted && replies.at(-1)?.code === 334) view.send('*', 'import');
    result.sent += 1;
    const now = replies.flatMap((r) => r.wire.split('\r\n').slice(0, -1));
    const differs = step.redacted ? null : drift(step.recorded, now, read.format);
    if (differs) {
      result.drift.push({ line: step.line, ...differs });
      view.transcript.notice(t('import.drift', differs), 'drift');
    }
    if (play !== 'now') await new Promise((ok) => setTimeout(ok, 250 / host.speed));
  }
  if (play === 'now') view.transcript.notice(t(result.drift.length ? 'share.drifted' : 'share.same', { n: result.drift.length }), result.drift.length ? 'drift' : '');
  return result;
}

/** The transcript text of a share link or payload; a bad one is shown in `view` and thrown as words. */
export function decodeState(x, view, state) {
  try {
    return x.transcripts.shareDecode(String(state));
  } catch (e) {
    const message = x.t(`share.error.${e.reason ?? 'Shape'}`) ?? x.t('share.error.Shape');
    view?.reset?.();
    view?.transcript.notice(message, 'error');
    throw new DOMException(message, 'DataError');
  }
}
