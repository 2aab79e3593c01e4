// The Bundle node: what was loaded, from where, whether the load finished, and the counts the
// graph must have (a JSON object, compared with load/counts by every reader), and which codes'
// findings the load stored (none recorded: an older graphkpi's graph).
MATCH (b:GkBundle {key: 'bundle'})
RETURN b.state AS state, b.source AS source, b.fingerprint AS fingerprint, b.profile AS profile,
       b.loaded_at AS loaded_at, b.years_given_be AS years_given_be, b.load_id AS load_id, b.counts AS counts,
       b.stored AS stored, b.stored_for AS stored_for, b.files AS files, b.edited AS edited,
       b.profile_source AS profile_source
