// What --ministry and --agency are resolved against: every agency with its names, abbreviation
// and ministry (ministry_of, written at load), and the ministries projects name that have no
// agency row (an unknown agency is its own ministry), answering only to their id.
MATCH (a:GkAgency)
RETURN a.id AS id, coalesce(a.name, '') AS name, coalesce(a.name_en, '') AS name_en, coalesce(a.abbr, '') AS abbr,
       a.ministry_of AS ministry_of
UNION
MATCH (p:GkProject) WHERE NOT EXISTS { MATCH (:GkAgency {id: p.ministry_of}) }
RETURN DISTINCT p.ministry_of AS id, '' AS name, '' AS name_en, '' AS abbr, p.ministry_of AS ministry_of
