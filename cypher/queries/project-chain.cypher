// Every chain of one project, from its links up to where it ends: at a national strategy
// (reaches_z), at an element with no parent in the graph, or where it loops back to an element
// already on it (loops_back; the chain's last id is that element, as `trace` marks it ↻). A
// project with no link is one row with an empty chain, so a broken chain is never an empty answer.
// graphkpi query project-chain --param project=P-000028
// must exist: $project GkProject
MATCH (p:GkProject {id: $project})
OPTIONAL MATCH path = (p)-[:CONTRIBUTES_TO]->(:GkElement)-[:CASCADES_TO]->*(top:GkElement)
WHERE none(n IN nodes(path)[1..-1] WHERE n.level = 'strategy')   // a chain ends at the first strategy
  AND COUNT { UNWIND nodes(path)[..-1] AS n RETURN DISTINCT n } = size(nodes(path)) - 1   // only the last may repeat
  AND (top.level = 'strategy' OR NOT EXISTS { (top)-[:CASCADES_TO]->(:GkElement) } OR top IN nodes(path)[1..-1])
RETURN coalesce([n IN tail(nodes(path)) | n.id], []) AS chain,
       coalesce([n IN tail(nodes(path)) | n.level], []) AS levels,
       coalesce(top.level = 'strategy', false) AS reaches_z,
       coalesce(top IN nodes(path)[1..-1], false) AS loops_back
ORDER BY reaches_z, size(chain), chain
