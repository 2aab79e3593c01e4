// Agency -> its ministry.
UNWIND $rows AS row
MATCH (a:GkAgency {id: row[0]})
MATCH (m:GkAgency {id: row[1]})
MERGE (a)-[:PART_OF]->(m)
