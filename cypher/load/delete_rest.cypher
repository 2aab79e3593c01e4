// --replace, step 2: delete up to $batch of graphkpi's other nodes (elements, agencies, areas,
// KPIs, and nodes of an older graphkpi) in one transaction, repeated until none is left. The
// Bundle node stays, marked 'loading' throughout; nothing without the Graphkpi label is touched.
MATCH (n:Graphkpi)
WHERE NOT n:GkBundle
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
