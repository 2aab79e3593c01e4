// Release the load lock, if this load still holds it.
MATCH (l:GkLock {key: 'load'})
WHERE l.owner = $owner
DELETE l
