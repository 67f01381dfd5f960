// #/camera/<id>: latest frame, health timeline, alerts, counts and inpainting of one camera.
import { h, setText, setChildren, enc, safeUrl, timeEl, fmtCount, fmtNum, toMs, emptyNote, coalesce, panel } from './dom.js';
import { store, cameraInfo } from './store.js';
import { drawHealthTimeline, drawLineChart } from './charts.js';
import { statusClass } from './page-cameras.js';

const MAX_ALERTS_SHOWN = 100;

function isOkStatus(s) { return String(s || '').toLowerCase() === 'ok'; }

function findingsOf(ev) { return Array.isArray(ev.findings) ? ev.findings.filter((f) => f && typeof f === 'object') : []; }

function captureMs(env) {
  const t = toMs(env.event.captureTime);
  return Number.isFinite(t) ? t : toMs(env.receivedAt);
}

export function mount(root, cameraId) {
  const id = cameraId;
  const statusEl = h('span', { class: 'status-pill' });
  root.append(h('h1', null, h('a', { href: '#/cameras', class: 'back' }, 'Cameras'), ' / ',
    h('span', { class: 'camera-title' }, id), ' ', statusEl));

  // latest frame
  const frameImg = h('img', { alt: 'latest frame' });
  const frameNote = h('p', { class: 'empty', hidden: true }, 'no frame yet');
  const frameInfo = h('p', { class: 'meta' });
  frameImg.addEventListener('load', () => { frameImg.hidden = false; frameNote.hidden = true; });
  frameImg.addEventListener('error', () => { frameImg.hidden = true; frameNote.hidden = false; });
  const frameUrl = () => `/api/frames/${enc(id)}/latest?t=${Date.now()}`;
  frameImg.src = frameUrl();
  let lastFrameRefresh = Date.now();
  const refreshFrame = () => { lastFrameRefresh = Date.now(); frameImg.src = frameUrl(); };

  // health timeline
  const timelineCanvas = h('canvas', { class: 'timeline', width: 600, height: 120 });
  const healthSummary = h('p', { class: 'meta' });

  // alerts
  const alertsList = h('div', { class: 'alerts-list' });
  const alertsEmpty = emptyNote('no alerts yet');
  const alertEls = new Map();

  // counts
  const countsEmpty = emptyNote('no counts yet');
  const countLatest = h('div', { id: 'count-latest', class: 'big-number' });
  const countMeta = h('p', { class: 'meta' });
  const countsCanvas = h('canvas', { class: 'chart', width: 600, height: 180 });
  const overlayBox = h('div', { id: 'count-overlay', class: 'overlay-box' });
  const overlayNote = h('p', { class: 'meta' });
  const countsBody = h('div', { class: 'counts-body', hidden: true },
    h('div', { class: 'count-head' }, countLatest, countMeta),
    h('div', { id: 'counts-chart' }, countsCanvas),
    overlayBox, overlayNote);
  let overlayState = { url: null, envId: null };

  // inpainting
  const inpaintEmpty = emptyNote('no inpainting yet');
  const inpaintBefore = h('figure', { id: 'inpaint-before' });
  const inpaintAfter = h('figure', { id: 'inpaint-after' });
  const inpaintMeta = h('p', { class: 'meta' });
  const inpaintBody = h('div', { class: 'inpaint-body', hidden: true },
    h('div', { class: 'pair' }, inpaintBefore, inpaintAfter), inpaintMeta);
  let inpaintShownId = null;

  root.append(h('div', { class: 'camera-grid' },
    panel('latest-frame', 'Latest frame', frameImg, frameNote, frameInfo),
    panel('health', 'Health timeline', h('div', { id: 'health-timeline' }, timelineCanvas), healthSummary),
    panel('alerts', 'Alerts', alertsEmpty, alertsList),
    panel('counts', 'Counts', countsEmpty, countsBody),
    panel('inpainting', 'Inpainting', inpaintEmpty, inpaintBody)));

  function renderStatus() {
    const info = cameraInfo(id);
    const s = info ? String(info.status) : 'unknown';
    setText(statusEl, s);
    statusEl.className = `status-pill ${statusClass(s)}`;
    if (info) {
      setText(frameInfo, `fps ${fmtNum(info.fps, 1)} · lag ${fmtNum(info.lag, 0)} · frames ${fmtNum(info.frames, 0)}`);
    }
  }

  function renderHealth() {
    const evs = store.get('health').forKey(id);
    const evaluations = evs.map((env) => {
      const ev = env.event;
      const f = findingsOf(ev);
      let rows;
      if (f.length) rows = [...new Set(f.map((x) => String(x.kind || 'UNKNOWN').toUpperCase()))];
      else if (isOkStatus(ev.status) || ev.status === undefined || ev.status === null) rows = ['OK'];
      else rows = [String(ev.status).toUpperCase()];
      return { t: captureMs(env), rows };
    });
    drawHealthTimeline(timelineCanvas, evaluations);
    const last = evs[evs.length - 1];
    if (last) {
      const ev = last.event;
      const fr = ev.frame && typeof ev.frame === 'object' ? ev.frame : null;
      const parts = [`${evs.length} evaluations`, `last: ${String(ev.status ?? '?')}`];
      if (fr) parts.push(`${fr.width}×${fr.height}`, `mean luma ${fmtNum(fr.meanLuma, 1)}`);
      setText(healthSummary, parts.join(' · '));
    } else {
      setText(healthSummary, 'no health evaluations yet');
    }
  }

  function alertEl(env) {
    const ev = env.event;
    const f = findingsOf(ev);
    const kinds = [...new Set(f.map((x) => String(x.kind || 'UNKNOWN')))];
    const el = h('article', { class: 'alert', dataset: { eventId: env.id, kinds: kinds.join(',') } },
      h('div', { class: 'alert-head' },
        h('span', { class: 'kinds' }, ...kinds.map((k) => h('span', { class: 'kind' }, k))),
        timeEl(ev.captureTime || env.receivedAt)),
      h('ul', { class: 'messages' }, ...f.map((x) => h('li', { class: 'message' }, x.message ?? ''))));
    const snap = safeUrl(env.links.frame);
    if (snap) {
      el.append(h('a', { href: snap, target: '_blank', rel: 'noopener' },
        h('img', { class: 'snapshot', src: snap, alt: 'snapshot', loading: 'lazy' })));
    }
    return el;
  }

  function renderAlerts() {
    const alerts = store.get('health').forKey(id).filter((env) => findingsOf(env.event).length > 0
      || !(isOkStatus(env.event.status) || env.event.status === undefined || env.event.status === null));
    alerts.sort((a, b) => (captureMs(b) - captureMs(a)) || (b.id - a.id));
    const shown = alerts.slice(0, MAX_ALERTS_SHOWN);
    const keep = new Set();
    const nodes = shown.map((env) => {
      keep.add(env.id);
      let el = alertEls.get(env.id);
      if (!el) { el = alertEl(env); alertEls.set(env.id, el); }
      return el;
    });
    for (const k of [...alertEls.keys()]) if (!keep.has(k)) alertEls.delete(k);
    setChildren(alertsList, nodes);
    alertsEmpty.hidden = nodes.length > 0;
    alertsList.dataset.count = String(alerts.length);
  }

  function drawInstances(img, canvas, env) {
    const ev = env.event;
    const w = img.naturalWidth, hgt = img.naturalHeight;
    if (!w || !hgt) return;
    canvas.width = w;
    canvas.height = hgt;
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, w, hgt);
    const scale = Math.max(w, hgt) / 600;
    const r = Math.max(4, 7 * scale);
    ctx.lineWidth = Math.max(1.5, 2 * scale);
    const exemplars = Array.isArray(ev.exemplars) ? ev.exemplars : [];
    ctx.strokeStyle = '#ffd23f';
    ctx.setLineDash([6 * scale, 4 * scale]);
    for (const b of exemplars) {
      if (b && [b.x, b.y, b.width, b.height].every(Number.isFinite)) ctx.strokeRect(b.x, b.y, b.width, b.height);
    }
    ctx.setLineDash([]);
    // the objects behind the count: the verified ones when the verifier counted, else the kept density peaks
    const counted = ev.estimator === 'verified' ? ev.verifiedInstances : ev.instances;
    const inst = Array.isArray(counted) ? counted : [];
    let n = 0;
    for (const p of inst) {
      if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      ctx.strokeStyle = 'rgba(0,0,0,0.7)';
      ctx.lineWidth = Math.max(3, 4 * scale);
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, Math.PI * 2); ctx.stroke();
      ctx.strokeStyle = '#3effa8';
      ctx.lineWidth = Math.max(1.5, 2 * scale);
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, Math.PI * 2); ctx.stroke();
      n++;
    }
    overlayBox.dataset.instances = String(n);
    overlayBox.dataset.eventId = String(env.id);
  }

  function renderCounts() {
    const evs = store.get('count').forKey(id);
    countsEmpty.hidden = evs.length > 0;
    countsBody.hidden = evs.length === 0;
    if (!evs.length) return;
    const latest = evs[evs.length - 1];
    const ev = latest.event;
    setText(countLatest, fmtCount(ev.count));
    countLatest.dataset.eventId = String(latest.id);
    const meta = [];
    if (ev.estimator) meta.push(`estimator ${ev.estimator}`);
    if (ev.densityCount !== undefined && ev.densityCount !== null) meta.push(`density ${fmtNum(ev.densityCount, 1)}`);
    if (ev.verifiedCount !== undefined && ev.verifiedCount !== null) meta.push(`verified ${fmtNum(ev.verifiedCount, 0)}`);
    if (ev.instanceCount !== undefined && ev.instanceCount !== null) meta.push(`instances ${fmtNum(ev.instanceCount, 0)}`);
    if (ev.model && ev.model.name) meta.push(`model ${ev.model.name}${ev.model.version ? ' ' + ev.model.version : ''}`);
    countMeta.replaceChildren(timeEl(ev.captureTime || latest.receivedAt), meta.length ? ' · ' + meta.join(' · ') : '');

    const pts = evs.map((env) => ({ t: captureMs(env), v: Number(env.event.count) }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
    drawLineChart(countsCanvas, pts);

    // overlay: the newest count event that has an image
    let withImg = null;
    for (let i = evs.length - 1; i >= 0 && !withImg; i--) {
      if (safeUrl(evs[i].links.overlay) || safeUrl(evs[i].links.frame)) withImg = evs[i];
    }
    if (!withImg) {
      overlayBox.replaceChildren();
      delete overlayBox.dataset.instances;
      setText(overlayNote, 'no overlay image for this camera yet');
      overlayState = { url: null, envId: null };
      return;
    }
    const url = safeUrl(withImg.links.overlay) || safeUrl(withImg.links.frame);
    setText(overlayNote, withImg.links.overlay ? 'density overlay, rings at counted instances'
      : 'frame, rings at counted instances (no density overlay)');
    if (overlayState.url === url && overlayState.envId === withImg.id) return;
    overlayState = { url, envId: withImg.id };
    const img = h('img', { alt: 'density overlay', src: url });
    const canvas = h('canvas', { class: 'instances' });
    img.addEventListener('load', () => drawInstances(img, canvas, withImg));
    img.addEventListener('error', () => setText(overlayNote, 'overlay image could not be loaded'));
    delete overlayBox.dataset.instances;
    overlayBox.replaceChildren(img, canvas);
    if (img.complete && img.naturalWidth) drawInstances(img, canvas, withImg);
  }

  function figure(fig, url, caption) {
    const cur = fig.querySelector('img');
    if (url) {
      if (!cur || cur.getAttribute('src') !== url) {
        fig.replaceChildren(h('img', { src: url, alt: caption }), h('figcaption', null, caption));
      }
    } else {
      fig.replaceChildren(h('p', { class: 'empty' }, `no ${caption} image`), h('figcaption', null, caption));
    }
  }

  function renderInpaint() {
    const latest = store.get('inpaint').latest(id);
    inpaintEmpty.hidden = !!latest;
    inpaintBody.hidden = !latest;
    if (!latest || latest.id === inpaintShownId) return;
    inpaintShownId = latest.id;
    const ev = latest.event;
    figure(inpaintBefore, safeUrl(latest.links.before), 'before');
    figure(inpaintAfter, safeUrl(latest.links.after), 'after');
    const meta = [];
    if (ev.method) meta.push(`method ${ev.method}`);
    if (Number.isFinite(Number(ev.maskFraction))) meta.push(`mask ${(Number(ev.maskFraction) * 100).toFixed(1)} %`);
    if (ev.model && ev.model.name) meta.push(`model ${ev.model.name}`);
    inpaintMeta.replaceChildren(timeEl(ev.captureTime || latest.receivedAt), meta.length ? ' · ' + meta.join(' · ') : '');
    inpaintBody.dataset.eventId = String(latest.id);
  }

  const dirty = new Set(['status', 'health', 'count', 'inpaint']);
  const render = coalesce(() => {
    if (dirty.has('status')) renderStatus();
    if (dirty.has('health')) { renderHealth(); renderAlerts(); } else if (dirty.has('timeline')) renderHealth();
    if (dirty.has('count')) renderCounts();
    if (dirty.has('inpaint')) renderInpaint();
    if (dirty.has('frame') && Date.now() - lastFrameRefresh > 400) refreshFrame();
    dirty.clear();
  }, 50);
  render.now();

  const frameTimer = setInterval(refreshFrame, 2000);
  const tickTimer = setInterval(() => { dirty.add('timeline'); render(); }, 1000); // keeps the timeline moving
  const onResize = () => { dirty.add('timeline'); dirty.add('count'); render(); };
  window.addEventListener('resize', onResize);

  return {
    onEvent(type, env) {
      if (type === 'cameras') dirty.add('status');
      else if (env && String(env.key ?? '') === id) {
        if (type === 'health') { dirty.add('health'); dirty.add('frame'); }
        else if (type === 'count' || type === 'inpaint') dirty.add(type);
        else return;
      } else return;
      render();
    },
    unmount() {
      render.cancel();
      clearInterval(frameTimer);
      clearInterval(tickTimer);
      window.removeEventListener('resize', onResize);
    },
  };
}
