// Project -> an area (province, cluster, region) it is located in.
UNWIND $rows AS row
MATCH (x:GkProject {id: row[0]})
MATCH (a:GkArea {id: row[1]})
MERGE (x)-[:LOCATED_IN]->(a)
