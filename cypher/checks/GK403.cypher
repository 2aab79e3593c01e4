// GK403 inactive-lead: a lead agency (related) whose ministry has no project whose chain
// reaches the element; any agency of that ministry counts. details.acting as in GK401.
MATCH (e:Element)<-[:LEADS {role: 'lead'}]-(a:Agency)
WITH DISTINCT e, a, CASE WHEN coalesce(a.ministry, '') <> '' THEN a.ministry ELSE a.id END AS ministry
WITH e, a, ministry, COLLECT {
    MATCH (e)<-[:CASCADES_TO]-*(:Element)<-[:CONTRIBUTES_TO]-(p:Project)
    WITH DISTINCT p
    OPTIONAL MATCH (owner:Agency {id: p.agency})
    WITH p, CASE WHEN owner IS NULL THEN p.agency WHEN coalesce(owner.ministry, '') <> '' THEN owner.ministry
                 ELSE owner.id END AS acting_ministry
    WITH acting_ministry, count(p) AS n, round(sum(coalesce(p.budget, 0.0)), 2) AS baht
    ORDER BY baht DESC, acting_ministry
    RETURN {ministry: acting_ministry, projects: n, budget: baht} AS row
  } AS acting
WHERE NOT ministry IN [x IN acting | x.ministry]
RETURN e.id AS subject, [a.id] AS related, {lead: a.id, ministry: ministry, acting: acting} AS details
