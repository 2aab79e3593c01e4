// graphkpi reach: every element whose chains pass through $id (itself included), once, with its
// level and the ids of all its parents (the caller keeps those that are below $id too). DISTINCT
// right after the variable-length pattern lets the planner prune it to one visit per element.
MATCH (top:GkElement {id: $id})
MATCH (d:GkElement)-[:CASCADES_TO*0..]->(top)
WITH DISTINCT d
OPTIONAL MATCH (d)-[:CASCADES_TO]->(p:GkElement)
RETURN d.id AS element, d.level AS level, collect(p.id) AS parents
