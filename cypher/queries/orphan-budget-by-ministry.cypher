// Projects linked to no existing element, and their budget, per ministry (the ministry of the
// owning agency, or the agency itself when it has none); its name in $lang (the English name when
// there is one). graphkpi query orphan-budget-by-ministry
MATCH (p:GkProject)
WHERE NOT EXISTS { (p)-[:CONTRIBUTES_TO]->(:GkElement) }
OPTIONAL MATCH (m:GkAgency {id: p.ministry_of})
WITH p.ministry_of AS ministry,
     coalesce(CASE WHEN $lang = 'en' AND coalesce(m.name_en, '') <> '' THEN m.name_en ELSE m.name END, '') AS name, p
RETURN ministry, name, count(p) AS orphans, sum(coalesce(p.budget, 0.0)) AS budget
ORDER BY budget DESC, ministry
