// GK002 bad-level: an element whose level is not one of the profile's levels.
// $levels: the profile's level keys; $profile: its name.
MATCH (e:GkElement)
WHERE NOT e.level IN $levels
RETURN e.id AS subject, [] AS related, {level: e.level, profile: $profile} AS details
