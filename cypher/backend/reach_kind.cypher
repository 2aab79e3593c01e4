// graphkpi reach: whether $id is a plan element, a project, or neither.
OPTIONAL MATCH (e:GkElement {id: $id})
OPTIONAL MATCH (p:GkProject {id: $id})
RETURN e IS NOT NULL AS element, p IS NOT NULL AS project
