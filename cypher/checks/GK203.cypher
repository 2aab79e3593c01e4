// GK203 level-skip: a cascade the profile does not allow — an element (of a known level) into
// a parent of a level not among its allowed parents, or a project linked to an element of a
// level projects may not link to.
// $allowed: level -> allowed parent levels; $levels; $project_parents; $project_level.
MATCH (c:GkElement)-[:CASCADES_TO]->(p:GkElement)
WHERE c.level IN $levels AND NOT p.level IN $allowed[c.level]
RETURN c.id AS subject, [p.id] AS related, 'element' AS kind,
       {level: c.level, parent_level: p.level} AS details
UNION ALL
MATCH (e:GkElement)
WHERE NOT e.level IN $project_parents
MATCH (e)<-[:CONTRIBUTES_TO]-(x:GkProject)
RETURN x.id AS subject, [e.id] AS related, 'project' AS kind,
       {level: $project_level, parent_level: e.level} AS details
