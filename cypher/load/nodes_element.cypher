// Upsert a batch of Element nodes; each row is the node's complete property map (with id).
UNWIND $rows AS row
MERGE (n:Element {id: row.id})
SET n = row, n:Graphkpi
