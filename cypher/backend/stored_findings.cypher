// The GK0xx findings stored at load, for $codes: one row of parallel lists (a row per finding
// would cost the driver more than the query).
MATCH (f:GkFinding)
WHERE f.code IN $codes
RETURN collect(f.code) AS codes, collect(f.subject) AS subjects, collect(f.kind) AS kinds,
       collect(f.related) AS related, collect(f.details) AS details
