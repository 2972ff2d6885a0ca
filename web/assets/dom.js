// Small helpers for building the views: elements from data (text only, never
// HTML strings, so archived text can never become markup), the JSON API, and
// URLs that carry a view's whole state.

// h('a', {href: '/x', class: 'c'}, 'text', child, ...) -> an element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// The current URL's query parameters.
export function params() {
  return new URLSearchParams(location.search);
}

// A path with parameters; empty values are left out.
export function link(path, values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values || {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.parameter = body && body.parameter;
  }
}

// GET /api/NAME with parameters -> parsed JSON; ApiError on failure.
export async function api(name, values) {
  const res = await fetch(link(`/api/${name}`, values), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// "2026-11-21T10:30:00.123Z" -> "2026-11-21 10:30 UTC".
export function when(iso) {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

// "2026-11-21T10:30:00Z" -> "20261121103000", the form URLs use.
export function ts14(iso) {
  return (iso || '').replace(/[^0-9]/g, '').slice(0, 14);
}

// Text with marked pieces ([{text, match}]) -> nodes with <mark>.
export function marked(pieces) {
  return (pieces || []).map((p) => (p.match ? h('mark', {}, p.text) : document.createTextNode(p.text)));
}

// A view's error: what the server said, the bad parameter named.
export function errorBox(e) {
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, e.status === 404 ? 'Not found' : e.status === 503 ? 'Not ready yet' : 'Error'),
    ' ', e.message,
    e.parameter ? h('span', { class: 'muted' }, ` (parameter “${e.parameter}”)`) : null);
}

// A form whose fields become the page's URL parameters (GET), so the view's
// state is always in its address.
export function filterForm(path, fields, values) {
  const form = h('form', { class: 'filters', action: path, method: 'get' });
  for (const f of fields) {
    const id = `f-${f.name}`;
    let input;
    if (f.type === 'select') {
      input = h('select', { id, name: f.name },
        f.options.map(([v, label]) => h('option', { value: v, selected: (values[f.name] || f.value || '') === v }, label)));
    } else if (f.type === 'checkbox') {
      input = h('input', { id, name: f.name, type: 'checkbox', value: '1', checked: values[f.name] === '1' });
    } else {
      input = h('input', { id, name: f.name, type: f.type || 'text', value: values[f.name] || '',
        placeholder: f.placeholder || '', size: f.size || 14 });
    }
    form.append(h('label', { for: id }, f.label, ' ', input));
  }
  form.append(h('button', { type: 'submit' }, 'Apply'));
  return form;
}

// Previous / next page links for lists with offset and limit.
export function pager(path, values, total, offset, limit) {
  const nav = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  if (offset > 0) nav.append(h('a', { href: link(path, { ...values, offset: Math.max(0, offset - limit) }), rel: 'prev' }, '← Previous'));
  nav.append(h('span', {}, ` ${from}–${to} of ${total} `));
  if (offset + limit < total) nav.append(h('a', { href: link(path, { ...values, offset: offset + limit }), rel: 'next' }, 'Next →'));
  return nav;
}
