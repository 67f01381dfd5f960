// #/errors: every error event, newest first, filterable by camera and reason.
import { h, setChildren, cameraHref, timeEl, emptyNote, coalesce } from './dom.js';
import { store } from './store.js';

const ALL = 'all';

function str(v) { return v === null || v === undefined ? '' : String(v); }

function cameraOf(env) {
  const src = env.event.source;
  if (src && src.cameraId !== null && src.cameraId !== undefined) return String(src.cameraId);
  return str(env.key);
}

function coords(src) {
  if (!src || typeof src !== 'object') return '—';
  if (src.topic === undefined && src.partition === undefined && src.offset === undefined) return '—';
  return `${str(src.topic)}/${str(src.partition)}@${str(src.offset)}`;
}

function rebuildOptions(select, values) {
  const current = select.value || ALL;
  const want = [ALL, ...values];
  const have = [...select.options].map((o) => o.value);
  if (have.length === want.length && have.every((v, i) => v === want[i])) return;
  select.replaceChildren(...want.map((v) => h('option', { value: v }, v)));
  select.value = want.includes(current) ? current : ALL;
}

export function mount(root) {
  const camSel = h('select', { id: 'filter-camera' }, h('option', { value: ALL }, ALL));
  const reasonSel = h('select', { id: 'filter-reason' }, h('option', { value: ALL }, ALL));
  const tbody = h('tbody');
  const table = h('table', { id: 'errors', class: 'grid' },
    h('thead', null, h('tr', null, h('th', null, 'Time'), h('th', null, 'Camera'), h('th', null, 'Stage'),
      h('th', null, 'Reason'), h('th', null, 'Message'), h('th', null, 'Source'))),
    tbody);
  const empty = emptyNote('no errors yet');
  const countEl = h('span', { class: 'meta', id: 'errors-count' });
  root.append(h('h1', null, 'Errors'),
    h('div', { class: 'filters' },
      h('label', null, 'Camera ', camSel), h('label', null, 'Reason ', reasonSel), countEl),
    empty, table);
  const rowEls = new Map();
  let applied = '';

  function rowFor(env) {
    let tr = rowEls.get(env.id);
    if (tr) return tr;
    const ev = env.event;
    const cam = cameraOf(env);
    const message = str(ev.message);
    tr = h('tr', { class: 'error-row', dataset: { eventId: env.id, camera: cam, reason: str(ev.reason) } },
      h('td', { class: 'time' }, timeEl(ev.captureTime || ev.emitTime || env.receivedAt)),
      h('td', { class: 'camera' }, cam ? h('a', { href: cameraHref(cam) }, cam) : '—'),
      h('td', { class: 'stage' }, str(ev.stage) || '—'),
      h('td', { class: 'reason' }, str(ev.reason) || '—'),
      h('td', { class: 'message', title: ev.exception ? str(ev.exception) : null }, message),
      h('td', { class: 'source' }, coords(ev.source)));
    rowEls.set(env.id, tr);
    return tr;
  }

  const render = coalesce(() => {
    const items = store.get('error').items; // oldest first, bounded
    const cams = [...new Set(items.map(cameraOf).filter((c) => c !== ''))].sort();
    const reasons = [...new Set(items.map((e) => str(e.event.reason)).filter((r) => r !== ''))].sort();
    rebuildOptions(camSel, cams);
    rebuildOptions(reasonSel, reasons);
    const cf = camSel.value || ALL, rf = reasonSel.value || ALL;
    applied = `${cf}\n${rf}`;
    const shown = [];
    const keep = new Set();
    for (let i = items.length - 1; i >= 0; i--) {
      const env = items[i];
      keep.add(env.id);
      if (cf !== ALL && cameraOf(env) !== cf) continue;
      if (rf !== ALL && str(env.event.reason) !== rf) continue;
      shown.push(rowFor(env));
    }
    for (const k of [...rowEls.keys()]) if (!keep.has(k)) rowEls.delete(k);
    setChildren(tbody, shown);
    empty.hidden = shown.length > 0;
    empty.textContent = items.length ? 'no errors match the filters' : 'no errors yet';
    countEl.textContent = `${shown.length} of ${items.length}`;
  }, 60);
  camSel.addEventListener('change', () => render.now());
  reasonSel.addEventListener('change', () => render.now());
  camSel.addEventListener('input', () => render.now());
  reasonSel.addEventListener('input', () => render.now());
  render.now();
  // also notices values set by script without a change event
  const watch = setInterval(() => {
    if (`${camSel.value || ALL}\n${reasonSel.value || ALL}` !== applied) render.now();
  }, 300);
  return {
    onEvent(type) { if (type === 'error') render(); },
    unmount() { render.cancel(); clearInterval(watch); },
  };
}
