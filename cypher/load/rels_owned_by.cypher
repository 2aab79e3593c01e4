// Project -> the agency that runs it.
UNWIND $rows AS row
MATCH (x:Project {id: row[0]})
MATCH (a:Agency {id: row[1]})
MERGE (x)-[:OWNED_BY]->(a)
