// Projects and budget reaching each national strategy (a project counts once per strategy it
// reaches; a project reaching two strategies counts in both). graphkpi query budget-by-strategy
MATCH (s:GkElement {level: 'strategy'})
CALL {
  WITH s
  MATCH (s)<-[:CASCADES_TO]-*(e:GkElement)
  WITH DISTINCT e
  MATCH (e)<-[:CONTRIBUTES_TO]-(p:GkProject)
  WITH DISTINCT p
  RETURN count(p) AS projects, sum(coalesce(p.budget, 0.0)) AS budget
}
RETURN s.id AS strategy, s.name AS name, projects, budget
ORDER BY strategy
