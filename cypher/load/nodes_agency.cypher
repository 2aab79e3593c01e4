// Create a batch of Agency nodes; each row is the node's complete property map (with id). The
// uniqueness constraint rejects a second node with the same id, so a batch never duplicates one.
UNWIND $rows AS row
CREATE (n:GkAgency)
SET n = row, n:Graphkpi
