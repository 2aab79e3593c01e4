// GK103 uncovered-factor: a factor-level element (th-xyz: vc_factor) no project links to.
// $factor_level: the profile's factor role.
MATCH (f:GkElement {level: $factor_level})
WHERE NOT EXISTS { (f)<-[:CONTRIBUTES_TO]-(:GkProject) }
RETURN f.id AS subject, [] AS related, {} AS details
