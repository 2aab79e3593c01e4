// --replace, step 1: delete up to $batch of graphkpi's projects (with their relationships) in
// one transaction; the loader repeats it until none is left. Projects first, so the dense
// element nodes keep few relationships for step 2.
MATCH (n:GkProject:Graphkpi)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
