// Upsert a batch of Kpi nodes; each row is the node's complete property map (with id).
UNWIND $rows AS row
MERGE (n:Kpi {id: row.id})
SET n = row, n:Graphkpi
