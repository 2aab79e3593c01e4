// What --province is resolved against: every area with its level, names and parent (a province's
// cluster, a cluster's region), so that a cluster or region takes all the areas inside it.
MATCH (a:GkArea)
RETURN a.id AS id, coalesce(a.level, '') AS level, coalesce(a.name, '') AS name, coalesce(a.name_en, '') AS name_en,
       coalesce(a.parent, '') AS parent
