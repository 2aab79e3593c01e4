// Upsert a batch of Agency nodes; each row is the node's complete property map (with id).
UNWIND $rows AS row
MERGE (n:Agency {id: row.id})
SET n = row, n:Graphkpi
