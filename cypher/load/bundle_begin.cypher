// Mark the start of a load: until bundle_end runs, the graph is 'loading' and checks refuse it.
MERGE (b:Graphkpi:Bundle {key: 'bundle'})
SET b = $props, b.key = 'bundle', b.state = 'loading'
