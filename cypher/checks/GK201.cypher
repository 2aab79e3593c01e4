// GK201 broken-chain: a project with existing links none of whose chains reaches a root level.
// details.break_at: where its chains stop — on the way up from each linked element, the
// terminal groups (an element with no parent, or a loop nothing leaves), each named by its
// smallest id. Only elements that cannot reach a root are expanded: a few, even nationally.
// $roots: the profile's root levels.
MATCH (e:GkElement)
WHERE NOT EXISTS { (e)-[:CASCADES_TO]->*(r:GkElement) WHERE r.level IN $roots }
  AND EXISTS { (e)<-[:CONTRIBUTES_TO]-(:GkProject) }
WITH e, COLLECT {
  MATCH (e)-[:CASCADES_TO]->*(s:GkElement)
  WHERE NOT EXISTS { (s)-[:CASCADES_TO]->+(y:GkElement) WHERE NOT EXISTS { (y)-[:CASCADES_TO]->+(s) } }
  WITH s, COLLECT { MATCH (s)-[:CASCADES_TO]->+(u:GkElement) RETURN u.id AS id } AS loop
  WHERE all(u IN loop WHERE s.id <= u)
  RETURN DISTINCT s.id AS stop
} AS stops
MATCH (e)<-[:CONTRIBUTES_TO]-(p:GkProject)
WHERE NOT EXISTS { (p)-[:CONTRIBUTES_TO]->(:GkElement)-[:CASCADES_TO]->*(r:GkElement) WHERE r.level IN $roots }
UNWIND stops AS stop
WITH p, stop ORDER BY stop
WITH p, collect(DISTINCT stop) AS break_at
RETURN p.id AS subject, [] AS related, {break_at: break_at} AS details
