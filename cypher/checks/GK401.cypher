// GK401 no-lead: an element at a level that needs a lead ($lead_required) with no existing
// agency in the role lead. details.acting: the ministries whose projects' chains reach it
// (a project counts once, for the ministry of its agency), largest budget first.
MATCH (x:GkElement)
WHERE x.level IN $lead_required AND NOT EXISTS { (x)<-[:LEADS {role: 'lead'}]-(:GkAgency) }
WITH collect(x) AS wanted
// include: fragments/acting
RETURN e.id AS subject, [] AS related, {level: e.level, acting: acting} AS details
