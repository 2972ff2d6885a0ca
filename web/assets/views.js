// The views. Each reads its state from the URL, asks the JSON API, and
// returns the elements to show.
import { api, errorBox, filterForm, h, link, marked, pager, params, when, ts14 } from './dom.js';

function valuesOf(names) {
  const p = params();
  const out = {};
  for (const n of names) if (p.get(n) !== null) out[n] = p.get(n);
  return out;
}

function title(text) {
  document.title = text ? `${text} · newsarc` : 'newsarc';
}

// ---------------------------------------------------------------- articles

export async function articles() {
  title('Articles');
  const names = ['host', 'lang', 'since', 'until', 'changed', 'sort', 'order'];
  const v = valuesOf(names);
  const offset = Number(params().get('offset') || 0);
  const form = filterForm('/articles', [
    { name: 'host', label: 'Host', placeholder: 'example.com' },
    { name: 'lang', label: 'Language', placeholder: 'en', size: 5 },
    { name: 'since', label: 'From', placeholder: '2026-11-01', size: 11 },
    { name: 'until', label: 'To', placeholder: '2026-12-01', size: 11 },
    { name: 'changed', label: 'Changed only', type: 'checkbox' },
    { name: 'sort', label: 'Sort', type: 'select', value: 'last',
      options: [['last', 'last version'], ['first', 'first version'], ['title', 'title'], ['versions', 'versions'], ['changes', 'changes']] },
    { name: 'order', label: 'Order', type: 'select', value: '',
      options: [['', 'default'], ['desc', 'descending'], ['asc', 'ascending']] },
  ], v);
  let data;
  try {
    data = await api('articles', { ...v, offset, limit: 50 });
  } catch (e) {
    return [h('h1', {}, 'Articles'), form, errorBox(e)];
  }
  const rows = data.rows.map((r) => h('tr', { class: 'row', tabindex: '0', 'data-href': link('/article', { url: r.url }) },
    h('td', {}, h('a', { href: link('/article', { url: r.url }) }, r.title || r.url),
      h('div', { class: 'url muted' }, r.url)),
    h('td', {}, r.host),
    h('td', { class: 'date' }, when(r.first_capture)),
    h('td', { class: 'date' }, when(r.last_capture)),
    h('td', { class: 'num' }, r.captures),
    h('td', { class: 'num' }, r.versions),
    h('td', { class: 'num' }, r.changes ? h('a', { href: link('/diff', { url: r.url }) }, r.changes) : '0',
      r.deleted ? h('span', { class: 'badge deleted', title: `deleted ${when(r.deleted)}` }, 'deleted') : null)));
  return [
    h('h1', {}, 'Articles'),
    form,
    h('table', { class: 'list', id: 'articles' },
      h('thead', {}, h('tr', {}, ['Title', 'Host', 'First capture', 'Last capture', 'Captures', 'Versions', 'Changes'].map((t) => h('th', {}, t)))),
      h('tbody', {}, rows)),
    data.rows.length ? null : h('p', { class: 'muted' }, 'No article matches.'),
    pager('/articles', v, data.total, data.offset, data.limit),
  ];
}

// ---------------------------------------------------------------- article

function timeline(url, rows, current) {
  const max = Math.max(1, ...rows.map((r) => r.words_changed));
  return h('ol', { class: 'timeline', 'aria-label': 'Captures, coloured by how much the text changed' },
    rows.map((r) => {
      // Four shades for how much changed (no inline styles: the policy forbids them).
      const level = r.change === 'changed' ? 1 + Math.min(3, Math.floor(4 * r.words_changed / (max + 1))) : 0;
      return h('li', {},
        h('a', { href: link('/article', { url, version: r.index }), class: `tick ${r.change === '-' ? 'none' : r.change}${level ? ` level-${level}` : ''}${r.index === current ? ' current' : ''}`,
          title: `#${r.index} ${when(r.date)} HTTP ${r.status} ${r.change}${r.words_changed ? `, ${r.words_changed} words` : ''}`,
          'aria-current': r.index === current ? 'true' : null }, String(r.index)));
    }));
}

function headersTable(rows) {
  return h('table', { class: 'headers' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

export async function article() {
  const p = params();
  const url = p.get('url');
  if (!url) return [h('h1', {}, 'Article'), errorBox({ message: 'an article URL is needed (?url=...)', parameter: 'url' })];
  let d;
  try {
    d = await api('article', { url, version: p.get('version') });
  } catch (e) {
    title('Article');
    return [h('h1', {}, 'Article'), h('p', { class: 'url' }, url), errorBox(e)];
  }
  const a = d.article || {};
  title(a.title || url);
  const nav = h('nav', { class: 'steps', 'aria-label': 'Versions' },
    d.previous_change ? h('a', { href: link('/article', { url, version: d.previous_change }), id: 'prev-change', 'data-key': 'p' }, '← previous change') : h('span', { class: 'muted' }, '← previous change'),
    d.previous_capture ? h('a', { href: link('/article', { url, version: d.previous_capture }), id: 'prev-capture', 'data-key': '[' }, '‹ previous capture') : null,
    h('span', { class: 'here' }, `capture ${d.version} of ${d.versions}`),
    d.next_capture ? h('a', { href: link('/article', { url, version: d.next_capture }), id: 'next-capture', 'data-key': ']' }, 'next capture ›') : null,
    d.next_change ? h('a', { href: link('/article', { url, version: d.next_change }), id: 'next-change', 'data-key': 'n' }, 'next change →') : h('span', { class: 'muted' }, 'next change →'),
    d.compared_with ? h('a', { href: link('/diff', { url, from: d.compared_with, to: d.version }), id: 'diff-previous' }, 'diff with previous') : null,
    h('a', { href: link('/replay', { url: d.capture.url, ts: ts14(d.capture.date), article: url, version: d.version }), id: 'replay-link' }, 'replay archived page'));
  const meta = [
    ['Authors', (a.authors || []).join(', ')], ['Published', a.published], ['Modified', a.modified],
    ['Source', a.source], ['Editor', a.editor], ['Site', a.site_name], ['Language', a.language],
    ['Captured', when(d.capture.date)], ['HTTP', `${d.capture.status} ${d.capture.type}${d.capture.via ? ` (via ${d.capture.via})` : ''}`],
    ['Change', `${d.change}${d.words_added || d.words_removed ? ` (+${d.words_added} / −${d.words_removed} words)` : ''}`],
  ].filter(([, v]) => v);
  const text = (a.text || '').split(/\n{2,}/).filter((t) => t.trim()).map((t) => h('p', {}, t));
  const v = d.verify || {};
  const rec = d.record || {};
  return [
    h('h1', { class: 'article-title' }, a.title || url),
    h('p', { class: 'url' }, h('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, url)),
    nav,
    timeline(url, d.timeline, d.version),
    h('dl', { class: 'meta' }, meta.map(([k, val]) => [h('dt', {}, k), h('dd', {}, val)])),
    h('article', { class: 'text', lang: a.language || null }, text.length ? text : h('p', { class: 'muted' }, 'No article text was extracted from this capture.')),
    h('section', { class: 'record' },
      h('h2', {}, 'Record'),
      h('dl', { class: 'meta' },
        h('dt', {}, 'Verify'), h('dd', { class: v.ok ? 'ok' : 'bad', id: 'verify-status' }, v.ok ? 'OK: digests and chain link hold' : `FAILED: ${(v.problems || []).join('; ')}`),
        h('dt', {}, 'Chain position'), h('dd', {}, String(v.chain_position ?? '')),
        h('dt', {}, 'Chain value'), h('dd', { class: 'mono' }, v.chain_value || ''),
        h('dt', {}, 'Payload digest'), h('dd', { class: 'mono' }, rec.payload_digest || ''),
        h('dt', {}, 'Block digest'), h('dd', { class: 'mono' }, rec.block_digest || ''),
        h('dt', {}, 'Text digest'), h('dd', { class: 'mono' }, d.text_digest || ''),
        h('dt', {}, 'Record'), h('dd', { class: 'mono' }, d.capture.record_id),
        h('dt', {}, 'Article record'), h('dd', { class: 'mono' }, d.article_record_id || '')),
      h('p', {}, h('a', { href: link('/raw', { record: d.capture.record_id }), download: '' }, 'Download the raw payload')),
      h('details', {}, h('summary', {}, 'WARC headers'), headersTable(rec.warc_headers || [])),
      h('details', {}, h('summary', {}, 'HTTP headers'), h('pre', {}, rec.http_head || ''))),
  ];
}

// ---------------------------------------------------------------- diff

// Inline: deletions and insertions in place. Hiding cosmetic changes shows
// the later version's text where only whitespace, stamps or counters moved.
function opsOf(field, hideCosmetic) {
  return field.ops.map((op) => {
    if (op.op === 'equal') return document.createTextNode(op.text);
    if (hideCosmetic && op.cosmetic) return op.op === 'insert' ? document.createTextNode(op.text) : null;
    return h(op.op === 'delete' ? 'del' : 'ins', { class: op.cosmetic ? 'cosmetic' : null }, op.text);
  });
}

// One side of a side-by-side view: equal text plus that side's edits, in paragraphs.
function side(field, keep, hideCosmetic) {
  const paras = [h('p', {})];
  for (const op of field.ops) {
    if (op.op !== 'equal' && op.op !== keep) continue;
    const parts = op.text.split(/\n{2,}/);
    parts.forEach((part, i) => {
      if (i > 0) paras.push(h('p', {}));
      if (!part) return;
      const cur = paras[paras.length - 1];
      if (op.op === 'equal' || (hideCosmetic && op.cosmetic)) cur.append(document.createTextNode(part));
      else cur.append(h(keep === 'delete' ? 'del' : 'ins', { class: op.cosmetic ? 'cosmetic' : null }, part));
    });
  }
  return paras.filter((p) => p.childNodes.length);
}

export async function diff() {
  const p = params();
  const url = p.get('url');
  const view = p.get('view') === 'side' ? 'side' : 'inline';
  const hide = p.get('cosmetic') === 'hide';
  title('Diff');
  if (!url) return [h('h1', {}, 'Diff'), errorBox({ message: 'an article URL is needed (?url=...)', parameter: 'url' })];
  let d, hist;
  try {
    [d, hist] = await Promise.all([api('diff', { url, from: p.get('from'), to: p.get('to') }), api('history', { url })]);
  } catch (e) {
    return [h('h1', {}, 'Diff'), h('p', { class: 'url' }, url), errorBox(e)];
  }
  const here = { url, from: p.get('from'), to: p.get('to'), view: view === 'side' ? 'side' : null, cosmetic: hide ? 'hide' : null };
  // Stepping: the changed versions before and after the one shown.
  const changed = hist.captures.filter((c) => c.change === 'changed' || c.change === 'deleted').map((c) => c.index);
  const prev = [...changed].reverse().find((i) => i < d.to.index);
  const next = changed.find((i) => i > d.to.index);
  const fields = d.fields.filter((f) => f.changed && f.field !== 'text');
  const text = d.fields.find((f) => f.field === 'text');
  const titleField = d.fields.find((f) => f.field === 'title');
  const heading = titleField ? titleField.ops.filter((o) => o.op !== 'delete').map((o) => o.text).join('') : url;
  title(`Diff: ${heading}`);
  return [
    h('h1', {}, heading),
    h('p', { class: 'url' }, h('a', { href: link('/article', { url }) }, url)),
    h('nav', { class: 'steps', 'aria-label': 'Changed versions' },
      prev ? h('a', { href: link('/diff', { ...here, from: null, to: prev }), id: 'prev-change', 'data-key': 'p' }, '← previous change') : h('span', { class: 'muted' }, '← previous change'),
      h('span', { class: 'here' }, `#${d.from.index} ${when(d.from.date)} → #${d.to.index} ${when(d.to.date)}`),
      next ? h('a', { href: link('/diff', { ...here, from: null, to: next }), id: 'next-change', 'data-key': 'n' }, 'next change →') : h('span', { class: 'muted' }, 'next change →'),
      h('a', { href: link('/diff', { ...here, view: view === 'side' ? null : 'side' }), id: 'toggle-view', 'data-key': 's' }, view === 'side' ? 'inline' : 'side by side'),
      h('a', { href: link('/diff', { ...here, cosmetic: hide ? null : 'hide' }), id: 'toggle-cosmetic', 'data-key': 'c' }, hide ? 'show cosmetic changes' : 'hide cosmetic changes')),
    h('p', { class: `summary ${d.change}` }, `${d.change}: +${d.words_added} / −${d.words_removed} words (${d.substantive_words} in substantive changes)`),
    fields.length ? h('table', { class: 'fields' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Before'), h('th', {}, 'After'))),
      h('tbody', {}, fields.map((f) => h('tr', { class: f.cosmetic_only ? 'cosmetic' : null },
        h('th', {}, f.field + (f.cosmetic_only ? ' (cosmetic)' : '')),
        h('td', {}, f.ops.filter((o) => o.op !== 'insert').map((o) => o.text).join('')),
        h('td', {}, f.ops.filter((o) => o.op !== 'delete').map((o) => o.text).join('')))))) : null,
    !text ? null : view === 'side'
      ? h('div', { class: 'side-by-side', id: 'diff-body' },
        h('div', { class: 'before' }, h('h2', {}, `#${d.from.index}`), side(text, 'delete', hide)),
        h('div', { class: 'after' }, h('h2', {}, `#${d.to.index}`), side(text, 'insert', hide)))
      : h('div', { class: 'inline-diff', id: 'diff-body' }, opsOf(text, hide)),
  ];
}

// ---------------------------------------------------------------- changes

export async function changes() {
  title('Changes');
  const v = valuesOf(['host', 'since', 'until', 'cosmetic', 'order']);
  const offset = Number(params().get('offset') || 0);
  const form = filterForm('/changes', [
    { name: 'host', label: 'Host', placeholder: 'example.com' },
    { name: 'since', label: 'From', placeholder: '2026-11-01', size: 11 },
    { name: 'until', label: 'To', placeholder: '2026-12-01', size: 11 },
    { name: 'cosmetic', label: 'Cosmetic too', type: 'checkbox' },
    { name: 'order', label: 'Order', type: 'select', value: 'size', options: [['size', 'largest first'], ['newest', 'newest first']] },
  ], v);
  const feed = link('/feed/changes.atom', { host: v.host, cosmetic: v.cosmetic });
  let d;
  try {
    d = await api('changes', { ...v, offset, limit: 100 });
  } catch (e) {
    return [h('h1', {}, 'Changes'), form, errorBox(e)];
  }
  return [
    h('h1', {}, 'Changes'),
    form,
    h('p', {}, h('a', { href: feed, type: 'application/atom+xml', class: 'feed' }, 'Atom feed of these changes')),
    h('table', { class: 'list', id: 'changes' },
      h('thead', {}, h('tr', {}, ['Kind', 'Size', '+words', '−words', 'Fields', 'From', 'To', 'Article'].map((t) => h('th', {}, t)))),
      h('tbody', {}, d.changes.map((c) => {
        const target = c.kind === 'deleted' ? link('/article', { url: c.url }) : link('/diff', { url: c.url, from: ts14(c.from), to: ts14(c.to) });
        return h('tr', { class: `row ${c.kind}`, tabindex: '0', 'data-href': target },
          h('td', {}, h('span', { class: `badge ${c.kind}` }, c.kind)),
          h('td', { class: 'num' }, c.size), h('td', { class: 'num' }, c.words_added), h('td', { class: 'num' }, c.words_removed),
          h('td', {}, (c.fields || []).join(', ')),
          h('td', { class: 'date' }, when(c.from)), h('td', { class: 'date' }, when(c.to)),
          h('td', {}, h('a', { href: target }, c.title || c.url), h('div', { class: 'url muted' }, c.url)));
      }))),
    d.changes.length ? null : h('p', { class: 'muted' }, 'No change matches.'),
    pager('/changes', v, d.total, d.offset, d.limit),
  ];
}

// ---------------------------------------------------------------- search

export async function search() {
  const v = valuesOf(['q', 'mode', 'host', 'lang', 'since', 'until']);
  const offset = Number(params().get('offset') || 0);
  title(v.q ? `Search: ${v.q}` : 'Search');
  const form = filterForm('/search', [
    { name: 'q', label: 'Words', placeholder: 'harbour ferries, 记者, "a phrase"', size: 30 },
    { name: 'mode', label: 'Mode', type: 'select', value: 'words', options: [['words', 'all words'], ['exact', 'exact phrase']] },
    { name: 'host', label: 'Host', placeholder: 'example.com' },
    { name: 'lang', label: 'Language', size: 5 },
    { name: 'since', label: 'From', size: 11 },
    { name: 'until', label: 'To', size: 11 },
  ], v);
  form.id = 'search-form';
  if (!v.q) return [h('h1', {}, 'Search'), form, h('p', { class: 'muted' }, 'Every archived version of every article is searched: titles weigh more than text; each article shows its best-matching version.')];
  let d;
  try {
    d = await api('search', { ...v, offset, limit: 20 });
  } catch (e) {
    return [h('h1', {}, 'Search'), form, errorBox(e)];
  }
  return [
    h('h1', {}, 'Search'),
    form,
    h('p', { class: 'muted', id: 'search-total' }, `${d.total} article${d.total === 1 ? '' : 's'} match`),
    h('ol', { class: 'hits', id: 'hits', start: String(d.offset + 1) },
      d.hits.map((hit) => h('li', { class: 'row', tabindex: '0', 'data-href': link('/article', { url: hit.url, version: hit.version_at }) },
        h('a', { class: 'hit-title', href: link('/article', { url: hit.url, version: hit.version_at }) }, marked(hit.title_marked).length ? marked(hit.title_marked) : hit.url),
        h('div', { class: 'url muted' }, hit.url, ` · ${when(hit.date)}`, hit.matching_versions > 1 ? ` · ${hit.matching_versions} versions match` : ''),
        h('p', { class: 'snippet' }, marked(hit.snippet))))),
    pager('/search', v, d.total, d.offset, d.limit),
  ];
}

// ---------------------------------------------------------------- replay

export async function replay() {
  const p = params();
  const url = p.get('url');
  const ts = (p.get('ts') || '').replace(/[^0-9]/g, '');
  title('Replay');
  if (!url) return [h('h1', {}, 'Replay'), errorBox({ message: 'a URL is needed (?url=...)', parameter: 'url' })];
  let status;
  try {
    status = await api('status');
  } catch (e) {
    return [h('h1', {}, 'Replay'), errorBox(e)];
  }
  const src = `${status.replay}/${ts}/${url}`;
  const back = p.get('article') ? link('/article', { url: p.get('article'), version: p.get('version') }) : link('/article', { url });
  return [
    h('h1', {}, 'Replay'),
    h('p', {}, h('a', { href: back }, '← clean text and record'), ' · ', h('span', { class: 'url' }, url), ` · ${ts}`),
    h('p', { class: 'muted' }, 'The archived page, as captured, from a separate origin in a sandboxed frame: its scripts do not run.'),
    // No sandbox tokens: no scripts, no same-origin access, no navigation of this page.
    h('iframe', { id: 'replay-frame', class: 'replay', src, sandbox: '', referrerpolicy: 'no-referrer', title: `Archived page ${url}` }),
  ];
}
