// GK001 unknown-reference: a reference that names an id the graph does not hold.
// One branch per column of the contract, in the NetworkX backend's order (rank): when two
// columns give the same (subject, missing id), the lower rank's details win.
// Rows whose owner is itself missing (a project_links row for an unknown project, a leads row
// for an unknown element, a kpi_agencies row for an unknown KPI) are kept on the Bundle node.
// The loader links each distinct existing reference once, so a project whose link count
// equals its CONTRIBUTES_TO degree names no unknown element.
MATCH (e:GkElement)
UNWIND e.parents AS ref
WITH e, ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkElement {id: ref}) }
RETURN DISTINCT 0 AS rank, e.id AS subject, [ref] AS related, 'element' AS kind,
       {via: 'elements.parents', missing: ref} AS details
UNION ALL
MATCH (p:GkProject)
WHERE size(p.links) > COUNT { (p)-[:CONTRIBUTES_TO]->() }  // cheap degree test first: 10^6 projects
UNWIND p.links AS ref
WITH p, ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkElement {id: ref}) }
RETURN DISTINCT 1 AS rank, p.id AS subject, [ref] AS related, 'project' AS kind,
       {via: 'projects.links', missing: ref} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND range(0, size(b.unowned_link_projects) - 1) AS i
WITH b.unowned_link_projects[i] AS subject, b.unowned_link_elements[i] AS ref
WHERE ref <> '' AND NOT EXISTS { MATCH (:GkElement {id: ref}) }
RETURN DISTINCT 1 AS rank, subject, [ref] AS related, 'project' AS kind,
       {via: 'projects.links', missing: ref} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND b.unowned_link_projects AS ref
WITH ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkProject {id: ref}) }
RETURN DISTINCT 2 AS rank, ref AS subject, [ref] AS related, 'project' AS kind,
       {via: 'project_links.project', missing: ref} AS details
UNION ALL
MATCH (p:GkProject)
WHERE NOT EXISTS { (p)-[:OWNED_BY]->() } AND p.agency <> '' AND NOT EXISTS { MATCH (:GkAgency {id: p.agency}) }
RETURN 3 AS rank, p.id AS subject, [p.agency] AS related, 'project' AS kind,
       {via: 'projects.agency', missing: p.agency} AS details
UNION ALL
MATCH (a:GkAgency)
WHERE a.ministry <> '' AND NOT EXISTS { MATCH (:GkAgency {id: a.ministry}) }
RETURN 4 AS rank, a.id AS subject, [a.ministry] AS related, 'agency' AS kind,
       {via: 'agencies.ministry', missing: a.ministry} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND b.unowned_lead_elements AS ref
WITH ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkElement {id: ref}) }
RETURN DISTINCT 5 AS rank, ref AS subject, [ref] AS related, 'element' AS kind,
       {via: 'leads.element', missing: ref} AS details
UNION ALL
MATCH (e:GkElement)
UNWIND e.lead_agencies AS ref
WITH e, ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkAgency {id: ref}) }
RETURN DISTINCT 6 AS rank, e.id AS subject, [ref] AS related, 'element' AS kind,
       {via: 'leads.agency', missing: ref} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND range(0, size(b.unowned_lead_elements) - 1) AS i
WITH b.unowned_lead_elements[i] AS subject, b.unowned_lead_agencies[i] AS ref
WHERE ref <> '' AND NOT EXISTS { MATCH (:GkAgency {id: ref}) }
RETURN DISTINCT 6 AS rank, subject, [ref] AS related, 'element' AS kind,
       {via: 'leads.agency', missing: ref} AS details
UNION ALL
MATCH (k:GkKpi)
WHERE k.element <> '' AND NOT EXISTS { MATCH (:GkElement {id: k.element}) }
RETURN 7 AS rank, k.id AS subject, [k.element] AS related, 'kpi' AS kind,
       {via: 'kpis.element', missing: k.element} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND b.unowned_kpi_agency_kpis AS ref
WITH ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkKpi {id: ref}) }
RETURN DISTINCT 8 AS rank, ref AS subject, [ref] AS related, 'kpi' AS kind,
       {via: 'kpi_agencies.kpi', missing: ref} AS details
UNION ALL
MATCH (k:GkKpi)
UNWIND k.agencies AS ref
WITH k, ref WHERE ref <> '' AND NOT EXISTS { MATCH (:GkAgency {id: ref}) }
RETURN DISTINCT 9 AS rank, k.id AS subject, [ref] AS related, 'kpi' AS kind,
       {via: 'kpi_agencies.agency', missing: ref} AS details
UNION ALL
MATCH (b:GkBundle)
UNWIND range(0, size(b.unowned_kpi_agency_kpis) - 1) AS i
WITH b.unowned_kpi_agency_kpis[i] AS subject, b.unowned_kpi_agency_agencies[i] AS ref
WHERE ref <> '' AND NOT EXISTS { MATCH (:GkAgency {id: ref}) }
RETURN DISTINCT 9 AS rank, subject, [ref] AS related, 'kpi' AS kind,
       {via: 'kpi_agencies.agency', missing: ref} AS details
