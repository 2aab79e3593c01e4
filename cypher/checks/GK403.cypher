// GK403 inactive-lead: a lead agency (related) whose ministry has no project whose chain
// reaches the element; any agency of that ministry counts. details.acting as in GK401.
MATCH (e:GkElement)<-[:LEADS {role: 'lead'}]-(a:GkAgency)
WITH DISTINCT e, a, a.ministry_of AS ministry
WITH e, a, ministry,
  // include: fragments/acting
  AS acting
WHERE NOT ministry IN [x IN acting | x.ministry]
RETURN e.id AS subject, [a.id] AS related, {lead: a.id, ministry: ministry, acting: acting} AS details
