// What a slice touches (graphkpi.screen.Scope): the elements its $projects' chains pass through
// (each linked element once, then one breadth-first expansion up), those its $agencies lead or
// coordinate ($roles), and the KPIs measuring those elements or carried by those agencies.
CALL () {
  UNWIND $projects AS pid
  MATCH (:GkProject {id: pid})-[:CONTRIBUTES_TO]->(l:GkElement)
  WITH DISTINCT l
  MATCH (l)-[:CASCADES_TO]->*(e:GkElement)
  RETURN collect(DISTINCT e.id) AS reached
}
CALL () {
  UNWIND $agencies AS aid
  MATCH (:GkAgency {id: aid})-[r:LEADS]->(e:GkElement) WHERE r.role IN $roles
  RETURN collect(DISTINCT e.id) AS led
}
WITH reached + [x IN led WHERE NOT x IN reached] AS elements
CALL (elements) {
  MATCH (k:GkKpi)-[:MEASURES]->(e:GkElement) WHERE e.id IN elements
  RETURN collect(DISTINCT k.id) AS measuring
}
CALL () {
  UNWIND $agencies AS aid
  MATCH (:GkAgency {id: aid})-[:RESPONSIBLE_FOR]->(k:GkKpi)
  RETURN collect(DISTINCT k.id) AS carried
}
RETURN elements, measuring + [k IN carried WHERE NOT k IN measuring] AS kpis
