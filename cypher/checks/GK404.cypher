// GK404 lead-inconsistent: an area target (level in $area_levels) with a lead, whose lead
// ministries include none of the lead ministries of the $target_level elements its chains
// reach (related). Not reported when those have no lead.
MATCH (e:GkElement)<-[:LEADS {role: 'lead'}]-(:GkAgency)
WHERE e.level IN $area_levels
WITH DISTINCT e
WITH e, COLLECT {
    MATCH (e)<-[:LEADS {role: 'lead'}]-(x:GkAgency)
    WITH DISTINCT x.ministry_of AS m
    RETURN m ORDER BY m
  } AS own,
  COLLECT {
    MATCH (e)-[:CASCADES_TO]->+(t:GkElement {level: $target_level})
    WITH DISTINCT t
    RETURN t.id AS id ORDER BY id
  } AS reached
WITH e, own, reached, COLLECT {
    MATCH (t:GkElement)<-[:LEADS {role: 'lead'}]-(x:GkAgency)
    WHERE t.id IN reached
    WITH DISTINCT x.ministry_of AS m
    RETURN m ORDER BY m
  } AS sub_leads
WHERE size(sub_leads) > 0 AND none(m IN own WHERE m IN sub_leads)
RETURN e.id AS subject, reached AS related, {lead_ministries: own, sub_target_leads: sub_leads} AS details
