// --replace, step 1: delete graphkpi's projects (and their relationships) in batches of
// $batch, each batch its own transaction. Projects first, so the dense element nodes keep
// few relationships for step 2. Only nodes labelled Graphkpi are touched.
MATCH (n:Graphkpi:Project)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
