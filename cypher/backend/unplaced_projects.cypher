// The projects whose places are all unknown (GK001 names each): a --province slice cannot hold
// them, so the CLI says they are left out. A national project is placed; one naming no place is
// not counted (nothing was misread).
MATCH (p:GkProject)
WHERE size(p.areas) > 0 AND NOT p.national
  AND none(a IN p.areas WHERE EXISTS { MATCH (:GkArea {id: a}) })
RETURN p.id AS id
ORDER BY id
