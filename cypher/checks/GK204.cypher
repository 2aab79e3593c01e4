// GK204 area-mismatch: an area target that cascades into the target of an area that does not
// contain its own, or a project located in provinces (not national) linked to a provincial
// target of a province outside them. Areas contain areas through WITHIN (province -> cluster
// -> region). $area_levels: element levels that carry an area; $provincial_levels: those whose
// area is a province.
MATCH (c:GkElement)-[:CASCADES_TO]->(p:GkElement),
      (c)-[:IN_AREA]->(ca:GkArea), (p)-[:IN_AREA]->(pa:GkArea)
WHERE c.level IN $area_levels AND p.level IN $area_levels AND NOT EXISTS { (ca)-[:WITHIN]->*(pa) }
RETURN c.id AS subject, [p.id] AS related, 'element' AS kind, {area: ca.id, parent_area: pa.id} AS details
UNION ALL
MATCH (t:GkElement)-[:IN_AREA]->(ta:GkArea)
WHERE t.level IN $provincial_levels
MATCH (t)<-[:CONTRIBUTES_TO]-(x:GkProject)
WHERE NOT x.national AND EXISTS { (x)-[:LOCATED_IN]->(:GkArea) }
  AND NOT EXISTS { (x)-[:LOCATED_IN]->(xa:GkArea) WHERE EXISTS { (ta)-[:WITHIN]->*(xa) } }
RETURN x.id AS subject, [t.id] AS related, 'project' AS kind,
       {area: reduce(s = '', a IN COLLECT { MATCH (x)-[:LOCATED_IN]->(a:GkArea) RETURN a.id AS id ORDER BY id }
                     | s + CASE s WHEN '' THEN '' ELSE ';' END + a),
        parent_area: ta.id} AS details
