// Area-plan element -> the area it is the plan of.
UNWIND $rows AS row
MATCH (e:GkElement {id: row[0]})
MATCH (a:GkArea {id: row[1]})
MERGE (e)-[:IN_AREA]->(a)
