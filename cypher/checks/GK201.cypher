// GK201 broken-chain, reading stage: the projects with existing links none of which reaches a
// root level with each such link (projects[i] links to links[i]), and the cascade among the
// elements that cannot reach a root (children[i] → parents[i]); one row of parallel lists, as
// a row per pair costs the driver ~0.1 ms. Which elements reach a root is
// one breadth-first expansion down from each root, each element visited once (DISTINCT makes
// the planner prune: VarLengthExpand(Pruning,BFS)); a test per element cost the depth of its
// chain each. The backend then names where each chain stops — the terminal groups above each
// link, by smallest id — with the NetworkX backend's code (graphkpi.graph.terminal_stops).
// $roots: the profile's root levels.
MATCH (r:GkElement) WHERE r.level IN $roots
MATCH (r)<-[:CASCADES_TO]-*(z:GkElement)
WITH collect(DISTINCT z) AS anchored
CALL (anchored) {
  MATCH (e:GkElement)
  WHERE NOT e IN anchored AND EXISTS { (e)<-[:CONTRIBUTES_TO]-(:GkProject) }
  MATCH (e)<-[:CONTRIBUTES_TO]-(p:GkProject)
  WHERE NOT EXISTS { (p)-[:CONTRIBUTES_TO]->(x:GkElement) WHERE x IN anchored }
  RETURN collect(p.id) AS projects, collect(e.id) AS links
}
CALL (anchored) {
  MATCH (c:GkElement)-[:CASCADES_TO]->(q:GkElement)
  WHERE NOT c IN anchored
  RETURN collect(c.id) AS children, collect(q.id) AS parents
}
RETURN projects, links, children, parents
