// Upsert a batch of Project nodes; each row is the node's complete property map (with id).
UNWIND $rows AS row
MERGE (n:Project {id: row.id})
SET n = row, n:Graphkpi
