// Projects of one ministry (its own and its departments') whose chains reach a target.
// graphkpi query ministry-projects-for-target --param ministry=สธ --param target=130201
// $ministry: a ministry id (e.g. สธ); $target: any element id (sub-target, master plan, strategy…).
// Names in $lang (the English name when there is one); fiscal_year in the era $years says (be or ce).
// must exist: $ministry GkAgency
// must exist: $target GkElement
MATCH (t:GkElement {id: $target})
CALL {
  WITH t
  MATCH (t)<-[:CASCADES_TO]-*(e:GkElement)
  RETURN collect(DISTINCT e) AS below
}
MATCH (m:GkAgency {id: $ministry})<-[:PART_OF]-*(a:GkAgency)<-[:OWNED_BY]-(p:GkProject)
WHERE EXISTS { (p)-[:CONTRIBUTES_TO]->(e:GkElement) WHERE e IN below }
RETURN p.id AS project,
       CASE WHEN $lang = 'en' AND coalesce(p.name_en, '') <> '' THEN p.name_en ELSE p.name END AS name,
       a.id AS agency,
       CASE $years WHEN 'be' THEN p.fiscal_year + 543 ELSE p.fiscal_year END AS fiscal_year,
       p.budget AS budget
ORDER BY budget DESC, project
