// A 24-joint SMPL skeleton in a simple perspective projection on a 2D canvas.

export const SMPL_PARENTS = [-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21];
export const SMPL_NAMES = ['pelvis', 'left_hip', 'right_hip', 'spine1', 'left_knee', 'right_knee', 'spine2',
  'left_ankle', 'right_ankle', 'spine3', 'left_foot', 'right_foot', 'neck', 'left_collar', 'right_collar', 'head',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hand',
  'right_hand'];

export const TARGET_COLOR = '#4fa3ff';
export const FITTED_COLOR = '#ff9f43';

function validJoints(j) {
  if (!Array.isArray(j)) return null;
  const out = j.map((p) => (Array.isArray(p) && p.length >= 3 && p.slice(0, 3).every((v) => Number.isFinite(Number(v)))
    ? [Number(p[0]), Number(p[1]), Number(p[2])] : null));
  return out.some(Boolean) ? out : null;
}

/**
 * Draws target and fitted joint sets. view: {yaw, pitch} in radians. Returns the
 * number of fitted joints drawn.
 */
export function drawSkeleton(canvas, { fitted, targets }, view) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(100, Math.round(canvas.clientWidth || 480));
  const hgt = Math.max(100, Math.round(canvas.clientHeight || 480));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(hgt * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);

  const f = validJoints(fitted);
  const t = validJoints(targets);
  const all = [...(f || []), ...(t || [])].filter(Boolean);
  if (!all.length) {
    ctx.fillStyle = '#aab4c0';
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText('no joints in this event', 12, 24);
    return 0;
  }
  // centre on the joints' bounding box, scale to fit
  const min = [0, 1, 2].map((k) => Math.min(...all.map((p) => p[k])));
  const max = [0, 1, 2].map((k) => Math.max(...all.map((p) => p[k])));
  const c = [0, 1, 2].map((k) => (min[k] + max[k]) / 2);
  const extent = Math.max(1e-6, ...[0, 1, 2].map((k) => max[k] - min[k]));
  const cy = Math.cos(view.yaw), sy = Math.sin(view.yaw);
  const cp = Math.cos(view.pitch), sp = Math.sin(view.pitch);
  const camDist = 3; // in units of extent
  const focal = Math.min(w, hgt) * 0.8 * camDist / 1.15;
  const project = (p) => {
    const x = (p[0] - c[0]) / extent, y = (p[1] - c[1]) / extent, z = (p[2] - c[2]) / extent;
    const x1 = cy * x + sy * z, z1 = -sy * x + cy * z; // yaw about +Y
    const y2 = cp * y - sp * z1, z2 = sp * y + cp * z1; // pitch about X
    const d = camDist - z2;
    return [w / 2 + (focal * x1) / d, hgt / 2 - (focal * y2) / d, d];
  };

  // ground grid under the lowest joint
  ctx.strokeStyle = 'rgba(255,255,255,0.08)';
  ctx.lineWidth = 1;
  const gy = min[1];
  for (let i = -4; i <= 4; i++) {
    const a = project([c[0] + (i / 8) * extent, gy, c[2] - extent / 2]);
    const b = project([c[0] + (i / 8) * extent, gy, c[2] + extent / 2]);
    ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    const a2 = project([c[0] - extent / 2, gy, c[2] + (i / 8) * extent]);
    const b2 = project([c[0] + extent / 2, gy, c[2] + (i / 8) * extent]);
    ctx.beginPath(); ctx.moveTo(a2[0], a2[1]); ctx.lineTo(b2[0], b2[1]); ctx.stroke();
  }

  const drawSet = (joints, color, width, radius) => {
    const pts = joints.map((p) => (p ? project(p) : null));
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.lineCap = 'round';
    for (let i = 1; i < pts.length && i < SMPL_PARENTS.length; i++) {
      const a = pts[i], b = pts[SMPL_PARENTS[i]];
      if (!a || !b) continue;
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    }
    ctx.fillStyle = color;
    let n = 0;
    for (const p of pts) {
      if (!p) continue;
      ctx.beginPath(); ctx.arc(p[0], p[1], radius, 0, Math.PI * 2); ctx.fill();
      n++;
    }
    return n;
  };
  if (t) drawSet(t, TARGET_COLOR, 3, 3.5);
  const n = f ? drawSet(f, FITTED_COLOR, 2, 2.5) : 0;

  // residual lines between fitted and target joints
  if (f && t) {
    ctx.strokeStyle = 'rgba(255,93,93,0.8)';
    ctx.lineWidth = 1;
    for (let i = 0; i < Math.min(f.length, t.length); i++) {
      if (!f[i] || !t[i]) continue;
      const a = project(f[i]), b = project(t[i]);
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    }
  }
  return f ? n : (t ? t.filter(Boolean).length : 0);
}
