// Element -> parent element, for parents that exist.
UNWIND $rows AS row
MATCH (c:GkElement {id: row[0]})
MATCH (p:GkElement {id: row[1]})
MERGE (c)-[:CASCADES_TO]->(p)
