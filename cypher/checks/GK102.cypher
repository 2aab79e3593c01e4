// GK102 uncovered-target: a target-level element (th-xyz: sub_target) that no project's chain
// reaches. The elements chains reach are gathered once — one breadth-first expansion up from
// each linked element, each element once (VarLengthExpand(Pruning,BFS)) — rather than a walk
// down from every target, which cost the depth below it per target.
// $target_level: the profile's target role.
MATCH (l:GkElement) WHERE EXISTS { (l)<-[:CONTRIBUTES_TO]-(:GkProject) }
MATCH (l)-[:CASCADES_TO]->*(u:GkElement)
WITH collect(DISTINCT u) AS reached
MATCH (t:GkElement {level: $target_level})
WHERE NOT t IN reached
RETURN t.id AS subject, [] AS related, {} AS details
