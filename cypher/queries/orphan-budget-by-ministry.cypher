// Projects linked to no existing element, and their budget, per ministry (the ministry of the
// owning agency, or the agency itself when it has none). graphkpi query orphan-budget-by-ministry
MATCH (p:Project)
WHERE NOT EXISTS { (p)-[:CONTRIBUTES_TO]->(:Element) }
OPTIONAL MATCH (p)-[:OWNED_BY]->(a:Agency)
OPTIONAL MATCH (a)-[:PART_OF]->(m:Agency)
WITH coalesce(m.id, a.id, p.agency) AS ministry, coalesce(m.name, a.name, '') AS name, p
RETURN ministry, name, count(p) AS orphans, sum(coalesce(p.budget, 0.0)) AS budget
ORDER BY budget DESC, ministry
