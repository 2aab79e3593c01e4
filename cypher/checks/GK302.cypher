// GK302 fragmented-target: a $target_level element reached by the chains of projects of at
// least $threshold ministries (counted over the whole bundle), that no joint KPI measures (a
// KPI whose agencies span two or more ministries) and no $integrated_level element cascades
// into (through any chain). details.acting: those ministries, largest budget first.
MATCH (e:Element {level: $target_level})
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
WHERE size(acting) >= $threshold
  AND NOT EXISTS { (e)<-[:CASCADES_TO]-+(:Element {level: $integrated_level}) }
  AND NOT EXISTS {
    MATCH (e)<-[:MEASURES]-(k:Kpi)<-[:RESPONSIBLE_FOR]-(a:Agency)
    WITH k, collect(DISTINCT CASE WHEN coalesce(a.ministry, '') <> '' THEN a.ministry ELSE a.id END) AS ms
    WHERE size(ms) >= 2
    RETURN k
  }
RETURN e.id AS subject, [] AS related, {n_ministries: size(acting), acting: acting} AS details
