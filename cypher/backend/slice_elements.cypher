// What --target is resolved against: the id of every plan element.
MATCH (e:GkElement)
RETURN e.id AS id
