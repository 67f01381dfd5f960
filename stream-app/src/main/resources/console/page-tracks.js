// #/tracks and #/track/<id>: 3D pose fits per track.
import { h, setText, setChildren, trackHref, timeEl, toMs, emptyNote, coalesce } from './dom.js';
import { store } from './store.js';
import { drawSkeleton, SMPL_NAMES, TARGET_COLOR, FITTED_COLOR } from './skeleton.js';
import { drawLineChart } from './charts.js';

function mm(v) {
  const n = Number(v);
  return Number.isFinite(n) ? `${n.toFixed(1)} mm` : '—';
}

export function mountList(root) {
  const tbody = h('tbody');
  const table = h('table', { id: 'tracks', class: 'grid' },
    h('thead', null, h('tr', null, h('th', null, 'Track'), h('th', { class: 'num' }, 'Mean joint error'),
      h('th', null, 'Method'), h('th', null, 'Camera'), h('th', null, 'Captured'), h('th', { class: 'num' }, 'Fits'))),
    tbody);
  const empty = emptyNote('no tracks yet');
  root.append(h('h1', null, 'Tracks'), empty, table);
  const rows = new Map();

  const render = coalesce(() => {
    const col = store.get('pose');
    const latest = col.keys().map((k) => col.latest(k)).filter(Boolean).sort((a, b) => b.id - a.id);
    const nodes = latest.map((env) => {
      const trackId = String(env.key ?? env.event.trackId ?? '');
      const r = rows.get(trackId);
      const n = col.forKey(env.key).length;
      if (r && r.envId === env.id && r.n === n) return r.tr;
      const ev = env.event;
      const tr = h('tr', { class: 'track', dataset: { trackId, eventId: env.id } },
        h('td', null, h('a', { href: trackHref(trackId) }, trackId)),
        h('td', { class: 'residual num' }, mm(ev.meanJointErrorMm)),
        h('td', null, ev.method ?? '—'),
        h('td', null, ev.source && ev.source.cameraId ? ev.source.cameraId : '—'),
        h('td', null, timeEl(ev.captureTime || env.receivedAt)),
        h('td', { class: 'num' }, String(n)));
      rows.set(trackId, { tr, envId: env.id, n });
      return tr;
    });
    setChildren(tbody, nodes);
    empty.hidden = nodes.length > 0;
    table.hidden = nodes.length === 0;
  }, 80);
  render.now();
  return {
    onEvent(type) { if (type === 'pose') render(); },
    unmount() { render.cancel(); },
  };
}

export function mountDetail(root, trackId) {
  const canvas = h('canvas', { width: 480, height: 480 });
  const residual = h('div', { id: 'residual', class: 'big-number' });
  const meta = h('p', { class: 'meta' });
  const chart = h('canvas', { class: 'chart', width: 600, height: 160 });
  const jointsBody = h('tbody');
  const empty = emptyNote('no pose fits for this track yet');
  const body = h('div', { class: 'track-body', hidden: true },
    h('div', { class: 'track-grid' },
      h('section', { class: 'panel' }, h('h2', null, 'Skeleton'),
        h('div', { id: 'skeleton' }, canvas),
        h('p', { class: 'legend' },
          h('span', { class: 'swatch', style: `background:${TARGET_COLOR}` }), ' target ',
          h('span', { class: 'swatch', style: `background:${FITTED_COLOR}` }), ' fitted ',
          h('span', { class: 'hint' }, '· drag to rotate'))),
      h('section', { class: 'panel' }, h('h2', null, 'Residual'), residual, meta,
        h('div', { id: 'residual-chart' }, chart),
        h('h3', null, 'Per-joint residual'),
        h('table', { id: 'joint-residuals', class: 'grid compact' },
          h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'Joint'), h('th', { class: 'num' }, 'Residual'))),
          jointsBody))));
  root.append(h('h1', null, h('a', { href: '#/tracks', class: 'back' }, 'Tracks'), ' / ',
    h('span', { class: 'track-title' }, trackId)), empty, body);

  const view = { yaw: 0.6, pitch: 0.25 };
  let joints = null;
  let shownId = null;
  let dragging = null;
  let lastInteraction = 0;

  function draw() {
    if (!joints) return;
    const n = drawSkeleton(canvas, joints, view);
    canvas.dataset.drawn = 'true';
    canvas.dataset.joints = String(n);
  }

  const render = coalesce(() => {
    const evs = store.get('pose').forKey(trackId);
    const latest = evs[evs.length - 1];
    empty.hidden = !!latest;
    body.hidden = !latest;
    if (!latest || latest.id === shownId) return;
    shownId = latest.id;
    const ev = latest.event;
    setText(residual, mm(ev.meanJointErrorMm));
    residual.dataset.eventId = String(latest.id);
    const parts = [];
    if (ev.method) parts.push(`method ${ev.method}`);
    if (ev.iterations !== undefined && ev.iterations !== null) parts.push(`${ev.iterations} iterations`);
    if (ev.source && ev.source.cameraId) parts.push(`camera ${ev.source.cameraId}`);
    meta.replaceChildren(timeEl(ev.captureTime || latest.receivedAt), parts.length ? ' · ' + parts.join(' · ') : '');
    joints = { fitted: ev.fittedJoints, targets: latest.links.targets };
    draw();
    const pts = evs.map((e) => ({ t: toMs(e.event.captureTime), v: Number(e.event.meanJointErrorMm) }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
    drawLineChart(chart, pts, { unit: '' });
    const res = Array.isArray(ev.jointResidualsMm) ? ev.jointResidualsMm : [];
    setChildren(jointsBody, res.map((v, i) => h('tr', null, h('td', null, String(i)),
      h('td', null, SMPL_NAMES[i] || `joint ${i}`), h('td', { class: 'num' }, mm(v)))));
  }, 60);
  render.now();

  canvas.addEventListener('pointerdown', (e) => {
    dragging = { x: e.clientX, y: e.clientY, yaw: view.yaw, pitch: view.pitch };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!dragging) return;
    view.yaw = dragging.yaw + (e.clientX - dragging.x) * 0.01;
    view.pitch = Math.max(-1.4, Math.min(1.4, dragging.pitch + (e.clientY - dragging.y) * 0.01));
    lastInteraction = performance.now();
    draw();
  });
  const endDrag = () => { dragging = null; lastInteraction = performance.now(); };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);

  let raf = 0;
  let prev = performance.now();
  const spin = (now) => {
    const dt = Math.min(100, now - prev);
    prev = now;
    if (!dragging && now - lastInteraction > 3000) {
      view.yaw += dt * 0.0004; // slow turn when idle
      draw();
    }
    raf = requestAnimationFrame(spin);
  };
  raf = requestAnimationFrame(spin);
  const onResize = () => draw();
  window.addEventListener('resize', onResize);

  return {
    onEvent(type, env) { if (type === 'pose' && env && String(env.key ?? '') === trackId) render(); },
    unmount() {
      render.cancel();
      cancelAnimationFrame(raf);
      window.removeEventListener('resize', onResize);
    },
  };
}
