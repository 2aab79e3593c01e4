// Whether each id a query's parameter names is a node of the label its `// must exist:` line says
// (graphkpi query checks them first: an unknown id is an error, not an empty answer). Labels
// cannot be parameters, so each allowed one is spelt here (graphkpi.cli.server.EXIST_KINDS).
UNWIND $wanted AS w
RETURN w.param AS param,
       CASE w.label
         WHEN 'GkProject' THEN EXISTS { MATCH (:GkProject {id: w.id}) }
         WHEN 'GkElement' THEN EXISTS { MATCH (:GkElement {id: w.id}) }
         WHEN 'GkAgency' THEN EXISTS { MATCH (:GkAgency {id: w.id}) }
         ELSE false
       END AS found
