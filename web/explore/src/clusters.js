// Level of detail. Past about ninety entities a force layout is a
// hairball nobody can read, so the entities that are only leaves of the
// view — not the centre, not expanded, not selected — are folded into one
// node per entity type and kind, with their count. A click unfolds one.

export const clusterAbove = 90;

// A group smaller than this reads as well drawn out as folded.
const minMembers = 3;

export function clusterKey(n) {
  return `${n.type}/${n.kind || ''}`;
}

export function clusterID(key) {
  return `cluster:${key}`;
}

// planClusters returns the groups to fold: a Map from cluster id to
// {id, key, type, kind, members}, and memberOf, each folded entity's
// cluster id. nodes are the entities shown; pinned ids are never folded;
// open holds the keys the reader unfolded.
export function planClusters(nodes, pinned, open, above = clusterAbove) {
  const groups = new Map();
  if (nodes.length > above) {
    for (const n of nodes) {
      const key = clusterKey(n);
      if (pinned.has(n.id) || open.has(key)) continue;
      const id = clusterID(key);
      if (!groups.has(id)) groups.set(id, { id, key, type: n.type, kind: n.kind || '', members: [] });
      groups.get(id).members.push(n.id);
    }
  }
  for (const [id, g] of groups) if (g.members.length < minMembers) groups.delete(id);
  const memberOf = new Map();
  for (const g of groups.values()) for (const m of g.members) memberOf.set(m, g.id);
  return { groups, memberOf };
}

// foldEdges redraws the relations that touch a folded entity as edges of
// its cluster: one per pair of drawn ends and direction, with how many
// relations it stands for. Relations inside one cluster are not drawn.
export function foldEdges(edges, memberOf) {
  const folded = new Map();
  for (const r of edges) {
    const s = memberOf.get(r.subject.id);
    const o = memberOf.get(r.object.id);
    if (!s && !o) continue; // drawn as itself
    const source = s || r.subject.id;
    const target = o || r.object.id;
    if (source === target) continue;
    const id = `cluster-edge:${source}>${target}`;
    if (!folded.has(id)) folded.set(id, { id, source, target, count: 0, types: new Set() });
    const f = folded.get(id);
    f.count++;
    f.types.add(r.type);
  }
  return [...folded.values()];
}
