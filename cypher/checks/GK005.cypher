// GK005 unsafe-id: ids that keep a control (Cc) or invisible format (Cf) character after the
// loader's trimming. Rows only: the shared Python stage names the characters (U+XXXX), as
// Cypher has no function giving a character's code point.
MATCH (n:GkElement) WHERE n.id =~ '(?s).*[\\p{Cc}\\p{Cf}].*'
RETURN n.id AS subject, 'element' AS kind, 'elements.csv' AS file
UNION ALL
MATCH (n:GkProject) WHERE n.id =~ '(?s).*[\\p{Cc}\\p{Cf}].*'
RETURN n.id AS subject, 'project' AS kind, 'projects.csv' AS file
UNION ALL
MATCH (n:GkAgency) WHERE n.id =~ '(?s).*[\\p{Cc}\\p{Cf}].*'
RETURN n.id AS subject, 'agency' AS kind, 'agencies.csv' AS file
UNION ALL
MATCH (n:GkKpi) WHERE n.id =~ '(?s).*[\\p{Cc}\\p{Cf}].*'
RETURN n.id AS subject, 'kpi' AS kind, 'kpis.csv' AS file
UNION ALL
MATCH (n:GkArea) WHERE n.id =~ '(?s).*[\\p{Cc}\\p{Cf}].*'
RETURN n.id AS subject, 'area' AS kind, 'areas.csv' AS file
