// KPI -> the element it measures.
UNWIND $rows AS row
MATCH (k:GkKpi {id: row[0]})
MATCH (e:GkElement {id: row[1]})
MERGE (k)-[:MEASURES]->(e)
