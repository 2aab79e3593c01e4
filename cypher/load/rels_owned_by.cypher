// Project -> the agency that runs it.
UNWIND $rows AS row
MATCH (x:GkProject {id: row[0]})
MATCH (a:GkAgency {id: row[1]})
MERGE (x)-[:OWNED_BY]->(a)
