// GK402 multiple-leads: an element with more than one existing agency in the role lead.
// related: the lead agencies; details.ministries: their ministries.
MATCH (e:GkElement)<-[:LEADS {role: 'lead'}]-(a:GkAgency)
WITH e, collect(DISTINCT a) AS leads
WHERE size(leads) > 1
RETURN e.id AS subject, [a IN leads | a.id] AS related,
  {n: size(leads),
   ministries: COLLECT {
     UNWIND leads AS a
     WITH DISTINCT a.ministry_of AS m
     RETURN m ORDER BY m
   }} AS details
