// newsarc's web interface: one page per view, each rendered from its URL
// (so every state can be bookmarked, shared and reloaded), plain ES modules,
// no build step. Keyboard: "/" search, j/k move in a list and Enter opens,
// p/n previous/next changed version, [ ] previous/next capture, s side by
// side, c cosmetic changes.
import { api, h } from './dom.js';
import * as views from './views.js';

const routes = {
  '/articles': views.articles,
  '/article': views.article,
  '/diff': views.diff,
  '/changes': views.changes,
  '/search': views.search,
  '/replay': views.replay,
};

async function render() {
  const main = document.getElementById('view');
  const view = routes[location.pathname] || views.articles;
  for (const a of document.querySelectorAll('header nav a')) {
    if (a.getAttribute('href') === location.pathname) a.setAttribute('aria-current', 'page');
  }
  let content;
  try {
    content = await view();
  } catch (e) {
    content = [h('div', { class: 'error', role: 'alert' }, `The view failed: ${e.message}`)];
  }
  main.replaceChildren(...[].concat(content).filter(Boolean));
  main.dataset.ready = '1';
  const q = new URLSearchParams(location.search).get('q');
  if (q) document.querySelector('#quick-search input').value = q;
}

async function showIndexStatus() {
  const el = document.getElementById('index-status');
  try {
    const s = await api('status');
    const i = s.index;
    if (!i.enabled) el.textContent = 'index off';
    else if (!i.ready) el.textContent = i.total ? `indexing ${i.done} of ${i.total} URLs…` : 'indexing…';
    else el.textContent = `${i.urls ?? ''} articles, ${i.versions ?? ''} versions`;
    if (i.enabled && !i.ready) setTimeout(showIndexStatus, 1000);
  } catch (e) {
    el.textContent = '';
  }
}

// j/k move between rows of the list on the page; Enter opens the row.
function moveRow(step) {
  const rows = [...document.querySelectorAll('.row[data-href]')];
  if (!rows.length) return;
  const at = rows.indexOf(document.activeElement);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + step))];
  next.focus();
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) {
    if (e.key === 'Escape') t.blur();
    return;
  }
  if (e.key === '/') {
    e.preventDefault();
    const q = document.querySelector('#search-form input[name=q]') || document.querySelector('#quick-search input');
    q.focus();
    q.select();
  } else if (e.key === 'j' || e.key === 'k') {
    moveRow(e.key === 'j' ? 1 : -1);
  } else if (e.key === 'Enter' && t instanceof HTMLElement && t.dataset.href) {
    location.href = t.dataset.href;
  } else {
    const target = document.querySelector(`[data-key="${CSS.escape(e.key)}"]`);
    if (target && target.href) location.href = target.href;
  }
});

render();
showIndexStatus();
