// Entry point: hash router, navigation and the connection indicator.
import { h, setText } from './dom.js';
import { start, subscribe, store } from './store.js';
import * as cameras from './page-cameras.js';
import * as camera from './page-camera.js';
import * as rigs from './page-rigs.js';
import * as tracks from './page-tracks.js';
import * as errors from './page-errors.js';

const routes = {
  cameras: { nav: 'cameras', mount: (root) => cameras.mount(root) },
  camera: { nav: 'cameras', mount: (root, p) => camera.mount(root, p), needsParam: true },
  rigs: { nav: 'rigs', mount: (root) => rigs.mountList(root) },
  rig: { nav: 'rigs', mount: (root, p) => rigs.mountDetail(root, p), needsParam: true },
  tracks: { nav: 'tracks', mount: (root) => tracks.mountList(root) },
  track: { nav: 'tracks', mount: (root, p) => tracks.mountDetail(root, p), needsParam: true },
  errors: { nav: 'errors', mount: (root) => errors.mount(root) },
};

let current = null;

function parseHash() {
  const m = /^#\/([a-z]+)(?:\/(.*))?$/.exec(window.location.hash || '');
  if (!m || !routes[m[1]]) return { name: 'cameras', param: null };
  let param = null;
  if (m[2] !== undefined) {
    try {
      param = decodeURIComponent(m[2]);
    } catch (e) {
      param = m[2];
    }
  }
  if (routes[m[1]].needsParam && param === null) return { name: m[1] + 's', param: null };
  return { name: m[1], param };
}

function route() {
  const { name, param } = parseHash();
  const view = document.getElementById('view');
  if (current) {
    try { current.page.unmount(); } catch (e) { console.error('unmount failed', e); }
  }
  view.replaceChildren();
  const r = routes[name];
  document.body.dataset.page = name;
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === r.nav);
  }
  document.title = `${param !== null ? param + ' · ' : ''}${name} · vision console`;
  let page;
  try {
    page = r.mount(view, param);
  } catch (e) {
    console.error('page failed', e);
    view.append(h('p', { class: 'error' }, `This page failed to render: ${e && e.message ? e.message : e}`));
    page = { onEvent() {}, unmount() {} };
  }
  current = { name, param, page };
}

function renderConnection() {
  const el = document.getElementById('conn');
  if (!el) return;
  const on = store.connected;
  setText(el, on ? 'live' : 'reconnecting');
  el.className = on ? 'conn live' : 'conn reconnecting';
  el.title = `last event id: ${Number.isFinite(store.lastId) ? store.lastId : 'none'}`;
}

subscribe((type, payload) => {
  if (type === 'connection') renderConnection();
  if (current) {
    try {
      current.page.onEvent(type, payload);
    } catch (e) {
      console.error('page update failed', e);
    }
  }
});

window.addEventListener('hashchange', route);
route();
start();
renderConnection();
const conn = document.getElementById('conn');
if (conn && !store.connected) setText(conn, 'connecting');
