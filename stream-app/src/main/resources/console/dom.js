// DOM helpers. Everything that comes from events or configs goes into the page
// as text nodes or attribute values, never as markup.

/**
 * Creates an element. props: class, text, dataset (object), on<event> (function),
 * anything else becomes an attribute via setAttribute. Children: nodes or
 * values (turned into text nodes); null/undefined/false are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') {
        for (const [dk, dv] of Object.entries(v)) {
          if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
        }
      } else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function setText(el, value) {
  const s = value === null || value === undefined ? '' : String(value);
  if (el.textContent !== s) el.textContent = s;
}

/** Replaces the children of el with the given nodes only when they differ. */
export function setChildren(el, nodes) {
  const cur = el.childNodes;
  let same = cur.length === nodes.length;
  for (let i = 0; same && i < nodes.length; i++) same = cur[i] === nodes[i];
  if (!same) el.replaceChildren(...nodes);
}

/**
 * Accepts only same-origin absolute paths ("/api/...") or http(s) URLs.
 * Returns null for anything else (javascript:, data:, protocol-relative, ...).
 */
export function safeUrl(u) {
  if (typeof u !== 'string' || u.length === 0) return null;
  if (u.startsWith('/') && !u.startsWith('//') && !u.startsWith('/\\')) return u;
  try {
    const url = new URL(u, window.location.href);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch (e) {
    // fall through
  }
  return null;
}

export const enc = encodeURIComponent;

export function cameraHref(id) { return '#/camera/' + enc(id); }
export function rigHref(id) { return '#/rig/' + enc(id); }
export function trackHref(id) { return '#/track/' + enc(id); }

function pad(n, w = 2) { return String(n).padStart(w, '0'); }

/** Parses an ISO time to epoch ms, NaN when missing/invalid. */
export function toMs(iso) {
  if (iso === null || iso === undefined) return NaN;
  if (typeof iso === 'number') return iso;
  return Date.parse(iso);
}

/** Local "YYYY-MM-DD HH:MM:SS" (date omitted for today), or "—". */
export function fmtTime(iso, withMs = false) {
  const ms = toMs(iso);
  if (!Number.isFinite(ms)) return iso ? String(iso) : '—';
  const d = new Date(ms);
  const now = new Date();
  let s = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (withMs) s += '.' + pad(d.getMilliseconds(), 3);
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth()
    && d.getDate() === now.getDate();
  return sameDay ? s : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${s}`;
}

/** A <time> element with the raw ISO value as datetime/title. */
export function timeEl(iso) {
  const ms = toMs(iso);
  const attrs = {};
  if (Number.isFinite(ms)) {
    const isoStr = new Date(ms).toISOString();
    attrs.datetime = isoStr;
    attrs.title = isoStr;
  }
  return h('time', attrs, fmtTime(iso));
}

export function fmtNum(v, digits = 1) {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

export function fmtCount(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function fmtAgo(iso) {
  const ms = toMs(iso);
  if (!Number.isFinite(ms)) return '';
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** An empty-state paragraph. */
export function emptyNote(text) { return h('p', { class: 'empty' }, text); }

/** Coalesces calls into one run after `delay` ms. */
export function coalesce(fn, delay = 60) {
  let timer = null;
  const run = () => { timer = null; fn(); };
  const schedule = () => { if (timer === null) timer = setTimeout(run, delay); };
  schedule.cancel = () => { if (timer !== null) clearTimeout(timer); timer = null; };
  schedule.now = () => { schedule.cancel(); fn(); };
  return schedule;
}

/** A panel section: <section id=... class=panel><h2>title</h2>...</section>. */
export function panel(id, title, ...children) {
  return h('section', { id, class: 'panel' }, h('h2', null, title), ...children);
}
