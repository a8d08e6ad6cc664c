// The GraphQL document behind a view. The page runs it with variables; the
// "Copy GraphQL query" button hands out the same document with the values
// written in, so that it runs as pasted in GraphiQL or a dashboard.

// Exported for the live updates, which fetch one relation and its ends in
// the same shape as a view.
export const entityFields = 'id type kind name aliases ... on Event { date endDate status }';
export const relationFields = 'id type title since until tense confidence firstSeen lastSeen subject { id } object { id }';

// graphqlLiteral writes value as a GraphQL literal of the given type.
export function graphqlLiteral(value, type) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => graphqlLiteral(v, type.replace(/^\[|\]!?$/g, ''))).join(', ')}]`;
  if (/^(RelationType|EntityType|Kind)!?$/.test(type)) {
    if (!/^[A-Z_]+$/.test(value)) throw new Error(`not an enum value: ${value}`);
    return value;
  }
  if (typeof value === 'number') return String(value);
  // JSON string escapes are GraphQL string escapes.
  return JSON.stringify(String(value));
}

// viewDocument returns {query, variables} for view: the neighbourhood of
// view.centre, one more neighbourhood per id in view.expanded (aliased x0,
// x1, …) and, unless view.timeline is false, the centre's timeline. With
// view.asOf every neighbourhood keeps only what held at that date. With
// literal, the values are written into the query and variables is empty.
export function viewDocument(view, literal) {
  const variables = {};
  const declared = [];
  const ref = (name, type, value) => {
    if (literal) return value === null || value === undefined ? null : literal(value, type);
    variables[name] = value === undefined ? null : value;
    declared.push(`$${name}: ${type}`);
    return `$${name}`;
  };
  const args = (pairs) =>
    pairs
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');

  const id = ref('id', 'ID!', view.centre);
  const types = ref('types', '[RelationType!]', view.types);
  const depth = ref('depth', 'Int', view.depth);
  const limit = ref('limit', 'Int', view.limit);
  // Declared only when set, so a view without it reads as before.
  const asOf = view.asOf ? ref('asOf', 'Date', view.asOf) : null;
  const fields = [
    `  centre: neighborhood(${args([['id', id], ['depth', depth], ['types', types], ['limit', limit], ['asOf', asOf]])}) { ...View }`,
  ];
  view.expanded.forEach((x, i) => {
    const xid = ref(`x${i}`, 'ID!', x);
    fields.push(`  x${i}: neighborhood(${args([['id', xid], ['depth', '1'], ['types', types], ['limit', limit], ['asOf', asOf]])}) { ...View }`);
  });
  const comments = [];
  if (view.timeline !== false) {
    const from = ref('from', 'String', view.from);
    // With asOf the timeline ends there too: nothing after the date held then.
    const to = ref('to', 'String', timelineEnd(view.to, view.asOf));
    fields.push(`  timeline(${args([['entity', id], ['from', from], ['to', to]])}) { id name kind date endDate status }`);
    if (view.from || view.to) {
      comments.push(
        `# The explorer draws only the relations whose firstSeen..lastSeen overlap ${view.from || '…'}..${view.to || '…'}.`,
      );
    }
  }
  const head = declared.length ? `query ExploreView(${declared.join(', ')}) {` : 'query ExploreView {';
  const query = [
    ...comments,
    head,
    ...fields,
    '}',
    '',
    'fragment View on Graph {',
    '  truncated',
    `  nodes { ${entityFields} }`,
    `  edges { ${relationFields} }`,
    '}',
    '',
  ].join('\n');
  return { query, variables };
}

// timelineEnd is the later bound of the timeline: the date range's end, or
// asOf when that is earlier or inside it (bounds are prefixes: "2024-05"
// lies inside "2024").
export function timelineEnd(to, asOf) {
  if (!asOf) return to || null;
  if (!to || asOf < to || asOf.startsWith(to)) return asOf;
  return to;
}
