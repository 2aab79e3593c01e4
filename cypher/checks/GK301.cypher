// GK301 duplicate-projects, blocking stage: every project whose chains reach a $target_level
// element (through any chain) in a fiscal year where projects of two or more ministries reach
// it. Python (graphkpi.checks.duplicates.duplicate_groups) then matches titles inside these
// blocks and their places, as it does for the NetworkX backend. Places are the known areas
// (LOCATED_IN) and $national: a province no area answers to (GK001) overlaps nothing. The
// agency, the ministry's names and the places as written (written) are the facts the findings
// carry for `graphkpi duplicates` (graphkpi.analysis.carried), read here so they are not fetched again.
MATCH (t:GkElement {level: $target_level})<-[:CASCADES_TO]-*(:GkElement)<-[:CONTRIBUTES_TO]-(p:GkProject)
WITH DISTINCT t, p
WITH t, p.fiscal_year AS year, collect(p) AS ps, count(DISTINCT p.ministry_of) AS ministries
WHERE ministries >= 2
UNWIND ps AS p
OPTIONAL MATCH (m:GkAgency {id: p.ministry_of})
RETURN p.id AS project, t.id AS element, p.ministry_of AS ministry, p.fiscal_year AS fiscal_year,
       p.budget AS budget, p.name AS name, p.objective AS objective,
       COLLECT { MATCH (p)-[:LOCATED_IN]->(a:GkArea) RETURN a.id } + CASE WHEN p.national THEN [$national] ELSE [] END
         AS areas,
       p.agency AS agency, m.name AS ministry_name, m.name_en AS ministry_name_en, p.areas AS written
