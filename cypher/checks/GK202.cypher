// GK202 unanchored-element: an element with no existing parent that is not at a root level —
// the place where chains stop. $roots: the profile's root levels.
MATCH (e:GkElement)
WHERE NOT e.level IN $roots AND NOT EXISTS { (e)-[:CASCADES_TO]->(:GkElement) }
RETURN e.id AS subject, [] AS related, {level: e.level} AS details
