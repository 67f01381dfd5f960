// #/cameras: one row per configured camera, refreshed from the /api/cameras poll.
import { h, setText, cameraHref, timeEl, fmtNum, fmtAgo, setChildren } from './dom.js';
import { store } from './store.js';

const KNOWN_STATUS = ['ok', 'alert', 'stalled', 'no-config'];

export function statusClass(status) {
  const s = String(status || '').toLowerCase();
  return KNOWN_STATUS.includes(s) ? `status-${s}` : 'status-unknown';
}

export function mount(root) {
  const tbody = h('tbody');
  const table = h('table', { id: 'cameras', class: 'grid' },
    h('thead', null, h('tr', null,
      h('th', null, 'Camera'), h('th', null, 'Status'), h('th', null, 'Last frame'),
      h('th', { class: 'num' }, 'FPS'), h('th', { class: 'num' }, 'Lag'),
      h('th', { class: 'num' }, 'Frames'), h('th', null, 'Stages'))),
    tbody);
  const note = h('div', { class: 'note' });
  root.append(h('h1', null, 'Cameras'), note, table);
  const rows = new Map();

  function rowFor(id) {
    let r = rows.get(id);
    if (r) return r;
    const tr = h('tr', { dataset: { cameraId: id } });
    r = {
      tr,
      link: h('a', { href: cameraHref(id) }, id),
      status: h('td', { class: 'status' }),
      last: h('td', { class: 'last-frame' }),
      fps: h('td', { class: 'fps num' }),
      lag: h('td', { class: 'lag num' }),
      frames: h('td', { class: 'frames num' }),
      stages: h('td', { class: 'stages' }),
      lastKey: undefined,
    };
    tr.append(h('td', { class: 'camera-id' }, r.link), r.status, r.last, r.fps, r.lag, r.frames, r.stages);
    rows.set(id, r);
    return r;
  }

  function render() {
    const cams = store.cameras;
    if (store.camerasError) setText(note, `could not load cameras: ${store.camerasError}`);
    else if (cams === null) setText(note, 'loading cameras…');
    else if (cams.length === 0) setText(note, 'no cameras configured');
    else setText(note, '');
    note.hidden = note.textContent === '';
    if (!cams) return;
    const seen = new Set();
    const ordered = [];
    for (const c of cams) {
      const id = c.cameraId === null || c.cameraId === undefined ? '' : String(c.cameraId);
      if (seen.has(id)) continue;
      seen.add(id);
      const r = rowFor(id);
      const status = c.status === null || c.status === undefined ? 'unknown' : String(c.status);
      setText(r.status, status);
      r.status.className = `status ${statusClass(status)}`;
      r.status.dataset.status = status;
      r.tr.dataset.status = status;
      if (r.lastKey !== c.lastFrameTime) {
        r.lastKey = c.lastFrameTime;
        r.last.replaceChildren(c.lastFrameTime ? timeEl(c.lastFrameTime) : '—');
      }
      r.last.title = c.lastFrameTime ? fmtAgo(c.lastFrameTime) : 'no frame yet';
      setText(r.fps, fmtNum(c.fps, 1));
      setText(r.lag, fmtNum(c.lag, 0));
      setText(r.frames, fmtNum(c.frames, 0));
      setText(r.stages, Array.isArray(c.stages) ? c.stages.map(String).join(', ') : '');
      ordered.push(r.tr);
    }
    for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
    setChildren(tbody, ordered);
  }

  render();
  return {
    onEvent(type) { if (type === 'cameras') render(); },
    unmount() {},
  };
}
