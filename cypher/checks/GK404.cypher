// GK404 lead-inconsistent: an area target (level in $area_levels) with a lead, whose lead
// ministries include none of the lead ministries of the $target_level elements its chains
// reach, nor of the $target_plan_level elements (sub-plans) those cascade into directly.
// related: the targets reached and the led sub-plans. Not reported when none of those has a
// lead. Only the role lead counts (a coordinator does not). details.sub_plan_leads only when
// some such sub-plan has a lead.
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
  } AS sub_leads,
  COLLECT {
    MATCH (t:GkElement)-[:CASCADES_TO]->(p:GkElement {level: $target_plan_level})<-[:LEADS {role: 'lead'}]-(:GkAgency)
    WHERE t.id IN reached
    WITH DISTINCT p
    RETURN p.id AS id ORDER BY id
  } AS plans
WITH e, own, reached, sub_leads, plans, COLLECT {
    MATCH (p:GkElement)<-[:LEADS {role: 'lead'}]-(x:GkAgency)
    WHERE p.id IN plans
    WITH DISTINCT x.ministry_of AS m
    RETURN m ORDER BY m
  } AS plan_leads
WHERE size(sub_leads) + size(plan_leads) > 0 AND none(m IN own WHERE m IN sub_leads OR m IN plan_leads)
RETURN e.id AS subject, reached + plans AS related,
  CASE WHEN size(plan_leads) > 0
    THEN {lead_ministries: own, sub_target_leads: sub_leads, sub_plan_leads: plan_leads}
    ELSE {lead_ministries: own, sub_target_leads: sub_leads} END AS details
