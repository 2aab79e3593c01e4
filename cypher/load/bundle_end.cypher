// Mark the load complete, with the counts the graph must keep (readers compare them), but only
// when the Bundle node is still this load's (same load_id and fingerprint).
MATCH (b:GkBundle {key: 'bundle'})
WHERE b.load_id = $load_id AND b.fingerprint = $fingerprint
SET b.state = 'complete', b.loaded_at = $loaded_at, b.counts = $counts
RETURN count(b) AS marked
