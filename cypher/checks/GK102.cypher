// GK102 uncovered-target: a target-level element (th-xyz: sub_target) that no project's chain
// reaches: nothing below it, down any cascade, has a project.
// $target_level: the profile's target role.
MATCH (t:GkElement {level: $target_level})
WHERE NOT EXISTS { (t)<-[:CASCADES_TO]-*(:GkElement)<-[:CONTRIBUTES_TO]-(:GkProject) }
RETURN t.id AS subject, [] AS related, {} AS details
