// Take over a lock whose holder is gone (the caller holds the node's write lock and checked).
MATCH (l:GkLock {key: 'load'})
SET l.owner = $owner, l.pid = $pid, l.host = $host, l.since = timestamp(), l.heartbeat = timestamp()
