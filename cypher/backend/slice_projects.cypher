// The projects of a slice (graphkpi.slice): each filter a list of resolved ids, or null when not
// given. $ministries: p.ministry_of; $agencies: p.agency; $years: CE fiscal years; $areas: every
// area a --province value covers (null without --province), national projects in when $national;
// $national false without $areas: every project but the national ones. $targets: projects whose
// chains pass through one of them — the elements below the targets are gathered once (a walk down
// from a handful of targets), then each project's links are compared with them.
CALL () {
  UNWIND coalesce($targets, []) AS tid
  MATCH (l:GkElement)-[:CASCADES_TO]->*(:GkElement {id: tid})
  RETURN collect(DISTINCT l.id) AS below
}
MATCH (p:GkProject)
WHERE ($ministries IS NULL OR p.ministry_of IN $ministries)
  AND ($agencies IS NULL OR p.agency IN $agencies)
  AND ($years IS NULL OR p.fiscal_year IN $years)
  AND ($areas IS NULL OR any(a IN p.areas WHERE a IN $areas) OR ($national AND p.national))
  AND ($areas IS NOT NULL OR $national OR NOT p.national)
  AND ($targets IS NULL OR any(x IN p.links WHERE x IN below))
RETURN p.id AS id
