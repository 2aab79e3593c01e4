// Project -> element it links to, for elements that exist.
UNWIND $rows AS row
MATCH (x:Project {id: row[0]})
MATCH (e:Element {id: row[1]})
MERGE (x)-[:CONTRIBUTES_TO]->(e)
