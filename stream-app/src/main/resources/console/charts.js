// Small canvas charts: a time/value line chart and the camera health timeline.

const COLORS = {
  axis: '#56606e',
  grid: '#2a313b',
  text: '#aab4c0',
  line: '#4fa3ff',
  ok: '#3ecf6e',
  alert: '#ff5d5d',
  other: '#f0b429',
};

/** Sizes the canvas backing store to its CSS box times devicePixelRatio. Returns {ctx,w,h}. */
export function prepare(canvas, fallbackW = 600, fallbackH = 180) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(50, Math.round(canvas.clientWidth || fallbackW));
  const h = Math.max(50, Math.round(canvas.clientHeight || fallbackH));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, w, h };
}

function pad2(n) { return String(n).padStart(2, '0'); }
function clock(ms, withSeconds = true) {
  const d = new Date(ms);
  return withSeconds ? `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
    : `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function timeTicks(ctx, x0, x1, t0, t1, yBase) {
  const span = t1 - t0;
  const steps = [1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21600e3, 86400e3];
  const want = Math.max(2, Math.floor((x1 - x0) / 90));
  let step = steps[steps.length - 1];
  for (const s of steps) { if (span / s <= want) { step = s; break; } }
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const tz = new Date(t0).getTimezoneOffset() * 60e3;
  for (let t = Math.ceil((t0 - tz) / step) * step + tz; t <= t1; t += step) {
    const x = x0 + ((t - t0) / span) * (x1 - x0);
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(x + 0.5, 4);
    ctx.lineTo(x + 0.5, yBase);
    ctx.stroke();
    ctx.fillText(clock(t, step < 60e3), x, yBase + 4);
  }
}

/**
 * points: [{t: epoch ms, v: number}] sorted by t. Draws a line with dots.
 */
export function drawLineChart(canvas, points, { unit = '' } = {}) {
  const { ctx, w, h } = prepare(canvas);
  const left = 44, right = w - 10, top = 10, bottom = h - 22;
  const pts = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  canvas.dataset.points = String(pts.length);
  if (pts.length === 0) {
    ctx.fillStyle = COLORS.text;
    ctx.fillText('no data', left, top + 12);
    return;
  }
  let t0 = pts[0].t, t1 = pts[pts.length - 1].t;
  if (t1 - t0 < 1000) { t0 -= 500; t1 += 500; }
  let vMin = Math.min(0, ...pts.map((p) => p.v));
  let vMax = Math.max(...pts.map((p) => p.v));
  if (vMax - vMin < 1e-9) vMax = vMin + 1;
  vMax += (vMax - vMin) * 0.08;
  const X = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const Y = (v) => bottom - ((v - vMin) / (vMax - vMin)) * (bottom - top);

  // y grid and labels
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const v = vMin + ((vMax - vMin) * i) / 4;
    const y = Y(v);
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(left, y + 0.5);
    ctx.lineTo(right, y + 0.5);
    ctx.stroke();
    ctx.fillStyle = COLORS.text;
    const label = Math.abs(vMax - vMin) >= 10 ? v.toFixed(0) : v.toFixed(1);
    ctx.fillText(label + unit, left - 4, y);
  }
  timeTicks(ctx, left, right, t0, t1, bottom);
  ctx.strokeStyle = COLORS.axis;
  ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);

  ctx.strokeStyle = COLORS.line;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  pts.forEach((p, i) => (i ? ctx.lineTo(X(p.t), Y(p.v)) : ctx.moveTo(X(p.t), Y(p.v))));
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.fillStyle = COLORS.line;
  for (const p of pts) {
    ctx.beginPath();
    ctx.arc(X(p.t), Y(p.v), pts.length > 150 ? 1.2 : 2.5, 0, Math.PI * 2);
    ctx.fill();
  }
}

export const KNOWN_FINDINGS = ['FROZEN', 'BLACK', 'OVEREXPOSED', 'SEQUENCE_GAP', 'RESOLUTION_CHANGE', 'STALL'];

/**
 * evaluations: [{t: epoch ms, rows: [row names], ok: boolean}]. One row "OK" plus
 * one per finding kind seen. The window ends now (live) or, when the newest
 * evaluation is older than the window, at the newest evaluation.
 */
export function drawHealthTimeline(canvas, evaluations, { windowMs = 5 * 60e3, now = Date.now() } = {}) {
  const evs = evaluations.filter((e) => Number.isFinite(e.t));
  const extra = new Set();
  for (const e of evs) for (const r of e.rows) if (r !== 'OK' && !KNOWN_FINDINGS.includes(r)) extra.add(r);
  const seen = new Set(evs.flatMap((e) => e.rows));
  const rows = ['OK', ...KNOWN_FINDINGS.filter((k) => seen.has(k)), ...[...extra].sort()];

  canvas.style.height = `${Math.max(90, 30 + rows.length * 22)}px`;
  const { ctx, w, h } = prepare(canvas, 600, 90);
  const left = 128, right = w - 10, top = 6, bottom = h - 20;
  const newest = evs.length ? Math.max(...evs.map((e) => e.t)) : now;
  const t1 = newest < now - windowMs ? newest + windowMs * 0.02 : now;
  const t0 = t1 - windowMs;
  const rowH = (bottom - top) / rows.length;
  const X = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);

  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  rows.forEach((r, i) => {
    const y = top + rowH * i;
    ctx.fillStyle = i % 2 ? 'rgba(255,255,255,0.02)' : 'rgba(255,255,255,0.05)';
    ctx.fillRect(left, y, right - left, rowH);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(r === 'OK' ? 'ok' : r, left - 6, y + rowH / 2);
  });
  timeTicks(ctx, left, right, t0, t1, bottom);
  ctx.strokeStyle = COLORS.axis;
  ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);

  let drawn = 0;
  for (const e of evs) {
    if (e.t < t0 || e.t > t1) continue;
    const x = X(e.t);
    for (const r of e.rows) {
      const i = rows.indexOf(r);
      if (i < 0) continue;
      ctx.fillStyle = r === 'OK' ? COLORS.ok : KNOWN_FINDINGS.includes(r) ? COLORS.alert : COLORS.other;
      const y = top + rowH * i;
      ctx.fillRect(Math.round(x) - 1, y + 3, r === 'OK' ? 2 : 3, rowH - 6);
    }
    drawn++;
  }
  canvas.dataset.rows = rows.join(',');
  canvas.dataset.evaluations = String(drawn);
  if (!evs.length) {
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'left';
    ctx.fillText('no health evaluations yet', left + 8, top + rowH / 2);
  }
}
