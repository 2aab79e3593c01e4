// Every plan element's id: the did-you-mean candidates when graphkpi reach is given an unknown id.
MATCH (e:GkElement)
RETURN e.id AS id
