// Client-side state: the SSE stream (each event applied exactly once), bounded
// per-kind collections, and the polled camera list.

export const KINDS = ['health', 'count', 'inpaint', 'splat', 'pose', 'error'];
export const MAX_EVENTS = 500; // per collection and per key
const MAX_KEYS = 200; // per collection; the least recently updated key goes first

class Collection {
  constructor(kind) {
    this.kind = kind;
    this.items = []; // newest last, at most MAX_EVENTS
    this.ids = new Set();
    this.byKey = new Map(); // key -> array (newest last), Map order = least recently updated first
  }

  add(env) {
    if (this.ids.has(env.id)) return false;
    this.items.push(env);
    this.ids.add(env.id);
    while (this.items.length > MAX_EVENTS) this.ids.delete(this.items.shift().id);

    const key = env.key === null || env.key === undefined ? '' : String(env.key);
    let bucket = this.byKey.get(key);
    if (bucket) this.byKey.delete(key);
    else bucket = [];
    if (!bucket.some((e) => e.id === env.id)) bucket.push(env);
    while (bucket.length > MAX_EVENTS) bucket.shift();
    this.byKey.set(key, bucket);
    while (this.byKey.size > MAX_KEYS) this.byKey.delete(this.byKey.keys().next().value);
    return true;
  }

  forKey(key) { return this.byKey.get(key === null || key === undefined ? '' : String(key)) || []; }

  latest(key) {
    const b = this.forKey(key);
    return b.length ? b[b.length - 1] : null;
  }

  keys() { return [...this.byKey.keys()]; }
}

const listeners = new Set();
const collections = Object.fromEntries(KINDS.map((k) => [k, new Collection(k)]));

export const store = {
  lastId: -Infinity,
  connected: false,
  collections,
  cameras: null, // array from /api/cameras, null until the first answer
  camerasError: null,
  camerasAt: null,
  get(kind) { return collections[kind]; },
};

/** fn(type, payload): type is an event kind, 'cameras' or 'connection'. Returns unsubscribe. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(type, payload) {
  for (const fn of [...listeners]) {
    try {
      fn(type, payload);
    } catch (e) {
      console.error('listener failed', e);
    }
  }
}

function setConnected(on) {
  if (store.connected === on && document.body.dataset.connected === String(on)) return;
  store.connected = on;
  document.body.dataset.connected = String(on);
  emit('connection', on);
}

/** Applies one SSE message; returns true when it was new. Exported for tests/debugging. */
export function applyMessage(type, data, lastEventId) {
  let env;
  try {
    env = JSON.parse(data);
  } catch (e) {
    console.warn('ignoring unparsable event', lastEventId, e);
    return false;
  }
  if (!env || typeof env !== 'object') return false;
  const rawId = env.id !== undefined && env.id !== null ? env.id : lastEventId;
  const id = Number(rawId);
  if (rawId === '' || rawId === undefined || !Number.isFinite(id)) return false;
  if (id <= store.lastId) return false; // already applied (replay after reconnect)
  const kind = typeof env.kind === 'string' && collections[env.kind] ? env.kind : type;
  store.lastId = id;
  document.body.dataset.lastEventId = String(rawId);
  const col = collections[kind];
  if (!col) return false; // unknown kind: counted as seen, not shown
  env.id = id;
  if (!env.event || typeof env.event !== 'object') env.event = {};
  if (!env.links || typeof env.links !== 'object') env.links = {};
  if (!col.add(env)) return false;
  emit(kind, env);
  return true;
}

let source = null;
let retryTimer = null;

function connect() {
  retryTimer = null;
  const es = new EventSource('/api/events');
  source = es;
  es.onopen = () => setConnected(true);
  es.onerror = () => {
    setConnected(false);
    // The browser retries by itself unless the connection was refused for good
    // (HTTP error, wrong content type); then start over after a pause.
    if (es.readyState === EventSource.CLOSED && source === es) {
      es.close();
      source = null;
      retryTimer = setTimeout(connect, 3000);
    }
  };
  const onMessage = (e) => {
    if (es.readyState === EventSource.OPEN) setConnected(true);
    applyMessage(e.type, e.data, e.lastEventId);
  };
  for (const k of KINDS) es.addEventListener(k, onMessage);
  es.onmessage = onMessage; // messages without an "event:" line
}

let pollTimer = null;
async function pollCameras() {
  try {
    const res = await fetch('/api/cameras', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = await res.json();
    store.cameras = Array.isArray(body && body.cameras) ? body.cameras.filter((c) => c && typeof c === 'object') : [];
    store.camerasError = null;
    store.camerasAt = Date.now();
  } catch (e) {
    store.camerasError = String(e && e.message ? e.message : e);
  }
  emit('cameras', store.cameras);
}

export function start() {
  document.body.dataset.connected = 'false';
  if (!source && !retryTimer) connect();
  if (!pollTimer) {
    pollCameras();
    pollTimer = setInterval(pollCameras, 2000);
  }
}

/** The camera entry from /api/cameras, or null. */
export function cameraInfo(id) {
  return (store.cameras || []).find((c) => c.cameraId === id) || null;
}
