// Store a batch of the GK0xx findings the loader computed from the bundle's rows (code, subject,
// kind, related ids, details as JSON text). Written in the load's fenced batches and counted
// with the other nodes, so they are readable only once the Bundle node is marked complete.
UNWIND $rows AS row
CREATE (f:GkFinding)
SET f = row, f:Graphkpi
