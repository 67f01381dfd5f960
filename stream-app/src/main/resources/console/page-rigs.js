// #/rigs and #/rig/<id>: Gaussian splat reconstructions per camera rig.
import { h, setText, setChildren, rigHref, safeUrl, timeEl, emptyNote, coalesce } from './dom.js';
import { store } from './store.js';

function gaussiansText(n) {
  const v = Number(n);
  return Number.isFinite(v) ? `${v.toLocaleString('en-US')} Gaussians` : '— Gaussians';
}

export function mountList(root) {
  const list = h('div', { class: 'card-list', id: 'rigs' });
  const empty = emptyNote('no rigs yet');
  root.append(h('h1', null, 'Rigs'), empty, list);
  const cards = new Map(); // rigId -> {el, envId}

  const render = coalesce(() => {
    const col = store.get('splat');
    const latest = col.keys().map((k) => col.latest(k)).filter(Boolean).sort((a, b) => b.id - a.id);
    const nodes = latest.map((env) => {
      const rigId = String(env.key ?? env.event.rigId ?? '');
      let c = cards.get(rigId);
      if (c && c.envId === env.id) return c.el;
      const ev = env.event;
      const preview = safeUrl(env.links.preview);
      const el = h('a', { class: 'rig card', href: rigHref(rigId), dataset: { rigId, eventId: env.id } },
        preview ? h('img', { class: 'preview', src: preview, alt: 'preview', loading: 'lazy' })
          : h('div', { class: 'preview none' }, 'no preview'),
        h('div', { class: 'card-title' }, rigId),
        h('div', { class: 'gaussians', dataset: { gaussians: ev.gaussians } }, gaussiansText(ev.gaussians)),
        h('div', { class: 'meta' }, timeEl(ev.captureTime || env.receivedAt),
          ev.viewCount !== undefined && ev.viewCount !== null ? ` · ${ev.viewCount} views` : ''));
      c = { el, envId: env.id };
      cards.set(rigId, c);
      return el;
    });
    setChildren(list, nodes);
    empty.hidden = nodes.length > 0;
  }, 80);
  render.now();
  return {
    onEvent(type) { if (type === 'splat') render(); },
    unmount() { render.cancel(); },
  };
}

let libPromise = null;
/** Loads the splat library lazily; a failure is not cached so a later visit retries. */
function loadLib() {
  if (!libPromise) {
    libPromise = import('@mkkellogg/gaussian-splats-3d').catch((e) => { libPromise = null; throw e; });
  }
  return libPromise;
}

function coord(v) {
  if (!Number.isFinite(v)) return '—';
  return (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3);
}

function poseRows(poses) {
  if (!Array.isArray(poses)) return [];
  return poses.map((m, i) => {
    if (!Array.isArray(m) || m.length < 12) return { i, pos: null };
    const nums = m.map(Number);
    // row-major camera-to-world: translation is the last column
    return { i, pos: [nums[3], nums[7], nums[11]], fwd: [nums[2], nums[6], nums[10]] };
  });
}

function viewerCameraFor(ev) {
  const rows = poseRows(ev.poses).filter((r) => r.pos && r.pos.every(Number.isFinite));
  if (!rows.length) return {};
  const centroid = [0, 1, 2].map((k) => rows.reduce((s, r) => s + r.pos[k], 0) / rows.length);
  let lookAt = [0, 0, 0];
  if (Array.isArray(ev.bounds) && ev.bounds.length === 6 && ev.bounds.every((v) => Number.isFinite(Number(v)))) {
    const b = ev.bounds.map(Number);
    lookAt = [(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2];
  } else if (rows[0].fwd.every(Number.isFinite)) {
    lookAt = [0, 1, 2].map((k) => centroid[k] + rows[0].fwd[k] * 2);
  }
  return { initialCameraPosition: centroid, initialCameraLookAt: lookAt };
}

export function mountDetail(root, rigId) {
  const viewerDiv = h('div', { id: 'splat-viewer' });
  const splatCount = h('div', { id: 'splat-count', class: 'big-number' }, 'loading…');
  const splatStatus = h('p', { id: 'splat-status', class: 'meta' });
  const gaussiansEl = h('div', { id: 'splat-gaussians', class: 'meta' });
  const previewBox = h('figure', { class: 'preview-box' });
  const posesBody = h('tbody');
  const posesTable = h('table', { id: 'splat-poses', class: 'grid compact' },
    h('thead', null, h('tr', null, h('th', null, 'View'), h('th', { class: 'num' }, 'x'),
      h('th', { class: 'num' }, 'y'), h('th', { class: 'num' }, 'z'))), posesBody);
  const empty = emptyNote('no reconstruction for this rig yet');
  const body = h('div', { class: 'rig-body', hidden: true },
    h('div', { class: 'rig-grid' },
      h('section', { class: 'panel viewer-panel' }, h('h2', null, '3D scene'), viewerDiv, splatCount, splatStatus),
      h('section', { class: 'panel' }, h('h2', null, 'Latest event'), gaussiansEl, previewBox,
        h('h3', null, 'Camera positions'), posesTable)));
  root.append(h('h1', null, h('a', { href: '#/rigs', class: 'back' }, 'Rigs'), ' / ',
    h('span', { class: 'rig-title' }, rigId)), empty, body);

  let disposed = false;
  let viewer = null;
  let loadedUrl = null;
  let wantedUrl = null;
  let loading = false;
  let shownId = null;

  async function disposeViewer() {
    const v = viewer;
    viewer = null;
    if (v) {
      try { await v.dispose(); } catch (e) { console.warn('viewer dispose failed', e); }
    }
  }

  async function loadScene(env) {
    if (loading) return;
    const url = wantedUrl;
    if (!url || url === loadedUrl) return;
    loading = true;
    setText(splatCount, 'loading…');
    delete splatCount.dataset.count;
    setText(splatStatus, 'loading the 3D viewer…');
    try {
      const G = await loadLib();
      if (disposed) return;
      await disposeViewer();
      viewerDiv.replaceChildren();
      const v = new G.Viewer({
        rootElement: viewerDiv,
        cameraUp: [0, 1, 0],
        sharedMemoryForWorkers: false,
        selfDrivenMode: true,
        ...viewerCameraFor(env.event),
      });
      viewer = v;
      setText(splatStatus, 'loading the scene…');
      await v.addSplatScene(url, { format: G.SceneFormat.Ply, showLoadingUI: false, progressiveLoad: false });
      if (disposed || viewer !== v) return;
      v.start();
      const n = v.splatMesh.getSplatCount();
      setText(splatCount, `${n} Gaussians`);
      splatCount.dataset.count = String(n);
      loadedUrl = url;
      viewerDiv.dataset.loaded = 'true';
      setText(splatStatus, 'drag to orbit, scroll to zoom');
    } catch (e) {
      if (disposed) return;
      console.error('splat viewer failed', e);
      viewerDiv.dataset.loaded = 'false';
      viewerDiv.dataset.error = 'true';
      setText(splatCount, 'viewer unavailable');
      setText(splatStatus, `The 3D viewer could not be loaded (${e && e.message ? e.message : e}); `
        + 'the preview image rendered by the splatting stage is shown instead.');
      await disposeViewer();
      loadedUrl = url; // do not retry the same scene in a loop
    } finally {
      loading = false;
      if (!disposed && wantedUrl && wantedUrl !== loadedUrl) {
        const latest = store.get('splat').latest(rigId);
        if (latest) loadScene(latest);
      }
    }
  }

  const render = coalesce(() => {
    const latest = store.get('splat').latest(rigId);
    empty.hidden = !!latest;
    body.hidden = !latest;
    if (!latest || latest.id === shownId) return;
    shownId = latest.id;
    const ev = latest.event;
    gaussiansEl.replaceChildren(h('span', { class: 'gaussians', dataset: { gaussians: ev.gaussians } },
      gaussiansText(ev.gaussians)), ' in the event · ', timeEl(ev.captureTime || latest.receivedAt),
    ev.viewCount !== undefined && ev.viewCount !== null ? ` · ${ev.viewCount} views` : '',
    ev.width && ev.height ? ` · ${ev.width}×${ev.height}` : '');
    const preview = safeUrl(latest.links.preview);
    previewBox.replaceChildren(preview
      ? h('img', { id: 'splat-preview', src: preview, alt: 'preview render' })
      : h('p', { class: 'empty' }, 'no preview image'), h('figcaption', null, 'preview render'));
    setChildren(posesBody, poseRows(ev.poses).map((r) => h('tr', { class: 'pose-row', dataset: { view: r.i } },
      h('td', null, String(r.i)),
      ...(r.pos ? r.pos.map((v) => h('td', { class: 'num' }, coord(v))) : [h('td', { colspan: 3 }, 'invalid matrix')]))));
    if (!posesBody.childNodes.length) posesBody.append(h('tr', null, h('td', { colspan: 4, class: 'empty' }, 'no poses')));
    const scene = safeUrl(latest.links.scene);
    if (scene) {
      wantedUrl = scene;
      loadScene(latest);
    } else {
      setText(splatCount, 'no scene file');
      setText(splatStatus, 'this event has no scene link; showing the preview only');
    }
  }, 80);
  render.now();

  return {
    onEvent(type, env) { if (type === 'splat' && env && String(env.key ?? '') === rigId) render(); },
    unmount() {
      disposed = true;
      render.cancel();
      disposeViewer();
    },
  };
}
