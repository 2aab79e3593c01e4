// Take the load lock, or learn who holds it. MERGE under the GkLock uniqueness constraint makes
// two loads serialise here; SET takes the node's write lock before its holder is read, so the
// caller decides on committed values (take over a stale lock with lock_steal in the same
// transaction).
MERGE (l:GkLock {key: 'load'})
ON CREATE SET l.owner = $owner, l.pid = $pid, l.host = $host, l.since = timestamp(), l.heartbeat = timestamp()
SET l.probe = $owner
REMOVE l.probe
RETURN l.owner AS owner, l.pid AS pid, l.host AS host, l.since AS since, l.heartbeat AS heartbeat,
       timestamp() AS now
