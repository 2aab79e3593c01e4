// Area -> the area containing it (province -> cluster -> region).
UNWIND $rows AS row
MATCH (a:Area {id: row[0]})
MATCH (p:Area {id: row[1]})
MERGE (a)-[:WITHIN]->(p)
