// GK003 cycle: one row per strongly connected group of elements (two or more elements that
// cascade into each other, or one element that is its own parent). The group is every element
// that both reaches and is reached from a cyclic element; it is reported once, from its
// smallest id.
MATCH (e:GkElement)
WHERE EXISTS { (e)-[:CASCADES_TO]->+(e) }
WITH e, COLLECT {
  MATCH (e)-[:CASCADES_TO]->+(f:GkElement)
  WHERE f <> e AND EXISTS { (f)-[:CASCADES_TO]->+(e) }
  RETURN DISTINCT f.id AS id ORDER BY id
} AS others
WHERE all(o IN others WHERE e.id < o)
RETURN e.id AS subject, others AS related, {} AS details
