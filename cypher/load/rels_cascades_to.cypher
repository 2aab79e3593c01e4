// Element -> parent element, for parents that exist.
UNWIND $rows AS row
MATCH (c:Element {id: row[0]})
MATCH (p:Element {id: row[1]})
MERGE (c)-[:CASCADES_TO]->(p)
