// Area -> the area containing it (province -> cluster -> region).
UNWIND $rows AS row
MATCH (a:GkArea {id: row[0]})
MATCH (p:GkArea {id: row[1]})
MERGE (a)-[:WITHIN]->(p)
