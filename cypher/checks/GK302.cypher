// GK302 fragmented-target: a $target_level element reached by the chains of projects of at
// least $threshold ministries (counted over the whole bundle), that no joint KPI measures (a
// KPI whose agencies span two or more ministries) and no $integrated_level element cascades
// into (through any chain). details.acting: those ministries, largest budget first.
MATCH (t:GkElement {level: $target_level})
WITH collect(t) AS wanted
// include: fragments/acting
WITH e, acting
WHERE size(acting) >= $threshold
  AND NOT EXISTS { (e)<-[:CASCADES_TO]-+(:GkElement {level: $integrated_level}) }
  AND NOT EXISTS {
    MATCH (e)<-[:MEASURES]-(k:GkKpi)<-[:RESPONSIBLE_FOR]-(a:GkAgency)
    WITH k, collect(DISTINCT a.ministry_of) AS ms
    WHERE size(ms) >= 2
    RETURN k
  }
RETURN e.id AS subject, [] AS related, {n_ministries: size(acting), acting: acting} AS details
