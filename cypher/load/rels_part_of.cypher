// Agency -> its ministry.
UNWIND $rows AS row
MATCH (a:Agency {id: row[0]})
MATCH (m:Agency {id: row[1]})
MERGE (a)-[:PART_OF]->(m)
