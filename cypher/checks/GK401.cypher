// GK401 no-lead: an element at a level that needs a lead ($lead_required) with no existing
// agency in the role lead. details.acting: the ministries whose projects' chains reach it
// (a project counts once, for the ministry of its agency), largest budget first.
MATCH (e:Element)
WHERE e.level IN $lead_required AND NOT EXISTS { (e)<-[:LEADS {role: 'lead'}]-(:Agency) }
WITH e, COLLECT {
    MATCH (e)<-[:CASCADES_TO]-*(:Element)<-[:CONTRIBUTES_TO]-(p:Project)
    WITH DISTINCT p
    OPTIONAL MATCH (owner:Agency {id: p.agency})
    WITH p, CASE WHEN owner IS NULL THEN p.agency WHEN coalesce(owner.ministry, '') <> '' THEN owner.ministry
                 ELSE owner.id END AS acting_ministry
    WITH acting_ministry, count(p) AS n, round(sum(coalesce(p.budget, 0.0)), 2) AS baht
    ORDER BY baht DESC, acting_ministry
    RETURN {ministry: acting_ministry, projects: n, budget: baht} AS row
  } AS acting
RETURN e.id AS subject, [] AS related, {level: e.level, acting: acting} AS details
