// GK101 orphan-project: a project with no link to an existing element. details.unknown_links:
// the ids it names that do not exist (empty when it names none).
MATCH (p:GkProject)
WHERE NOT EXISTS { (p)-[:CONTRIBUTES_TO]->(:GkElement) }
RETURN p.id AS subject, [] AS related,
       {unknown_links: COLLECT { UNWIND p.links AS l RETURN l ORDER BY l }} AS details
