// GK003 cycle, reading stage: the cascade edges (child, parent) that can lie on a cycle — both
// ends have a child and a parent. Cypher has no strongly-connected-components operator, and
// asking of each element whether a path leads back to it costs the length of its cycle per
// element (a 10,000-element cycle ran the server out of memory); so the backend groups these
// edges with the NetworkX backend's own code (graphkpi.checks.structure.cycle_findings): one
// finding per group of two or more, or per element that is its own parent, from its smallest id.
// One row of two parallel lists: a row per edge costs the driver ~0.1 ms, ten times the query.
MATCH (c:GkElement)-[:CASCADES_TO]->(p:GkElement)
WHERE EXISTS { (c)<-[:CASCADES_TO]-(:GkElement) } AND EXISTS { (p)-[:CASCADES_TO]->(:GkElement) }
RETURN collect(c.id) AS children, collect(p.id) AS parents
