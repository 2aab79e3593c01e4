// GK403 inactive-lead: a lead agency (related) whose ministry has no project whose chain
// reaches the element; any agency of that ministry counts. details.acting as in GK401.
MATCH (x:GkElement)<-[:LEADS {role: 'lead'}]-(:GkAgency)
WITH collect(DISTINCT x) AS wanted
// include: fragments/acting
MATCH (e)<-[:LEADS {role: 'lead'}]-(a:GkAgency)
WITH DISTINCT e, acting, a, a.ministry_of AS ministry
WHERE NOT ministry IN [x IN acting | x.ministry]
RETURN e.id AS subject, [a.id] AS related, {lead: a.id, ministry: ministry, acting: acting} AS details
