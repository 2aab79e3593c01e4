// Fragment (included by checks with `// include: fragments/acting`): the ministries whose
// projects' chains reach element `e`, each project once, largest budget first.
COLLECT {
    MATCH (e)<-[:CASCADES_TO]-*(:GkElement)<-[:CONTRIBUTES_TO]-(p:GkProject)
    WITH DISTINCT p
    WITH p.ministry_of AS acting_ministry, count(p) AS n, round(sum(coalesce(p.budget, 0.0)), 2) AS baht
    ORDER BY baht DESC, acting_ministry
    RETURN {ministry: acting_ministry, projects: n, budget: baht} AS row
  }
