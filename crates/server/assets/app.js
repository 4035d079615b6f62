// attache's page: timeline, actor network, article view with highlights, search.
// Article text is untrusted: every piece of data goes into the page as a text
// node (el() below, textContent); nothing here ever parses a string as HTML.
'use strict';

(() => {
  const QUADS = {
    vcoop: { label: 'verbal cooperation', types: ['AGREE', 'CONSULT', 'SUPPORT'], color: '#2a9d8f' },
    mcoop: { label: 'material cooperation', types: ['COOPERATE', 'AID', 'RETREAT', 'CONCEDE'], color: '#3a6fd8' },
    vconf: { label: 'verbal conflict', types: ['REQUEST', 'ACCUSE', 'REJECT', 'THREATEN'], color: '#e09b2d' },
    mconf: { label: 'material conflict', types: ['PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'], color: '#d1495b' },
  };
  const QUAD_OF = {};
  for (const [q, v] of Object.entries(QUADS)) for (const t of v.types) QUAD_OF[t] = q;
  const SVG = 'http://www.w3.org/2000/svg';

  // ---- DOM helpers: text only -------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'href' || k === 'title' || k === 'id' || k === 'type' || k === 'value' || k === 'placeholder') node[k] = v;
      else throw new Error('el: unsupported property ' + k);
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const c of children.flat()) {
      if (c == null) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);
  const main = () => $('main');

  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text || '';
    s.className = 'status' + (isError ? ' error' : '');
  }

  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') url.searchParams.set(k, v);
    const resp = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await resp.json().catch(() => null);
    if (!resp.ok) {
      const msg = body && body.error ? body.error.message : resp.statusText;
      throw new Error(msg);
    }
    return body;
  }

  function quadClass(type) { return 'q-' + (QUAD_OF[type] || 'vcoop'); }
  function badge(type) { return el('span', { class: 'badge ' + quadClass(type), title: (QUADS[QUAD_OF[type]] || {}).label }, type); }
  function legend() {
    return el('div', { class: 'legend' }, Object.entries(QUADS).map(([q, v]) => el('span', { class: 'q-' + q }, v.label + ' (' + v.types.join(', ') + ')')));
  }
  function names(ps) { return (ps || []).map((p) => p.name); }
  function actorLink(name) {
    return el('span', { class: 'actor-link', on: { click: (e) => { e.stopPropagation(); showProfile(name); } } }, name);
  }
  function joinNodes(nodes, sep) {
    const out = [];
    nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
    return out;
  }
  function firstEvidence(ev) {
    const s = (ev.event.evidence || [])[0];
    return s ? s.text : '';
  }
  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // ---- Filters ------------------------------------------------------------
  const FILTER_KEYS = ['actor', 'country', 'type', 'from', 'to', 'text'];
  function readFilters() {
    const f = {};
    for (const k of FILTER_KEYS) {
      const v = $('f-' + k).value.trim();
      if (v) f[k] = v;
    }
    return f;
  }
  function initFilters() {
    const sel = $('f-type');
    for (const [q, v] of Object.entries(QUADS)) {
      const group = document.createElement('optgroup');
      group.label = v.label;
      for (const t of v.types) group.appendChild(el('option', { value: t }, t));
      sel.appendChild(group);
    }
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); route(); });
    $('f-clear').addEventListener('click', () => { for (const k of FILTER_KEYS) $('f-' + k).value = ''; route(); });
  }

  // ---- Timeline -----------------------------------------------------------
  function eventCard(ev) {
    const e = ev.event;
    const src = ev.sources[0] || {};
    const actors = names(e.actor), recips = names(e.recipient);
    const card = el('div', { class: 'event ' + quadClass(e.event), dataset: { id: ev.id }, on: { click: () => openEvent(ev) } },
      el('div', { class: 'head' },
        badge(e.event),
        el('span', { class: 'who' }, joinNodes(actors.map(actorLink), ', ')),
        recips.length ? el('span', { class: 'arrow' }, '→') : null,
        recips.length ? el('span', { class: 'who' }, joinNodes(recips.map(actorLink), ', ')) : null,
        e.status !== 'asserted' ? el('span', { class: 'status-tag' }, e.status) : null,
        src.duplicate ? el('span', { class: 'status-tag', title: 'the article is a near-duplicate of an earlier one' }, 'duplicate') : null),
      el('div', { class: 'ev' }, clip(firstEvidence(ev), 260)),
      el('div', { class: 'meta' },
        [e.mode, e.location && e.location.name, src.source, src.published && 'published ' + src.published,
          ev.sources.length > 1 ? ev.sources.length + ' reports' : null].filter(Boolean).join(' · ')));
    return card;
  }

  function openEvent(ev) {
    const src = ev.sources[0];
    if (src) location.hash = '#/doc/' + encodeURIComponent(src.doc) + '?event=' + encodeURIComponent(src.event_id);
  }

  function strip(events) {
    const dated = events.filter((e) => /^\d{4}-\d{2}-\d{2}/.test(e.event.date || ''));
    const box = svg('svg', { class: 'strip', viewBox: '0 0 1000 70', preserveAspectRatio: 'none', role: 'img' });
    if (!dated.length) return box;
    const t = (d) => Date.parse(d.slice(0, 10));
    let lo = Math.min(...dated.map((e) => t(e.event.date))), hi = Math.max(...dated.map((e) => t(e.event.date)));
    if (hi === lo) { lo -= 86400000 * 15; hi += 86400000 * 15; }
    const x = (d) => 20 + (960 * (t(d) - lo)) / (hi - lo);
    box.appendChild(svg('line', { x1: 20, x2: 980, y1: 50, y2: 50, stroke: '#cfd6e4' }));
    const stack = {};
    for (const e of dated) {
      const px = Math.round(x(e.event.date));
      const k = Math.round(px / 6);
      stack[k] = (stack[k] || 0) + 1;
      const dot = svg('circle', { cx: px, cy: 50 - stack[k] * 7, r: 3, fill: (QUADS[QUAD_OF[e.event.event]] || QUADS.vcoop).color });
      dot.appendChild(svg('title', {}, e.event.date + ' ' + e.event.event + ': ' + names(e.event.actor).join(', ')));
      box.appendChild(dot);
    }
    box.appendChild(svg('text', { x: 20, y: 65 }, new Date(lo).toISOString().slice(0, 10)));
    box.appendChild(svg('text', { x: 980, y: 65, 'text-anchor': 'end' }, new Date(hi).toISOString().slice(0, 10)));
    return box;
  }

  async function viewTimeline(params) {
    const f = readFilters();
    const a = params.get('a'), b = params.get('b');
    const path = a ? '/api/timeline' : '/api/events';
    const query = Object.assign({ limit: 200 }, f, a ? { a, b } : {});
    setStatus('loading…');
    const page = await api(path, query);
    setStatus('');
    const root = main();
    const title = a ? 'Timeline: ' + a + (b ? ' and ' + b : '') : 'Events';
    const list = el('div', { id: 'timeline' });
    let all = page.items.slice();
    root.replaceChildren(el('h2', {}, title, ' ', el('span', { class: 'muted' }, '(' + all.length + (page.next_cursor ? '+' : '') + ')')), legend());
    const stripHolder = el('div', {});
    root.append(stripHolder, list);
    const render = () => {
      stripHolder.replaceChildren(strip(all));
      list.replaceChildren();
      if (!all.length) { list.appendChild(el('div', { class: 'empty' }, 'No events match.')); return; }
      let day = null, box = null;
      for (const ev of all) {
        const d = ev.event.date || 'undated';
        if (d !== day) {
          day = d;
          box = el('div', { class: 'day-events' });
          list.appendChild(el('div', { class: 'day' }, el('div', { class: 'day-date' }, d), box));
        }
        box.appendChild(eventCard(ev));
      }
    };
    render();
    let cursor = page.next_cursor;
    if (cursor) {
      const more = el('button', { class: 'quiet more', type: 'button' }, 'Load more');
      more.addEventListener('click', async () => {
        const next = await api(path, Object.assign({}, query, { cursor }));
        all = all.concat(next.items);
        cursor = next.next_cursor;
        render();
        if (!cursor) more.remove();
      });
      root.appendChild(more);
    }
  }

  // ---- Network ------------------------------------------------------------
  function buildGraph(events, maxNodes) {
    const degree = new Map();
    const edges = new Map();
    const bump = (m, k, n) => m.set(k, (m.get(k) || 0) + n);
    for (const ev of events) {
      const e = ev.event, q = QUAD_OF[e.event] || 'vcoop';
      const a = names(e.actor), r = names(e.recipient);
      const pairs = [];
      if (r.length) for (const x of a) for (const y of r) pairs.push([x, y]);
      else for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) pairs.push([a[i], a[j]]);
      for (const [x, y] of pairs) {
        if (x === y) continue;
        const key = [x, y].sort().join('\u0000') + '\u0000' + q;
        const cur = edges.get(key) || { a: x, b: y, q, n: 0 };
        cur.n += 1;
        edges.set(key, cur);
        bump(degree, x, 1);
        bump(degree, y, 1);
      }
    }
    const keep = new Set([...degree.entries()].sort((p, q) => q[1] - p[1]).slice(0, maxNodes).map((p) => p[0]));
    const nodes = [...keep].map((name) => ({ name, deg: degree.get(name) }));
    return { nodes, edges: [...edges.values()].filter((e) => keep.has(e.a) && keep.has(e.b)) };
  }

  function layout(nodes, edges, w, h) {
    // A small force layout: repulsion between all nodes, springs along edges,
    // a pull to the centre; deterministic start on a circle.
    const idx = new Map(nodes.map((n, i) => [n.name, i]));
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length;
      n.x = w / 2 + (Math.min(w, h) / 3) * Math.cos(a);
      n.y = h / 2 + (Math.min(w, h) / 3) * Math.sin(a);
    });
    const k = Math.min(Math.sqrt((w * h) / Math.max(1, nodes.length)) * 0.5, 140);
    for (let it = 0; it < 300; it++) {
      const temp = 30 * (1 - it / 300) + 0.5;
      const dx = new Float64Array(nodes.length), dy = new Float64Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          let ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          const d2 = Math.max(ddx * ddx + ddy * ddy, 1);
          if (d2 > 9 * k * k) continue; // far apart: no push (keeps components close)
          const f = (k * k) / d2;
          dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      for (const e of edges) {
        const i = idx.get(e.a), j = idx.get(e.b);
        const ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
        const d = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 1);
        const f = d / k;
        dx[i] -= ddx * f; dy[i] -= ddy * f; dx[j] += ddx * f; dy[j] += ddy * f;
      }
      nodes.forEach((n, i) => {
        dx[i] += (w / 2 - n.x) * 0.05; dy[i] += (h / 2 - n.y) * 0.05;
        const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01);
        n.x += (dx[i] / d) * Math.min(d, temp);
        n.y += (dy[i] / d) * Math.min(d, temp);
      });
    }
    // Fit the result into the box, leaving room for labels.
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (w - 240) / Math.max(x1 - x0, 1), sy = (h - 60) / Math.max(y1 - y0, 1);
    for (const n of nodes) {
      n.x = x1 > x0 ? 60 + (n.x - x0) * sx : w / 2;
      n.y = y1 > y0 ? 30 + (n.y - y0) * sy : h / 2;
    }
  }

  async function viewNetwork() {
    setStatus('loading…');
    const page = await api('/api/events', Object.assign({ limit: 500 }, readFilters()));
    setStatus('');
    const { nodes, edges } = buildGraph(page.items, 60);
    const root = main();
    root.replaceChildren(el('h2', {}, 'Actor network ', el('span', { class: 'muted' }, '(' + nodes.length + ' actors, ' + page.items.length + ' events; click an actor)')), legend());
    if (!nodes.length) { root.appendChild(el('div', { class: 'empty' }, 'No events with two sides match.')); return; }
    const W = 1160, H = 620;
    layout(nodes, edges, W, H);
    const pos = new Map(nodes.map((n) => [n.name, n]));
    const g = svg('svg', { class: 'network', id: 'network', viewBox: `0 0 ${W} ${H}`, role: 'img' });
    const maxDeg = Math.max(...nodes.map((n) => n.deg));
    for (const e of edges) {
      const a = pos.get(e.a), b = pos.get(e.b);
      const line = svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: QUADS[e.q].color, 'stroke-width': Math.min(1.5 + e.n, 7) });
      line.appendChild(svg('title', {}, e.a + ' – ' + e.b + ': ' + e.n + ' ' + QUADS[e.q].label));
      g.appendChild(line);
    }
    for (const n of nodes) {
      const r = 5 + 13 * Math.sqrt(n.deg / maxDeg);
      const node = svg('g', { class: 'node', transform: `translate(${n.x},${n.y})`, 'data-name': n.name },
        svg('circle', { r, fill: '#44506a' }),
        svg('text', { x: r + 3, y: 4 }, n.name),
        svg('title', {}, n.name + ': ' + n.deg + ' links'));
      node.addEventListener('click', () => {
        for (const s of g.querySelectorAll('.node.selected')) s.classList.remove('selected');
        node.classList.add('selected');
        showProfile(n.name);
      });
      g.appendChild(node);
    }
    root.appendChild(el('div', { class: 'network-wrap' }, g));
  }

  // ---- Actor profile ------------------------------------------------------
  async function showProfile(name) {
    const panel = $('profile');
    panel.hidden = false;
    panel.replaceChildren(el('div', { class: 'muted' }, 'loading ' + name + '…'));
    try {
      const [actors, tl] = await Promise.all([api('/api/actors', { name, limit: 1 }), api('/api/timeline', { a: name, limit: 50 })]);
      const a = actors.items[0];
      const close = el('button', { class: 'quiet close', type: 'button', on: { click: () => { panel.hidden = true; } } }, '×');
      if (!a) { panel.replaceChildren(close, el('h3', {}, name), el('p', { class: 'muted' }, 'Not in the actor list.')); return; }
      const facts = el('dl', { class: 'facts' });
      const fact = (k, v) => { if (v != null && v !== '') append(facts, [el('dt', {}, k), el('dd', {}, String(v))]); };
      fact('kind', a.kind); fact('country', a.country); fact('sector', a.sector); fact('knowledge base', a.kb_id);
      fact('events', a.event_count); fact('articles', a.doc_count);
      fact('seen', a.first_seen ? a.first_seen + (a.last_seen && a.last_seen !== a.first_seen ? ' to ' + a.last_seen : '') : null);
      const offices = a.offices.length
        ? el('table', {}, el('tr', {}, el('th', {}, 'title'), el('th', {}, 'country'), el('th', {}, 'attested')),
          a.offices.map((o) => el('tr', {}, el('td', {}, o.title), el('td', {}, o.country || ''), el('td', {}, [o.from, o.to].filter(Boolean).filter((v, i, s) => s.indexOf(v) === i).join(' – ')))))
        : el('p', { class: 'muted' }, 'No titles or offices recorded.');
      const events = tl.items.length
        ? tl.items.map((ev) => el('div', { class: 'mini', on: { click: () => openEvent(ev) } },
          el('span', { class: 'muted' }, (ev.event.date || 'undated') + ' '), badge(ev.event.event), ' ',
          clip([names(ev.event.actor).join(', '), names(ev.event.recipient).join(', ')].filter(Boolean).join(' → '), 80)))
        : el('p', { class: 'muted' }, 'No events.');
      panel.replaceChildren(close, el('h3', { id: 'profile-name' }, a.name), facts,
        el('h4', {}, 'Titles and offices'), offices,
        el('h4', {}, 'Events, oldest first'), el('a', { href: '#/timeline?a=' + encodeURIComponent(a.name) }, 'open as timeline'),
        ...(Array.isArray(events) ? events : [events]));
    } catch (err) {
      panel.replaceChildren(el('p', { class: 'muted' }, 'Could not load ' + name + ': ' + err.message));
    }
  }

  // ---- Document / event view ---------------------------------------------
  function renderBody(body, annotations, focusEvent) {
    // Cut the body at every annotation boundary (byte offsets into UTF-8)
    // and give each piece the classes of the annotations covering it.
    const bytes = new TextEncoder().encode(body);
    const dec = new TextDecoder();
    const cuts = new Set([0, bytes.length]);
    for (const a of annotations) { cuts.add(a.start); cuts.add(a.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= bytes.length).sort((x, y) => x - y);
    const out = el('div', { class: 'body', id: 'doc-body' });
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      const text = dec.decode(bytes.subarray(s, e));
      const covering = annotations.filter((a) => a.start <= s && e <= a.end);
      if (!covering.length) { out.appendChild(document.createTextNode(text)); continue; }
      const classes = new Set();
      let actor = null, tip = [];
      for (const a of covering) {
        classes.add(a.kind);
        if (a.kind === 'evidence' && focusEvent && (a.events || []).includes(focusEvent)) classes.add('focus');
        if (a.kind === 'actor') actor = a.label;
        tip.push(a.kind + ': ' + a.label);
      }
      const span = el('span', { class: [...classes].join(' '), title: tip.join('\n') }, text);
      if (actor) span.addEventListener('click', () => showProfile(actor));
      out.appendChild(span);
    }
    return out;
  }

  async function viewDoc(id, params) {
    setStatus('loading…');
    const hit = params.get('hit');
    const view = await api('/api/docs/' + encodeURIComponent(id), hit ? { hit } : undefined);
    setStatus('');
    const r = view.record;
    let focus = params.get('event');
    const article = el('article', {},
      el('h1', { id: 'doc-title' }, r.title || r.doc),
      el('div', { class: 'muted' }, [r.source, r.published, r.dateline, r.url].filter(Boolean).join(' · ')),
      el('div', { class: 'legend' }, el('span', { class: 'sw-evidence' }, 'evidence'), el('span', { class: 'sw-actor' }, 'actor (click for profile)'), el('span', { class: 'sw-timex' }, 'time expression'),
        view.unlocated ? el('span', {}, view.unlocated + ' annotations not placed') : null));
    const bodyHolder = el('div', {});
    article.appendChild(bodyHolder);
    const side = el('div', { class: 'side' }, el('h2', {}, 'Events (' + r.events.length + ')'));
    const cards = r.events.map((e) => {
      const card = el('div', { class: 'card', dataset: { id: e.id }, on: { click: () => { focus = e.id; draw(); } } },
        badge(e.event), ' ', el('span', { class: 'muted' }, e.date || 'undated'),
        el('div', {}, joinNodes(names(e.actor).map(actorLink), ', '), names(e.recipient).length ? ' → ' : '', joinNodes(names(e.recipient).map(actorLink), ', ')),
        el('div', { class: 'muted' }, [e.mode, e.status, e.date_text && '“' + e.date_text + '”'].filter(Boolean).join(' · ')));
      side.appendChild(card);
      return card;
    });
    if (r.captions && r.captions.length) side.append(el('h2', {}, 'Captions'), ...r.captions.map((c) => el('p', { class: 'muted' }, c)));
    const draw = () => {
      bodyHolder.replaceChildren(renderBody(r.body, view.annotations, focus));
      for (const c of cards) c.classList.toggle('focus', c.dataset.id === focus);
      const f = bodyHolder.querySelector('.evidence.focus') || bodyHolder.querySelector('.hit');
      if (f && f.scrollIntoView) f.scrollIntoView({ block: 'center' });
    };
    main().replaceChildren(el('div', { class: 'doc' }, article, side));
    draw();
  }

  // ---- Articles and search -----------------------------------------------
  async function viewDocs() {
    const f = readFilters();
    const page = await api('/api/docs', { from: f.from, to: f.to, text: f.text, limit: 200 });
    const rows = page.items.map((d) => el('div', { class: 'row' },
      el('a', { class: 'title', href: '#/doc/' + encodeURIComponent(d.doc) }, d.title || d.doc),
      el('div', { class: 'muted' }, [d.source, d.published, d.event_count + ' events', d.duplicate_group && d.duplicate_group !== d.doc ? 'duplicate of ' + d.duplicate_group : null].filter(Boolean).join(' · '))));
    main().replaceChildren(el('h2', {}, 'Articles'), rows.length ? el('div', { class: 'list' }, rows) : el('div', { class: 'empty' }, 'No articles.'));
  }

  function highlight(text, terms) {
    // Split around the query words and wrap them in <mark>, as text nodes.
    const lower = text.toLowerCase();
    const out = [];
    let i = 0;
    while (i < text.length) {
      let best = -1, len = 0;
      for (const t of terms) {
        const j = lower.indexOf(t, i);
        if (j >= 0 && (best < 0 || j < best)) { best = j; len = t.length; }
      }
      if (best < 0) { out.push(text.slice(i)); break; }
      out.push(text.slice(i, best), el('mark', {}, text.slice(best, best + len)));
      i = best + len;
    }
    return out;
  }

  async function viewSearch(params) {
    const q = params.get('q') || '';
    const input = el('input', { type: 'search', id: 'search-q', value: q, placeholder: 'words to find in the articles' });
    const form = el('form', { class: 'searchbar' }, input, el('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (e) => { e.preventDefault(); location.hash = '#/search?q=' + encodeURIComponent(input.value.trim()); });
    main().replaceChildren(el('h2', {}, 'Full-text search'), form);
    if (!q) return;
    const page = await api('/api/search', { q, limit: 100 });
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = page.items.map((h) => el('div', { class: 'row' },
      el('a', { class: 'title', href: '#/doc/' + encodeURIComponent(h.doc) + (h.sentence ? '?hit=' + h.sentence.start + '-' + h.sentence.end : '') }, h.title || h.doc),
      el('span', { class: 'muted' }, ' ' + (h.published || '')),
      el('div', {}, highlight(h.snippet, terms))));
    main().appendChild(rows.length ? el('div', { class: 'list', id: 'search-results' }, rows) : el('div', { class: 'empty' }, 'Nothing found.'));
  }

  // ---- Routing ------------------------------------------------------------
  async function route() {
    const hash = location.hash.replace(/^#\/?/, '') || 'timeline';
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const [view, ...rest] = path.split('/');
    for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === view);
    $('filters').classList.toggle('hidden', view === 'doc' || view === 'search');
    try {
      if (view === 'network') await viewNetwork();
      else if (view === 'doc') await viewDoc(decodeURIComponent(rest.join('/')), params);
      else if (view === 'docs') await viewDocs();
      else if (view === 'search') await viewSearch(params);
      else await viewTimeline(params);
    } catch (err) {
      setStatus(err.message, true);
      main().replaceChildren(el('div', { class: 'empty' }, 'Error: ' + err.message));
    }
  }

  initFilters();
  window.addEventListener('hashchange', route);
  route();
})();
