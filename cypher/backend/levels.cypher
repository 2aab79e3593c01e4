// The level of each id that is a plan element.
UNWIND $ids AS id
MATCH (e:GkElement {id: id})
RETURN id, e.level AS level
