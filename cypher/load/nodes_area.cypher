// Create a batch of Area nodes; each row is the node's complete property map (with id). The
// uniqueness constraint rejects a second node with the same id, so a batch never duplicates one.
UNWIND $rows AS row
CREATE (n:GkArea)
SET n = row, n:Graphkpi
