/* global document, navigator, fetch, URLSearchParams */
// The API reference page (GET /api/docs): reads /api/openapi.json with the browser's session and
// shows its operations grouped by tag, each with parameters, body and responses as schema trees,
// and a form that sends the request (with the session's CSRF token for writes).

const TEXT = {
  en: {
    loading: 'Loading the API description…',
    login: 'Log in to the application first; this page then shows the API as your roles allow.',
    openApp: 'Open the application',
    failed: 'The API description could not be loaded',
    find: 'Find an operation',
    parameters: 'Parameters',
    body: 'Request body',
    responses: 'Responses',
    tryIt: 'Try it',
    send: 'Send',
    sending: 'Sending…',
    required: 'required',
    readOnly: 'read-only',
    name: 'Name',
    in: 'In',
    schema: 'Schema',
    description: 'Description',
    platform: { auth: 'Sign-in', meta: 'Metadata', records: 'Recycle bin', search: 'Search', views: 'Saved views', workflow: 'Approvals and notifications', reports: 'Reports and dashboards' },
    version: 'metadata version',
  },
  'zh-CN': {
    loading: '正在加载 API 说明…',
    login: '请先登录应用，本页随后按您的角色显示可用的 API。',
    openApp: '打开应用',
    failed: '无法加载 API 说明',
    find: '查找操作',
    parameters: '参数',
    body: '请求体',
    responses: '响应',
    tryIt: '试一试',
    send: '发送',
    sending: '发送中…',
    required: '必填',
    readOnly: '只读',
    name: '名称',
    in: '位置',
    schema: '结构',
    description: '说明',
    platform: { auth: '登录', meta: '元数据', records: '回收站', search: '搜索', views: '已保存视图', workflow: '审批与通知', reports: '报表与仪表盘' },
    version: '元数据版本',
  },
};
const lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
const t = TEXT[lang];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
let doc;
let csrfToken;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}
const { Node } = globalThis;

function resolve(schema) {
  if (!schema || !schema.$ref) return schema || {};
  const parts = schema.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((node, key) => (node ? node[key] : undefined), doc) || {};
}

function typeText(schema) {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return `${resolve(s.items).type ? typeText(s.items) : 'any'}[]`;
  return [type || (s.properties ? 'object' : s.oneOf ? 'one of' : 'any'), s.format && `(${s.format})`].filter(Boolean).join(' ');
}

/** A schema as a readable tree: each property with its type, title, flags, limits and options. */
function schemaTree(schema, seen = new Set(), depth = 0) {
  const refName = schema && schema.$ref;
  const s = resolve(schema);
  if (refName && seen.has(refName)) return el('span', { class: 'muted' }, ` ↺ ${refName.split('/').pop()}`);
  const nextSeen = new Set(seen);
  if (refName) nextSeen.add(refName);
  const parts = [];
  if (s.description && depth === 0) parts.push(el('div', { class: 'muted' }, s.description));
  const variants = s.allOf || s.oneOf || s.anyOf;
  if (variants) {
    const merged = s.allOf ? variants.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...(a.properties || {}), ...(b.properties || {}) } }), {}) : null;
    if (merged && merged.properties) return schemaTree({ ...merged, allOf: undefined }, nextSeen, depth);
    parts.push(el('ul', { class: 'tree' }, variants.map((v) => el('li', {}, el('span', { class: 'type' }, typeText(v)), schemaTree(v, nextSeen, depth + 1)))));
  }
  const properties = s.properties || (s.items && resolve(s.items).properties && resolve(s.items).properties);
  const owner = s.properties ? s : resolve(s.items);
  if (properties && depth < 6) {
    const required = new Set(owner.required || []);
    parts.push(el('ul', { class: 'tree' }, Object.entries(properties).map(([name, prop]) => {
      const p = resolve(prop);
      const limits = [
        p.minLength !== undefined && `≥ ${p.minLength}`, p.maxLength !== undefined && `≤ ${p.maxLength} chars`,
        p.minimum !== undefined && `≥ ${p.minimum}`, p.maximum !== undefined && `≤ ${p.maximum}`,
      ].filter(Boolean).join(', ');
      const options = p.enum || (p.items && resolve(p.items).enum);
      const nested = (p.properties || (p.items && resolve(p.items).properties) || p.allOf || p.oneOf) ? schemaTree(prop, nextSeen, depth + 1) : null;
      return el('li', {},
        el('span', { class: 'prop' }, name), ' ', el('span', { class: 'type' }, typeText(prop)),
        p.title && p.title !== name ? el('span', {}, ` — ${p.title}`) : null,
        required.has(name) ? el('span', { class: 'flag required' }, t.required) : null,
        p.readOnly ? el('span', { class: 'flag' }, t.readOnly) : null,
        limits ? el('span', { class: 'muted' }, ` ${limits}`) : null,
        options ? el('div', { class: 'enum' }, options.filter((o) => o !== null).join(' · ')) : null,
        p.description ? el('div', { class: 'muted' }, p.description) : null,
        nested);
    })));
  } else if (!variants && !properties) {
    parts.push(el('span', { class: 'type' }, ` ${typeText(schema)}`));
  }
  return el('div', {}, parts);
}

function exampleOf(schema) {
  const s = resolve(schema);
  if (!s.properties) return {};
  const out = {};
  for (const name of s.required || []) {
    const p = resolve(s.properties[name]);
    const type = Array.isArray(p.type) ? p.type[0] : p.type;
    out[name] = p.enum ? p.enum[0] : type === 'integer' || type === 'number' ? 1 : type === 'boolean' ? false : type === 'array' ? [] : '';
  }
  return out;
}

async function send(method, path, op, inputs, bodyInput, answer, button) {
  let url = `/api${path}`;
  const query = new URLSearchParams();
  for (const [param, input] of inputs) {
    if (!input.value) continue;
    if (param.in === 'path') url = url.replace(`{${param.name}}`, encodeURIComponent(input.value));
    else if (param.in === 'query') query.set(param.name, input.value);
  }
  if ([...query].length) url += `?${query}`;
  const headers = { accept: 'application/json' };
  const init = { method: method.toUpperCase(), headers, credentials: 'same-origin' };
  button.disabled = true;
  button.textContent = t.sending;
  try {
    if (method !== 'get') {
      if (!csrfToken) csrfToken = (await (await fetch('/api/ui/session', { credentials: 'same-origin' })).json()).csrfToken;
      headers['x-csrf-token'] = csrfToken;
    }
    if (bodyInput && bodyInput.value.trim()) {
      headers['content-type'] = 'application/json';
      init.body = bodyInput.value;
    }
    const res = await fetch(url, init);
    const text = await res.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON: shown as it came */ }
    answer.textContent = `${init.method} ${url}\nHTTP ${res.status} ${res.statusText}\n\n${shown}`;
  } catch (err) {
    answer.textContent = String(err);
  } finally {
    button.disabled = false;
    button.textContent = t.send;
    answer.hidden = false;
  }
}

function operationView(path, method, op) {
  const params = (op.parameters || []).map(resolve);
  const inputs = [];
  const bodySchema = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'] && op.requestBody.content['application/json'].schema;
  const answer = el('pre', { class: 'answer', hidden: '' });
  const bodyInput = bodySchema ? el('textarea', { 'aria-label': t.body }) : null;
  if (bodyInput) bodyInput.value = JSON.stringify(exampleOf(bodySchema), null, 2);
  const button = el('button', { type: 'button' }, t.send);
  button.addEventListener('click', () => send(method, path, op, inputs, bodyInput, answer, button));
  const tryIt = el('div', { class: 'try' }, el('strong', {}, t.tryIt),
    params.map((param) => {
      const input = el('input', { 'aria-label': param.name, placeholder: param.description || '' });
      inputs.push([param, input]);
      return el('label', {}, `${param.name} (${param.in})`, param.required ? el('span', { class: 'flag required' }, t.required) : null, input);
    }),
    bodyInput ? el('label', {}, t.body, bodyInput) : null,
    button, answer);
  const body = el('div', { class: 'op-body' },
    op.description ? el('p', {}, op.description) : null,
    params.length ? [el('h4', {}, t.parameters), el('table', { class: 'params' },
      el('tr', {}, el('th', {}, t.name), el('th', {}, t.in), el('th', {}, t.schema), el('th', {}, t.description)),
      params.map((p) => el('tr', {},
        el('td', {}, el('span', { class: 'prop' }, p.name), p.required ? el('span', { class: 'flag required' }, t.required) : null),
        el('td', {}, p.in),
        el('td', {}, el('span', { class: 'type' }, typeText(p.schema || (p.content && Object.values(p.content)[0].schema)))),
        el('td', {}, p.description || ''))))] : null,
    bodySchema ? [el('h4', {}, t.body), schemaTree(bodySchema)] : null,
    el('h4', {}, t.responses),
    Object.entries(op.responses || {}).map(([status, response]) => {
      const r = resolve(response);
      const schema = r.content && Object.values(r.content)[0] && Object.values(r.content)[0].schema;
      return el('details', {}, el('summary', {}, el('strong', {}, status), ` ${r.description || ''}`), schema ? schemaTree(schema) : null);
    }),
    tryIt);
  const id = `op-${(op.operationId || `${method}-${path}`).replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return el('details', { class: 'op', id, 'data-search': `${method} ${path} ${op.summary || ''}`.toLowerCase() },
    el('summary', {}, el('span', { class: `method ${method}` }, method), el('span', { class: 'path' }, path), el('span', { class: 'muted' }, op.summary || '')),
    body);
}

function render() {
  document.getElementById('version').textContent = `${doc.info.version ? `${t.version} ${doc.info.version}` : ''}`;
  const byTag = new Map(doc.tags.map((tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  }
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  main.replaceChildren();
  nav.replaceChildren();
  for (const tag of doc.tags) {
    const ops = byTag.get(tag.name) || [];
    if (!ops.length) continue;
    const title = tag['x-displayName'] || t.platform[tag.name] || tag.name;
    const sectionId = `tag-${tag.name}`;
    nav.append(el('a', { class: 'group', href: `#${sectionId}` }, title));
    main.append(el('section', { class: 'tag', id: sectionId },
      el('h2', {}, title, tag['x-displayName'] ? el('span', { class: 'muted' }, ` ${tag.name}`) : null),
      tag.description ? el('p', { class: 'muted' }, tag.description) : null,
      ops.map(([path, method, op]) => operationView(path, method, op))));
  }
}

function filterOperations(text) {
  const needle = text.trim().toLowerCase();
  for (const section of document.querySelectorAll('section.tag')) {
    let shown = 0;
    for (const op of section.querySelectorAll('details.op')) {
      const match = !needle || op.dataset.search.includes(needle) || section.querySelector('h2').textContent.toLowerCase().includes(needle);
      op.hidden = !match;
      if (match) shown += 1;
    }
    section.hidden = shown === 0;
  }
}

async function start() {
  document.documentElement.lang = lang;
  const status = document.getElementById('status');
  const find = document.getElementById('find');
  find.placeholder = t.find;
  find.addEventListener('input', () => filterOperations(find.value));
  status.textContent = t.loading;
  const res = await fetch('/api/openapi.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) {
    status.replaceWith(el('div', { class: 'login' }, el('p', {}, t.login), el('a', { href: '/login' }, t.openApp)));
    return;
  }
  if (!res.ok) {
    const answer = await res.json().catch(() => ({}));
    status.textContent = `${t.failed}: ${(answer.error && answer.error.message) || res.status}`;
    return;
  }
  doc = await res.json();
  document.title = doc.info.title;
  render();
}

start();
