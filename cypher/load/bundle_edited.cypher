// After `graphkpi query --write`: the graph no longer holds only what its load wrote. A reload of
// the same bundle then reloads instead of saying nothing changed, and readers say so.
MATCH (b:GkBundle {key: 'bundle'})
SET b.edited = $at
RETURN count(b) AS marked
