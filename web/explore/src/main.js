// The graph explorer: search an entity, draw its neighbourhood, expand
// nodes, filter, read the evidence of a relation and the entity's events.
// Everything it loads comes from the server that serves it.
import cytoscape from 'cytoscape';
import palette from './palette.json';
import { viewDocument, graphqlLiteral, entityFields, relationFields } from './query.js';
import { dateOfDay, dayNumber, overlaps, realDate, validDate } from './dates.js';
import { apiKey, authHeaders, gql as post, setApiKey } from './api.js';
import { planClusters, foldEdges } from './clusters.js';
import { startLive } from './live.js';
import { download, fileName, pngOf, svgOf } from './export.js';
import { createBrush } from './brush.js';

// Relative to the page, so the explorer keeps working behind a path prefix.
const endpoint = new URL('../graphql', window.location.href).toString();
const eventsURL = new URL('../events', window.location.href).toString();
const nodeLimit = 100;

const $ = (id) => document.getElementById(id);

// h builds an element; strings become text nodes, never markup.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// gql runs a query against this server, with the API key if one is set.
function gql(query, variables) {
  return post(endpoint, query, variables);
}

function typeStyle(type) {
  return palette.types[type] || palette.other;
}

function badge(type) {
  return h('span', { class: 'badge', style: `background:${typeStyle(type).color}` }, type);
}

let statusTimer;
function status(msg) {
  clearTimeout(statusTimer);
  $('status').textContent = msg;
}
function showError(err) {
  const el = $('error');
  if (!err) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.textContent = `Error: ${err.message || err}`;
  el.hidden = false;
}

// ---- state ---------------------------------------------------------------

const state = {
  centre: null, // entity id
  expanded: [], // ids expanded after the centre, in order
  relationTypes: [], // every RelationType of the schema
  types: null, // Set of the relation types shown; null means all
  from: '',
  to: '',
  asOf: '', // YYYY[-MM[-DD]]: only what held then; '' for everything
  depth: 1,
  openClusters: new Set(), // type/kind keys the reader unfolded
  nodes: new Map(), // id -> entity
  edges: new Map(), // id -> relation without evidence
  truncated: false,
  selected: null, // {kind: 'node'|'edge', id}
  timeline: [],
};

function typesArg() {
  return state.types ? [...state.types].sort() : null;
}

function currentView() {
  return {
    centre: state.centre,
    expanded: state.expanded,
    types: typesArg(),
    depth: state.depth,
    limit: nodeLimit,
    from: state.from || null,
    to: state.to || null,
    asOf: state.asOf || null,
  };
}

// ---- the drawing -----------------------------------------------------------

const cy = cytoscape({
  container: $('graph'),
  boxSelectionEnabled: false,
  selectionType: 'single',
  minZoom: 0.2,
  maxZoom: 3,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)',
        label: 'data(label)',
        color: palette.text,
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 130,
        'text-background-color': palette.background,
        'text-background-opacity': 0.9,
        'text-background-padding': 2,
        width: 26,
        height: 26,
        'border-width': 2,
        'border-color': palette.background,
      },
    },
    {
      selector: 'node.centre',
      style: { width: 40, height: 40, 'border-color': palette.text, 'border-width': 3, 'font-weight': 'bold' },
    },
    { selector: 'node.expanded', style: { 'border-color': palette.text, 'border-style': 'double', 'border-width': 4 } },
    // An event's status, readable without colour: what has not happened
    // (yet) is outlined dashed or dotted and paler; a cancelled one is
    // faded and its label struck through (nodeData).
    {
      selector: 'node[status = "PLANNED"], node[status = "PROPOSED"]',
      style: { 'border-style': 'dashed', 'border-color': palette.text, 'border-width': 3, 'background-opacity': 0.55 },
    },
    {
      selector: 'node[status = "POSTPONED"]',
      style: { 'border-style': 'dotted', 'border-color': palette.text, 'border-width': 4, 'background-opacity': 0.55 },
    },
    { selector: 'node[status = "CANCELLED"]', style: { 'background-opacity': 0.3, 'border-color': palette.muted, 'border-width': 2 } },
    {
      selector: 'node.cluster',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-opacity': 0.35,
        'border-color': 'data(color)',
        'border-width': 3,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-color': palette.selected, 'border-width': 5, 'overlay-opacity': 0 },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': palette.edge,
        'target-arrow-color': palette.edge,
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 9,
        color: palette.text,
        'text-rotation': 'autorotate',
        'text-background-color': palette.background,
        'text-background-opacity': 0.9,
        'text-background-padding': 1,
      },
    },
    // A post's tense: a former one faded and dotted, an incoming one dashed;
    // the label says which in words.
    { selector: 'edge[tense = "FORMER"]', style: { 'line-style': 'dotted', opacity: 0.6 } },
    { selector: 'edge[tense = "INCOMING"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 4] } },
    { selector: 'edge.cluster-edge', style: { width: 'data(width)', 'line-style': 'solid', opacity: 0.8 } },
    { selector: 'edge.live', style: { width: 5, 'line-color': palette.accent, 'target-arrow-color': palette.accent } },
    {
      selector: 'edge:selected',
      style: {
        width: 5,
        'line-color': palette.selected,
        'target-arrow-color': palette.selected,
        'font-weight': 'bold',
        'overlay-opacity': 0,
      },
    },
    { selector: '.hidden', style: { display: 'none' } },
  ],
});

// The end-to-end test reads where an edge is drawn from here, to click it
// as a person would.
Object.defineProperty($('graph'), 'cy', { value: cy });

// Cytoscape caches where its container sits and refreshes that only on
// window resizes and scrolls; text above the drawing that grows or an
// error that appears moves it, and clicks would land beside what they aim
// at. Refresh it before every press.
$('graph').addEventListener('pointerdown', () => cy.resize(), true);

cy.on('tap', 'node', (e) => {
  if (e.target.hasClass('cluster')) unfold(e.target.data('key'));
  else activateNode(e.target.id(), { expand: true });
});
cy.on('tap', 'edge', (e) => selectEdge(e.target.id()));

// statusWord is how an event's status reads after its name; a held event,
// the usual case, says nothing.
function statusWord(n) {
  return n.status && n.status !== 'HELD' ? n.status.toLowerCase() : '';
}

// tenseWord is the same for a post: only FORMER and INCOMING are said.
function tenseWord(r) {
  return r.tense && r.tense !== 'CURRENT' ? r.tense.toLowerCase() : '';
}

// strike draws a line through text with the combining long stroke, the
// one strike-through a canvas label can show.
function strike(text) {
  return [...text].map((c) => `${c}\u0336`).join('');
}

function nodeLabel(n) {
  const word = statusWord(n);
  if (!word) return n.name;
  return `${n.status === 'CANCELLED' ? strike(n.name) : n.name} (${word})`;
}

function nodeData(n) {
  const s = typeStyle(n.type);
  return { id: n.id, label: nodeLabel(n), type: n.type, color: s.color, shape: s.shape, status: n.status || '' };
}

function edgeLabel(r) {
  const word = tenseWord(r);
  return word ? `${r.type} (${word})` : r.type;
}

function edgeData(r) {
  return { id: r.id, source: r.subject.id, target: r.object.id, type: r.type, label: edgeLabel(r), tense: r.tense || '' };
}

// visibleEdges applies the date range: the drawing hides what the range
// leaves out and the lists show only what is drawn.
function visibleEdges() {
  return [...state.edges.values()].filter((r) => overlaps(r.firstSeen, r.lastSeen, state.from, state.to));
}

function redraw({ layout }) {
  const edges = visibleEdges();
  const shownNodes = new Set([state.centre, ...state.expanded]);
  for (const r of edges) {
    shownNodes.add(r.subject.id);
    shownNodes.add(r.object.id);
  }
  const edgeIDs = new Set(edges.map((r) => r.id));
  const plan = foldPlan(shownNodes, edges);

  cy.batch(() => {
    syncElements(plan);
    cy.nodes().not('.cluster').forEach((n) => {
      n.toggleClass('hidden', !shownNodes.has(n.id()) || plan.memberOf.has(n.id()));
      n.toggleClass('centre', n.id() === state.centre);
      n.toggleClass('expanded', state.expanded.includes(n.id()));
    });
    cy.edges().not('.cluster-edge').forEach((e) => {
      const folded = plan.memberOf.has(e.data('source')) || plan.memberOf.has(e.data('target'));
      e.toggleClass('hidden', !edgeIDs.has(e.id()) || folded);
    });
  });

  if (layout) runLayout();
  syncSelection();
  renderLists(shownNodes, edges);
  renderClusters(plan);
  renderQuery();
  renderSummary(shownNodes, edges, plan);
  renderBrush();
}

function runLayout() {
  const shown = cy.elements().not('.hidden');
  // cose sizes nodes by their labels, and cytoscape applies the style of
  // a node just shown again (after a date range hid it) only when it next
  // draws: until then the node counts as empty, and cose would pack such
  // nodes on top of each other.
  shown.cleanStyle();
  shown
    .layout({
      name: shown.nodes().length > 2 ? 'cose' : 'grid',
      animate: false,
      nodeDimensionsIncludeLabels: true,
      padding: 30,
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
      randomize: true,
      fit: true,
    })
    .run();
}

function renderSummary(shownNodes, edges, plan) {
  const hiddenByDate = state.edges.size - edges.length;
  const centre = state.nodes.get(state.centre);
  const folded = plan.memberOf.size
    ? ` ${plan.memberOf.size} entities are folded into ${plan.groups.size} groups by type and kind; click a group to unfold it.`
    : '';
  $('graph-summary').textContent = centre
    ? `${centre.name}: ${shownNodes.size} entities, ${edges.length} relations` +
      (hiddenByDate ? `, ${hiddenByDate} outside the date range hidden` : '') +
      (state.asOf ? `, as of ${state.asOf}` : '') +
      (state.truncated ? `. The neighbourhood was cut at ${nodeLimit} entities.` : '.') +
      folded +
      ' Click a node to expand it, an edge to read its evidence.'
    : 'Search for an entity to draw its neighbourhood.';
}

// ---- level of detail ------------------------------------------------------------

// foldPlan decides which entities a large view draws folded: never the
// centre, an expanded node or what is selected.
function foldPlan(shownNodes, edges) {
  const pinned = new Set([state.centre, ...state.expanded]);
  const sel = state.selected;
  if (sel && sel.kind === 'node') pinned.add(sel.id);
  if (sel && sel.kind === 'edge' && state.edges.has(sel.id)) {
    const r = state.edges.get(sel.id);
    pinned.add(r.subject.id).add(r.object.id);
  }
  const nodes = [...shownNodes].map((id) => state.nodes.get(id)).filter(Boolean);
  const { groups, memberOf } = planClusters(nodes, pinned, state.openClusters);
  const folded = foldEdges(edges, memberOf);
  return { groups, memberOf, edges: folded, edgeIDs: new Set(folded.map((f) => f.id)) };
}

function clusterData(g) {
  const s = typeStyle(g.type);
  const kind = g.kind ? ` · ${g.kind.toLowerCase()}` : '';
  return {
    id: g.id,
    key: g.key,
    label: `${g.type}${kind} (${g.members.length})`,
    color: s.color,
    shape: s.shape,
    size: Math.round(30 + 6 * Math.sqrt(g.members.length)),
  };
}

function foldedEdgeData(f) {
  const label = f.types.size === 1 ? `${[...f.types][0]} ×${f.count}` : `${f.count} relations`;
  return { id: f.id, source: f.source, target: f.target, label, width: Math.min(2 + Math.log2(f.count), 8) };
}

// syncElements makes the drawing hold the view's entities and relations
// and the plan's groups, adding what is new and relabelling what stays
// (a status or tense may have changed), so that positions survive.
function syncElements(plan) {
  const wanted = (el) => {
    if (el.hasClass('cluster')) return plan.groups.has(el.id());
    if (el.hasClass('cluster-edge')) return plan.edgeIDs.has(el.id());
    return el.isNode() ? state.nodes.has(el.id()) : state.edges.has(el.id());
  };
  cy.elements().forEach((el) => {
    if (!wanted(el)) el.remove();
  });
  const put = (group, data, update, classes) => {
    const el = cy.getElementById(data.id);
    if (el.empty()) cy.add({ group, data, classes });
    else el.data(update);
  };
  for (const n of state.nodes.values()) {
    const d = nodeData(n);
    put('nodes', d, { label: d.label, status: d.status });
  }
  for (const r of state.edges.values()) {
    if (!state.nodes.has(r.subject.id) || !state.nodes.has(r.object.id)) continue;
    const d = edgeData(r);
    put('edges', d, { label: d.label, tense: d.tense });
  }
  for (const g of plan.groups.values()) {
    const d = clusterData(g);
    put('nodes', d, { label: d.label, size: d.size }, 'cluster');
  }
  for (const f of plan.edges) {
    const d = foldedEdgeData(f);
    put('edges', d, { label: d.label, width: d.width }, 'cluster-edge');
  }
}

// renderClusters lists the folded groups as buttons too, so that the
// keyboard can unfold them, and offers to fold everything again.
function renderClusters(plan) {
  const box = $('clusters');
  const groups = [...plan.groups.values()].sort((a, b) => b.members.length - a.members.length);
  box.hidden = !groups.length && !state.openClusters.size;
  const buttons = groups.map((g) =>
    h('button', { type: 'button', class: 'small', 'data-key': g.key, onclick: () => unfold(g.key) }, `Unfold ${clusterData(g).label}`),
  );
  if (groups.length) buttons.unshift(h('span', {}, 'Folded:'));
  if (state.openClusters.size) buttons.push(h('button', { type: 'button', class: 'small', id: 'fold-all', onclick: foldAll }, 'Fold groups again'));
  box.replaceChildren(...buttons);
}

function unfold(key) {
  state.openClusters.add(key);
  redraw({ layout: true });
  status(`Unfolded ${key.replace('/', ' ').trim().toLowerCase()}.`);
}

function foldAll() {
  state.openClusters.clear();
  redraw({ layout: true });
  status('Groups folded again.');
}

function syncSelection() {
  cy.elements(':selected').unselect();
  if (state.selected) cy.getElementById(state.selected.id).select();
}

function entityName(id) {
  const n = state.nodes.get(id);
  return n ? n.name : id;
}

function renderLists(shownNodes, edges) {
  const nodes = [...shownNodes].map((id) => state.nodes.get(id)).filter(Boolean);
  nodes.sort((a, b) => (a.id === state.centre ? -1 : b.id === state.centre ? 1 : a.name.localeCompare(b.name)));
  $('nodes-count').textContent = `(${nodes.length})`;
  $('node-list').replaceChildren(
    ...nodes.map((n) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'data-id': n.id,
            'aria-current': state.selected && state.selected.id === n.id ? 'true' : null,
            onclick: () => activateNode(n.id, { expand: true }),
          },
          h('span', { class: 'swatch', style: `background:${typeStyle(n.type).color}`, 'aria-hidden': 'true' }),
          h('span', { class: n.status ? `status-${n.status}` : null }, n.name),
          h('span', { class: 'rel' }, [n.type, statusWord(n), n.id === state.centre && 'centre'].filter(Boolean).join(', ')),
        ),
      ),
    ),
  );
  const sorted = [...edges].sort(
    (a, b) =>
      entityName(a.subject.id).localeCompare(entityName(b.subject.id)) ||
      a.type.localeCompare(b.type) ||
      entityName(a.object.id).localeCompare(entityName(b.object.id)),
  );
  $('edges-count').textContent = `(${sorted.length})`;
  $('edge-list').replaceChildren(
    ...sorted.map((r) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'data-id': r.id,
            'aria-current': state.selected && state.selected.id === r.id ? 'true' : null,
            onclick: () => selectEdge(r.id),
          },
          h('span', {}, entityName(r.subject.id), ' ', h('span', { class: 'rel' }, edgeLabel(r)), ' ', entityName(r.object.id)),
        ),
      ),
    ),
  );
}

function renderQuery() {
  const has = Boolean(state.centre);
  $('copy-query').disabled = !has;
  $('export-png').disabled = !has;
  $('export-svg').disabled = !has;
  $('query-text').textContent = has ? viewDocument(currentView(), graphqlLiteral).query : '';
}

// ---- loading ---------------------------------------------------------------

function merge(graph) {
  for (const n of graph.nodes) state.nodes.set(n.id, n);
  for (const r of graph.edges) state.edges.set(r.id, r);
  state.truncated = state.truncated || graph.truncated;
}

let viewSeq = 0;

// loadView fetches the whole current view, the query that "Copy GraphQL
// query" hands out, and replaces the drawing with it.
async function loadView() {
  if (!state.centre) {
    // Back to the page as it opened: nothing drawn.
    viewSeq++;
    state.nodes = new Map();
    state.edges = new Map();
    state.timeline = [];
    state.selected = null;
    redraw({ layout: false });
    renderTimeline();
    renderDetails();
    return;
  }
  const seq = ++viewSeq;
  const { query, variables } = viewDocument(currentView());
  status('Loading…');
  let data;
  try {
    data = await gql(query, variables);
  } catch (err) {
    if (seq === viewSeq) {
      showError(err);
      status('');
    }
    return;
  }
  if (seq !== viewSeq) return;
  showError(null);
  state.nodes = new Map();
  state.edges = new Map();
  state.truncated = false;
  evidenceCache.clear();
  merge(data.centre);
  state.expanded.forEach((_, i) => merge(data[`x${i}`]));
  state.timeline = data.timeline || [];
  widenAsOf([...state.nodes.values()].map((n) => n.date));
  if (state.selected && !state.nodes.has(state.selected.id) && !state.edges.has(state.selected.id)) {
    state.selected = null;
  }
  redraw({ layout: true });
  renderTimeline();
  renderDetails();
  const centre = state.nodes.get(state.centre);
  status(`Showing ${centre ? centre.name : state.centre}.`);
}

async function openEntity(id) {
  state.centre = id;
  state.expanded = [];
  state.openClusters.clear();
  state.selected = { kind: 'node', id };
  // A new centre is a step the browser's Back button undoes.
  writeHash(true);
  await loadView();
}

async function expand(id) {
  if (id === state.centre || state.expanded.includes(id)) return;
  const seq = viewSeq;
  const single = viewDocument({ ...currentView(), centre: id, expanded: [], depth: 1, timeline: false });
  status(`Expanding ${entityName(id)}…`);
  let data;
  try {
    data = await gql(single.query, single.variables);
  } catch (err) {
    showError(err);
    status('');
    return;
  }
  // A newer view replaced the one this expansion belongs to.
  if (seq !== viewSeq) return;
  showError(null);
  state.expanded.push(id);
  const before = state.nodes.size;
  merge(data.centre);
  writeHash();
  redraw({ layout: true });
  status(`Expanded ${entityName(id)}: ${state.nodes.size - before} new entities.`);
}

async function activateNode(id, { expand: doExpand }) {
  state.selected = { kind: 'node', id };
  syncSelection();
  markCurrent();
  renderDetails();
  if (doExpand) await expand(id);
}

function markCurrent() {
  for (const b of document.querySelectorAll('.items button')) {
    b.setAttribute('aria-current', state.selected && b.dataset.id === state.selected.id ? 'true' : 'false');
  }
}

// Retracted relations are asked for too: one retracted since the view was
// drawn then says so and why, rather than seeming to have no evidence.
const evidenceQuery = `query RelationEvidence($subject: ID!, $object: ID!, $type: RelationType!, $asOf: Date) {
  relations(filter: {subject: $subject, object: $object, type: [$type], includeRetracted: true}, first: 1, asOf: $asOf) {
    edges {
      node {
        id type title since until tense confidence firstSeen lastSeen
        subject { id name type }
        object { id name type }
        retracted { reason at }
        evidence {
          id sentence extractor confidence
          document { id title filename date publisher kind source }
        }
      }
    }
  }
}`;

// Cleared with every view loaded, so evidence added since (an analyst's
// note on a known fact) shows once the view is reloaded.
const evidenceCache = new Map();

// An analyst's note has no document (Evidence.document is null).
function isNote(ev) {
  return !ev.document;
}

function evidenceSummary(evidence) {
  const notes = evidence.filter(isNote).length;
  const sentences = evidence.length - notes;
  const parts = [];
  if (sentences || !notes) parts.push(`${sentences} supporting sentence${sentences === 1 ? '' : 's'}`);
  if (notes) parts.push(`${notes} analyst note${notes === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

async function selectEdge(id) {
  const r = state.edges.get(id);
  if (!r) return;
  state.selected = { kind: 'edge', id };
  syncSelection();
  markCurrent();
  renderDetails();
  if (evidenceCache.has(id)) return;
  try {
    const data = await gql(evidenceQuery, { subject: r.subject.id, object: r.object.id, type: r.type, asOf: state.asOf || null });
    const node = data.relations.edges.length ? data.relations.edges[0].node : null;
    evidenceCache.set(id, node || { evidence: [] });
    showError(null);
  } catch (err) {
    showError(err);
    return;
  }
  if (state.selected && state.selected.id === id) {
    renderDetails();
    const full = evidenceCache.get(id);
    const what = full.retracted ? `retracted: ${full.retracted.reason}` : evidenceSummary(full.evidence);
    status(`${entityName(r.subject.id)} ${edgeLabel(r)} ${entityName(r.object.id)}: ${what}.`);
  }
}

// ---- panels ------------------------------------------------------------------

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// marked returns sentence with the names of the relation's ends marked,
// so the reader finds at once what the sentence says about whom.
function marked(sentence, ids) {
  const names = ids
    .map((id) => state.nodes.get(id))
    .filter(Boolean)
    .flatMap((n) => [n.name, ...(n.aliases || [])])
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  if (!names.length) return [sentence];
  const re = new RegExp(`(${names.join('|')})`, 'giu');
  return sentence.split(re).map((part, i) => (i % 2 ? h('mark', {}, part) : part));
}

function pct(x) {
  return `${Math.round(x * 100)}%`;
}

function renderDetails() {
  const body = $('details-body');
  const sel = state.selected;
  if (!sel) {
    body.replaceChildren(h('p', { class: 'help' }, 'Select an entity or a relation.'));
    return;
  }
  if (sel.kind === 'node') {
    const n = state.nodes.get(sel.id);
    if (!n) return;
    const isCentre = n.id === state.centre;
    const isExpanded = isCentre || state.expanded.includes(n.id);
    body.replaceChildren(
      h('h3', {}, n.name),
      h(
        'dl',
        {},
        h('dt', {}, 'Type'),
        h('dd', {}, badge(n.type)),
        n.kind && [h('dt', {}, 'Kind'), h('dd', {}, n.kind)],
        n.aliases && n.aliases.length > 0 && [h('dt', {}, 'Also'), h('dd', {}, n.aliases.join(' · '))],
        n.date && [h('dt', {}, 'Date'), h('dd', {}, n.endDate ? `${n.date} – ${n.endDate}` : n.date)],
        n.status && [h('dt', {}, 'Status'), h('dd', { class: `status-${n.status}` }, n.status.toLowerCase())],
        h('dt', {}, 'Id'),
        h('dd', {}, h('code', {}, n.id)),
      ),
      h(
        'div',
        { class: 'actions' },
        !isCentre && h('button', { type: 'button', onclick: () => openEntity(n.id) }, 'Make centre'),
        !isExpanded && h('button', { type: 'button', onclick: () => expand(n.id) }, 'Expand'),
      ),
    );
    return;
  }
  const r = state.edges.get(sel.id);
  if (!r) return;
  const full = evidenceCache.get(sel.id);
  const seen = [r.firstSeen, r.lastSeen].filter(Boolean);
  const retracted = full && full.retracted;
  body.replaceChildren(
    h('h3', {}, entityName(r.subject.id), ' ', h('span', { class: 'rel' }, edgeLabel(r)), ' ', entityName(r.object.id)),
    h(
      'dl',
      {},
      h('dt', {}, 'Confidence'),
      h('dd', {}, pct(r.confidence)),
      r.title && [h('dt', {}, 'Title'), h('dd', {}, r.title)],
      r.tense && [h('dt', {}, 'Tense'), h('dd', {}, r.tense.toLowerCase())],
      r.since && [h('dt', {}, 'Since'), h('dd', {}, r.since)],
      r.until && [h('dt', {}, 'Until'), h('dd', {}, r.until)],
      seen.length > 0 && [h('dt', {}, 'Sources dated'), h('dd', {}, [...new Set(seen)].join(' – '))],
      retracted && [h('dt', {}, 'Retracted'), h('dd', { class: 'retracted' }, `${retracted.at}: ${retracted.reason}`)],
    ),
    h('h4', {}, 'Evidence'),
    full
      ? full.evidence.length
        ? h(
            'ol',
            { class: 'evidence' },
            full.evidence.map((ev) => evidenceItem(ev, [r.subject.id, r.object.id])),
          )
        : h('p', { class: 'help' }, 'No evidence is stored for this relation.')
      : h('p', { class: 'help' }, 'Loading evidence…'),
    h(
      'div',
      { class: 'actions' },
      [r.subject.id, r.object.id].map((id) =>
        h('button', { type: 'button', onclick: () => activateNode(id, { expand: false }) }, `Show ${entityName(id)}`),
      ),
    ),
  );
}

// evidenceItem is one piece of evidence: a document's sentence with where
// it comes from, or an analyst's note, which has no document to cite.
function evidenceItem(ev, ends) {
  const quote = h('blockquote', { class: 'sentence' }, marked(ev.sentence, ends));
  if (isNote(ev)) {
    return h(
      'li',
      { class: 'note' },
      quote,
      h(
        'p',
        { class: 'source' },
        h('strong', {}, 'Analyst note'),
        h('br'),
        `confidence ${pct(ev.confidence)}`,
        // The API names the analyst extractor "analyst"; anything else
        // without a document is worth showing as it is.
        ev.extractor !== 'analyst' && ` · ${ev.extractor}`,
      ),
    );
  }
  const doc = ev.document;
  return h(
    'li',
    {},
    quote,
    h(
      'p',
      { class: 'source' },
      h('strong', {}, doc.title || doc.filename || doc.id),
      doc.date && `, ${doc.date}`,
      doc.publisher && `, ${doc.publisher}`,
      h('br'),
      `confidence ${pct(ev.confidence)} · ${ev.extractor}`,
      doc.source && [h('br'), `source: ${doc.source}`],
    ),
  );
}

function renderTimeline() {
  const list = $('timeline');
  const centre = state.nodes.get(state.centre);
  const range = state.from || state.to ? ` between ${state.from || 'the start'} and ${state.to || 'now'}` : '';
  $('timeline-summary').textContent = centre
    ? state.timeline.length
      ? `${state.timeline.length} event${state.timeline.length === 1 ? '' : 's'} of ${centre.name}${range}, in date order.`
      : `No events of ${centre.name}${range}.`
    : 'The events of the centre entity, in date order.';
  list.replaceChildren(
    ...state.timeline.map((ev) =>
      h(
        'li',
        {},
        h('time', ev.date ? { datetime: ev.date } : {}, ev.date ? (ev.endDate ? `${ev.date} – ${ev.endDate}` : ev.date) : 'undated'),
        h('button', { type: 'button', class: ev.status ? `status-${ev.status}` : null, onclick: () => openEntity(ev.id) }, ev.name),
        ev.kind && h('span', { class: 'kind' }, ev.kind.toLowerCase()),
        statusWord(ev) && h('span', { class: 'status' }, statusWord(ev)),
      ),
    ),
  );
}

function renderLegend() {
  $('legend').replaceChildren(
    ...Object.entries(palette.types).map(([type, s]) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${s.color}`, 'aria-hidden': 'true' }), `${type} (${s.shape})`),
    ),
  );
}

// ---- filters -------------------------------------------------------------------

function renderTypeBoxes() {
  $('type-boxes').replaceChildren(
    ...state.relationTypes.map((t) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          value: t.name,
          checked: !state.types || state.types.has(t.name),
          title: t.description || null,
          onchange: onTypesChanged,
        }),
        t.name,
      ),
    ),
  );
}

function onTypesChanged() {
  const boxes = [...$('type-boxes').querySelectorAll('input')];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  state.types = on.length === boxes.length ? null : new Set(on);
  writeHash();
  loadView();
}

function setAllTypes(on) {
  for (const b of $('type-boxes').querySelectorAll('input')) b.checked = on;
  onTypesChanged();
}

function onDatesChanged() {
  const from = $('from').value.trim();
  const to = $('to').value.trim();
  if (!validDate(from) || !validDate(to)) {
    status('Dates are YYYY, YYYY-MM or YYYY-MM-DD.');
    return;
  }
  if (from === state.from && to === state.to) return;
  state.from = from;
  state.to = to;
  writeHash();
  loadView();
}

// ---- address -------------------------------------------------------------------

// The view lives in the fragment so that a view can be bookmarked and
// shared without the server seeing it.
function writeHash(push) {
  const p = new URLSearchParams();
  if (state.centre) p.set('id', state.centre);
  if (state.expanded.length) p.set('expand', state.expanded.join('|'));
  if (state.types) p.set('types', [...state.types].sort().join(','));
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.asOf) p.set('asof', state.asOf);
  if (state.depth !== 1) p.set('depth', String(state.depth));
  const url = `#${p.toString()}`;
  if (url === window.location.hash) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function readHash() {
  const p = new URLSearchParams(window.location.hash.slice(1));
  const known = new Set(state.relationTypes.map((t) => t.name));
  state.centre = p.get('id') || null;
  state.expanded = (p.get('expand') || '').split('|').filter(Boolean);
  const types = p.get('types');
  state.types = types === null ? null : new Set(types.split(',').filter((t) => known.has(t)));
  state.from = validDate(p.get('from') || '') ? p.get('from') || '' : '';
  state.to = validDate(p.get('to') || '') ? p.get('to') || '' : '';
  const depth = Number(p.get('depth'));
  state.depth = depth >= 1 && depth <= 3 ? depth : 1;
  // A bad date in a shared link is dropped, never sent.
  const asOf = p.get('asof') || '';
  state.asOf = realDate(asOf) ? asOf : '';
  $('from').value = state.from;
  $('to').value = state.to;
  renderAsOf();
  $('depth').value = String(state.depth);
  if (state.centre) state.selected = { kind: 'node', id: state.centre };
}

// ---- search --------------------------------------------------------------------

// Entities by name, then documents by their text: one request, two lists,
// so that many names matching do not crowd the documents out.
const searchQuery = `query Search($text: String!) {
  entities: search(text: $text, first: 10) {
    score
    entity { id type kind name aliases }
  }
  documents: search(text: $text, types: [Document], first: 5) {
    score
    snippet
    document { id title date filename }
  }
}`;

const search = {
  seq: 0,
  hits: [],
  active: -1,
  timer: 0,
};

function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function renderResults() {
  const input = $('search');
  const list = $('search-results');
  const open = search.hits !== null && input.value.trim() !== '';
  input.setAttribute('aria-expanded', String(open));
  list.hidden = !open;
  if (!open) {
    input.removeAttribute('aria-activedescendant');
    return;
  }
  if (search.hits.length === 0) {
    list.replaceChildren(h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', id: 'search-none' }, 'No entity or document matches.'));
    input.removeAttribute('aria-activedescendant');
    return;
  }
  const typed = fold(input.value.trim());
  list.replaceChildren(
    ...search.hits.map((hit, i) => {
      const attrs = {
        role: 'option',
        id: `search-opt-${i}`,
        'aria-selected': String(i === search.active),
        onmousedown: (ev) => ev.preventDefault(),
        onclick: () => choose(i),
      };
      const d = hit.document;
      if (d) {
        return h(
          'li',
          { ...attrs, class: 'document' },
          badge('Document'),
          h('span', {}, docTitle(d)),
          d.date && h('span', { class: 'alias' }, d.date),
          h('span', { class: 'snippet' }, hit.snippet),
        );
      }
      const e = hit.entity;
      const alias = fold(e.name).includes(typed) ? null : e.aliases.find((a) => fold(a).includes(typed));
      return h('li', attrs, badge(e.type), h('span', {}, e.name), alias && h('span', { class: 'alias' }, `(${alias})`));
    }),
  );
  if (search.active >= 0) {
    input.setAttribute('aria-activedescendant', `search-opt-${search.active}`);
    $(`search-opt-${search.active}`).scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

function closeResults() {
  search.hits = null;
  search.active = -1;
  renderResults();
}

async function runSearch() {
  const text = $('search').value.trim();
  const seq = ++search.seq;
  if (!text) {
    closeResults();
    return;
  }
  let data;
  try {
    data = await gql(searchQuery, { text });
  } catch (err) {
    if (seq === search.seq) showError(err);
    return;
  }
  // Stale, or the reader has moved on: do not pop the list open again.
  if (seq !== search.seq || document.activeElement !== $('search')) return;
  showError(null);
  search.hits = [...data.entities, ...data.documents];
  search.active = search.hits.length ? 0 : -1;
  renderResults();
  status(`${search.hits.length} match${search.hits.length === 1 ? '' : 'es'} for “${text}”.`);
}

function choose(i) {
  const hit = search.hits && search.hits[i];
  if (!hit) return;
  closeResults();
  if (hit.document) {
    openDocument(hit.document.id, hit.snippet);
    return;
  }
  $('search').value = hit.entity.name;
  openEntity(hit.entity.id);
}

// ---- documents -------------------------------------------------------------------

function docTitle(d) {
  return d.title || d.filename || d.id;
}

const documentQuery = `query DocumentFacts($id: ID!) {
  document(id: $id) {
    id title date filename publisher source
    relations(first: 200) {
      totalCount
      edges { node { id type subject { id name type } object { id name type } } }
    }
  }
}`;

// openDocument shows a document a search found in the details panel: what
// it is, the passage that matched, and the facts it supports, each end a
// way into the graph.
async function openDocument(id, snippet) {
  let data;
  try {
    data = await gql(documentQuery, { id });
  } catch (err) {
    showError(err);
    return;
  }
  showError(null);
  const d = data.document;
  const facts = d.relations.edges
    .map((e) => e.node)
    .sort((a, b) => a.type.localeCompare(b.type) || a.subject.name.localeCompare(b.subject.name) || a.object.name.localeCompare(b.object.name));
  state.selected = null;
  markCurrent();
  syncSelection();
  const end = (x) => h('button', { type: 'button', onclick: () => openEntity(x.id) }, x.name);
  $('details-body').replaceChildren(
    h('h3', {}, docTitle(d)),
    h(
      'dl',
      {},
      h('dt', {}, 'Type'),
      h('dd', {}, badge('Document')),
      d.date && [h('dt', {}, 'Date'), h('dd', {}, d.date)],
      d.publisher && [h('dt', {}, 'Publisher'), h('dd', {}, d.publisher)],
      d.source && [h('dt', {}, 'Source'), h('dd', {}, d.source)],
      h('dt', {}, 'File'),
      h('dd', {}, h('code', {}, d.filename)),
    ),
    snippet && h('div', {}, h('h4', {}, 'Matched'), h('blockquote', { class: 'sentence' }, snippet)),
    h('h4', {}, `Facts it supports (${d.relations.totalCount})`),
    facts.length
      ? h(
          'ul',
          { class: 'facts' },
          facts.map((r) => h('li', {}, end(r.subject), ' ', h('span', { class: 'rel' }, r.type), ' ', end(r.object))),
        )
      : h('p', { class: 'help' }, 'No stored fact cites this document.'),
  );
  $('details-h').focus();
  status(`${docTitle(d)}: ${d.relations.totalCount} fact${d.relations.totalCount === 1 ? '' : 's'}.`);
}

function onSearchKey(ev) {
  const n = search.hits ? search.hits.length : 0;
  switch (ev.key) {
    case 'ArrowDown':
      if (!n) return;
      ev.preventDefault();
      search.active = (search.active + 1) % n;
      renderResults();
      break;
    case 'ArrowUp':
      if (!n) return;
      ev.preventDefault();
      search.active = (search.active - 1 + n) % n;
      renderResults();
      break;
    case 'Home':
    case 'End':
      if (!n || $('search-results').hidden) return;
      ev.preventDefault();
      search.active = ev.key === 'Home' ? 0 : n - 1;
      renderResults();
      break;
    case 'Enter':
      ev.preventDefault();
      if (search.timer) {
        // Enter before the debounce fired: search now, then open the best.
        clearTimeout(search.timer);
        search.timer = 0;
        runSearch().then(() => choose(0));
        return;
      }
      if (n) choose(Math.max(search.active, 0));
      break;
    case 'Escape':
      if (!$('search-results').hidden) {
        ev.preventDefault();
        closeResults();
      }
      break;
  }
}

// ---- copy ----------------------------------------------------------------------

async function copyQuery() {
  const text = viewDocument(currentView(), graphqlLiteral).query;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API outside secure contexts: fall back to a selection.
    const ta = h('textarea', { class: 'skip', 'aria-hidden': 'true' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (!ok) {
      $('query-details').open = true;
      status('Could not copy; the query is shown below the button.');
      return;
    }
  }
  status('GraphQL query copied.');
}

// ---- as of ---------------------------------------------------------------------

// The slider works in days, from ten years back to a year ahead (plans
// reach ahead), widened to every date the views have shown; it only
// widens, so that the thumb does not jump as views change.
const today = dayNumber(new Date().toISOString().slice(0, 10));
const asOfSpan = { lo: today - 3650, hi: today + 365 };

function widenAsOf(dates) {
  for (const d of dates.map(dayNumber).filter(Number.isFinite)) {
    asOfSpan.lo = Math.min(asOfSpan.lo, d);
    asOfSpan.hi = Math.max(asOfSpan.hi, d);
  }
  renderAsOf();
}

function renderAsOf() {
  const range = $('asof-range');
  range.min = String(asOfSpan.lo);
  range.max = String(asOfSpan.hi);
  const day = dayNumber(state.asOf);
  range.value = String(Number.isFinite(day) ? day : asOfSpan.hi);
  if (document.activeElement !== $('asof')) {
    $('asof').value = state.asOf;
    $('asof').removeAttribute('aria-invalid');
  }
  $('asof-value').textContent = state.asOf ? `As of ${state.asOf}` : 'Not set: everything, whatever its date.';
}

// onAsOfTyped takes a date typed into the field; one that is not a real
// date is refused here, so the API never sees it.
function onAsOfTyped() {
  const field = $('asof');
  const typed = field.value.trim();
  if (typed !== '' && !realDate(typed)) {
    field.setAttribute('aria-invalid', 'true');
    status(`“${typed}” is not a date: As of takes YYYY, YYYY-MM or YYYY-MM-DD.`);
    return;
  }
  field.removeAttribute('aria-invalid');
  setAsOf(typed);
}

function setAsOf(date) {
  if (date !== '' && !realDate(date)) return;
  if (date === state.asOf) {
    renderAsOf();
    return;
  }
  state.asOf = date;
  renderAsOf();
  writeHash();
  loadView();
}

// ---- timeline strip ------------------------------------------------------------

const drawBrush = createBrush($('brush'), $('brush-scale'), (from, to) => {
  $('from').value = from;
  $('to').value = to;
  onDatesChanged();
});

// The strip shows every dated event the view holds, whatever the range, so
// that a range can be widened again from it.
function renderBrush() {
  const dates = [...state.nodes.values()].filter((n) => n.type === 'Event' && n.date).map((n) => n.date);
  drawBrush(dates, state.from, state.to);
}

// ---- key, live updates, export ----------------------------------------------------

async function onKeyChanged() {
  setApiKey($('api-key').value.trim());
  showError(null);
  status(apiKey() ? 'API key set for this tab.' : 'API key cleared.');
  // What failed for want of a key is asked again with it.
  if (!state.relationTypes.length && (await loadRelationTypes())) {
    readHash();
    renderTypeBoxes();
  }
  if (state.centre) await loadView();
  if ($('live').checked) setLive(true);
}

const live = { stop: null, retry: 0 };

function setLive(on) {
  $('live').checked = on;
  if (live.stop) live.stop();
  live.stop = null;
  clearTimeout(live.retry);
  if (on) live.stop = startLive(eventsURL, authHeaders(), onLiveEvent, onLiveEnd);
}

function onLiveEnd(reason) {
  live.stop = null;
  if (reason === 'absent') {
    // An older server, or one without the stream: nothing to wait for.
    setLive(false);
    status('This server sends no live updates; Live updates is off.');
    return;
  }
  if (reason === 'refused') {
    setLive(false);
    showError(new Error(apiKey() ? 'The server refused the API key for live updates.' : 'Live updates need an API key: enter yours in “API key”.'));
    return;
  }
  // The connection dropped: try again shortly while the toggle is on.
  live.retry = setTimeout(() => $('live').checked && setLive(true), 5000);
}

function onLiveEvent(name, data) {
  if (name === 'relationAdded' && data.relationAdded) addLiveRelation(data.relationAdded);
  else if (name === 'documentIngested' && data.documentIngested) {
    const d = data.documentIngested;
    status(`New document: ${d.title || d.id}.`);
  }
}

const liveRelationQuery = `query LiveRelation($subject: ID!, $object: ID!, $type: RelationType!, $asOf: Date) {
  relations(filter: {subject: $subject, object: $object, type: [$type]}, first: 1, asOf: $asOf) {
    edges { node { ${relationFields} subject { ${entityFields} } object { ${entityFields} } } }
  }
}`;

// addLiveRelation draws a relation the stream announced, if it touches
// an entity in view and passes the view's filters, next to what it
// touches, leaving the rest of the drawing where it is.
async function addLiveRelation(r) {
  if (!state.centre || !r.subject || !r.object || state.edges.has(r.id)) return;
  if (!state.nodes.has(r.subject.id) && !state.nodes.has(r.object.id)) return;
  if (state.types && !state.types.has(r.type)) return;
  const seq = viewSeq;
  let data;
  try {
    data = await gql(liveRelationQuery, { subject: r.subject.id, object: r.object.id, type: r.type, asOf: state.asOf || null });
  } catch {
    return; // the next view loaded shows it anyway
  }
  const rel = data.relations.edges.length ? data.relations.edges[0].node : null;
  if (seq !== viewSeq || !rel || state.edges.has(rel.id)) return;
  const near = state.nodes.has(rel.subject.id) ? rel.subject.id : rel.object.id;
  const added = [rel.subject, rel.object].filter((n) => !state.nodes.has(n.id));
  for (const n of added) state.nodes.set(n.id, n);
  state.edges.set(rel.id, rel);
  redraw({ layout: false });
  placeNear(added.map((n) => n.id), near);
  cy.getElementById(rel.id).flashClass('live', 4000);
  status(`Live: ${entityName(rel.subject.id)} ${edgeLabel(rel)} ${entityName(rel.object.id)} added.`);
}

function placeNear(ids, nearID) {
  const c = cy.getElementById(nearID).position();
  for (const id of ids) {
    const a = Math.random() * 2 * Math.PI;
    cy.getElementById(id).position({ x: c.x + 90 * Math.cos(a), y: c.y + 90 * Math.sin(a) });
  }
}

function exportView(kind) {
  if (!state.centre) return;
  const blob = kind === 'png' ? pngOf(cy, palette.background) : svgOf(cy, palette.background);
  download(blob, fileName(state.centre, kind));
  status(`Saved the drawing as ${kind.toUpperCase()}.`);
}

// ---- start ---------------------------------------------------------------------

async function start() {
  renderLegend();
  $('search').addEventListener('input', () => {
    clearTimeout(search.timer);
    search.timer = setTimeout(() => {
      search.timer = 0;
      runSearch();
    }, 150);
  });
  $('search').addEventListener('keydown', onSearchKey);
  $('search').addEventListener('blur', () => setTimeout(closeResults, 100));
  $('types-all').addEventListener('click', () => setAllTypes(true));
  $('types-none').addEventListener('click', () => setAllTypes(false));
  $('from').addEventListener('change', onDatesChanged);
  $('to').addEventListener('change', onDatesChanged);
  $('depth').addEventListener('change', () => {
    state.depth = Number($('depth').value);
    writeHash();
    loadView();
  });
  $('copy-query').addEventListener('click', copyQuery);
  window.addEventListener('popstate', () => {
    readHash();
    renderTypeBoxes();
    loadView();
  });
  wireTime();
  wireAccess();

  await loadRelationTypes();
  readHash();
  renderTypeBoxes();
  document.body.dataset.ready = 'true';
  if (state.centre) await loadView();
}

async function loadRelationTypes() {
  try {
    const data = await gql('query RelationTypes { __type(name: "RelationType") { enumValues { name description } } }');
    state.relationTypes = data.__type ? data.__type.enumValues : [];
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

function wireTime() {
  $('asof-range').addEventListener('input', () => {
    $('asof-value').textContent = `As of ${dateOfDay(Number($('asof-range').value))} (release to apply)`;
  });
  $('asof-range').addEventListener('change', () => setAsOf(dateOfDay(Number($('asof-range').value))));
  $('asof').addEventListener('change', onAsOfTyped);
  $('asof-clear').addEventListener('click', () => setAsOf(''));
  renderAsOf();
}

function wireAccess() {
  $('api-key').value = apiKey();
  $('api-key').addEventListener('change', onKeyChanged);
  $('live').addEventListener('change', () => setLive($('live').checked));
  $('export-png').addEventListener('click', () => exportView('png'));
  $('export-svg').addEventListener('click', () => exportView('svg'));
}

start();
