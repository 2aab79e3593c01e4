// Project -> element it links to, for elements that exist.
UNWIND $rows AS row
MATCH (x:GkProject {id: row[0]})
MATCH (e:GkElement {id: row[1]})
MERGE (x)-[:CONTRIBUTES_TO]->(e)
