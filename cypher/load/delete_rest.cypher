// --replace, step 2: delete every other graphkpi node (elements, agencies, areas, KPIs, the
// Bundle node) with its relationships, in batches of $batch. Other data is never touched.
MATCH (n:Graphkpi)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
