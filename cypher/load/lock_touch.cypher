// Fence and heartbeat, first statement of every write transaction of a load: the transaction
// goes on only while this load still holds the lock (0 rows: it was taken over, stop).
MATCH (l:GkLock {key: 'load'})
WHERE l.owner = $owner
SET l.heartbeat = timestamp()
RETURN l.owner AS owner
