// demo.html: shows what a host page hears. Every smtp-* event bubbles out of its element
// (composed), so one listener on the document hears all of them; the frame reports by postMessage.

const log = document.getElementById('events');
const frame = document.getElementById('framed');

function add(source, type, detail) {
  const li = document.createElement('li');
  const summary = detail?.code ?? detail?.line ?? detail?.to ?? detail?.kind ?? '';
  li.textContent = `${source} ${type} ${summary}`.trim();
  log.append(li);
  while (log.children.length > 200) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

for (const type of ['smtp-ready', 'smtp-command', 'smtp-reply', 'smtp-state', 'smtp-message', 'smtp-warning', 'smtp-error']) {
  document.addEventListener(type, (e) => add(`#${e.target.id}`, type, e.detail));
}

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== location.origin) return;
  if (e.data?.type === 'smtp-sim') add('#framed', e.data.event, e.data.detail);
  if (e.data?.type === 'smtp-sim:height') frame.style.height = `${e.data.px}px`;
});
