// KPI -> the element it measures.
UNWIND $rows AS row
MATCH (k:Kpi {id: row[0]})
MATCH (e:Element {id: row[1]})
MERGE (k)-[:MEASURES]->(e)
