// The Bundle node: what was loaded, from where, and whether the load finished.
MATCH (b:Graphkpi:Bundle {key: 'bundle'})
RETURN b.state AS state, b.source AS source, b.fingerprint AS fingerprint, b.profile AS profile,
       b.loaded_at AS loaded_at, b.years_given_be AS years_given_be
