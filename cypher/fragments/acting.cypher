// Fragment (included by checks with `// include: fragments/acting`). In: `wanted`, a list of
// elements. Out: one row per element of `wanted`, `e` and `acting` — the ministries whose
// projects' chains reach it, each project once, largest budget first.
// The elements below each wanted one that projects link to are found in one pass: a
// breadth-first expansion up from each linked element, each element once (VarLengthExpand
// (Pruning,BFS)), kept where it meets a wanted element. A walk down from every wanted element
// cost the depth below it per element: quadratic on a deep chain.
CALL (wanted) {
  MATCH (l:GkElement) WHERE EXISTS { (l)<-[:CONTRIBUTES_TO]-(:GkProject) }
  MATCH (l)-[:CASCADES_TO]->*(e:GkElement) WHERE e IN wanted
  RETURN DISTINCT e, l
  UNION ALL
  UNWIND wanted AS e
  RETURN e, null AS l
}
WITH e, collect(DISTINCT l) AS linked
WITH e, COLLECT {
    UNWIND linked AS l
    MATCH (l)<-[:CONTRIBUTES_TO]-(p:GkProject)
    WITH DISTINCT p
    WITH p.ministry_of AS acting_ministry, count(p) AS n, round(sum(coalesce(p.budget, 0.0)), 2) AS baht
    ORDER BY baht DESC, acting_ministry
    RETURN {ministry: acting_ministry, projects: n, budget: baht} AS row
  } AS acting
