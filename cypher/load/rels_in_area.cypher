// Area-plan element -> the area it is the plan of.
UNWIND $rows AS row
MATCH (e:Element {id: row[0]})
MATCH (a:Area {id: row[1]})
MERGE (e)-[:IN_AREA]->(a)
