// Every chain of one project, from its links up to where each ends, and whether it ends at a
// national strategy. graphkpi query project-chain --param project=P-000028
MATCH path = (p:GkProject {id: $project})-[:CONTRIBUTES_TO]->(:GkElement)-[:CASCADES_TO]->*(top:GkElement)
WHERE NOT EXISTS { (top)-[:CASCADES_TO]->(:GkElement) } OR top.level = 'strategy'
RETURN [n IN tail(nodes(path)) | n.id] AS chain, [n IN tail(nodes(path)) | n.level] AS levels,
       top.level = 'strategy' AS reaches_z
ORDER BY reaches_z, size(chain), chain
