// Mark the load complete.
MATCH (b:Graphkpi:Bundle {key: 'bundle'})
SET b.state = 'complete', b.loaded_at = $loaded_at
