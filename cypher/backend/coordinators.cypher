// The coordinators (leads.csv role coordinator) of each element id, with the ministry each is
// counted under: shown beside the lead gaps, never counted as a lead.
UNWIND $ids AS id
MATCH (e:GkElement {id: id})<-[:LEADS {role: 'coordinator'}]-(a:GkAgency)
RETURN DISTINCT id AS element, a.id AS agency, a.ministry_of AS ministry
ORDER BY element, agency
