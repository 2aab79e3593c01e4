// graphkpi reach: the links of projects to the elements $ids (those below the element asked about).
UNWIND $ids AS id
MATCH (e:GkElement {id: id})<-[:CONTRIBUTES_TO]-(p:GkProject)
RETURN p.id AS project, e.id AS element
