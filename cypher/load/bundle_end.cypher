// Mark the load complete, with the counts the graph must keep (readers compare them) and the
// codes whose findings were stored (and for which profile), but only when the Bundle node is
// still this load's (same load_id and fingerprint).
MATCH (b:GkBundle {key: 'bundle'})
WHERE b.load_id = $load_id AND b.fingerprint = $fingerprint
SET b.state = 'complete', b.loaded_at = $loaded_at, b.counts = $counts, b.stored = $stored,
    b.stored_for = $stored_for
RETURN count(b) AS marked
