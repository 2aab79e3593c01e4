// Mark the start of a load, before anything is deleted: until bundle_end runs with the same
// load_id, the graph is 'loading' and every reader refuses it.
MERGE (b:Graphkpi:GkBundle {key: 'bundle'})
SET b = $props, b.key = 'bundle', b.state = 'loading'
