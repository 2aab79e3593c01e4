// Upsert a batch of Area nodes; each row is the node's complete property map (with id).
UNWIND $rows AS row
MERGE (n:Area {id: row.id})
SET n = row, n:Graphkpi
