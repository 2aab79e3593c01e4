// Who holds the load lock, if anyone, and how long ago it was last heard from (for messages).
MATCH (l:GkLock {key: 'load'})
RETURN l.pid AS pid, l.host AS host, l.since AS since, (timestamp() - l.heartbeat) / 1000 AS silent
