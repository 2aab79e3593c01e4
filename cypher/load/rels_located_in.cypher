// Project -> an area (province, cluster, region) it is located in.
UNWIND $rows AS row
MATCH (x:Project {id: row[0]})
MATCH (a:Area {id: row[1]})
MERGE (x)-[:LOCATED_IN]->(a)
