// GK405 joint-kpi-unmeasured: an evaluated KPI (class not 'monitor') whose existing agencies span
// two or more ministries, where some host or shared agency does not measure it ($yes: the
// accepted spellings of measured), or which has neither a host nor a shared agency. Shared
// agencies (the 2011 model: each carries the KPI) make a host unnecessary. related: the hosts and
// shared agencies that do not measure it; details.shared only when the KPI has shared agencies.
// Rows and KPIs with a value outside its list ($values, GK004) are left out as a whole.
MATCH (k:GkKpi)<-[r:RESPONSIBLE_FOR]-(a:GkAgency)
WHERE coalesce(k.class, '') <> 'monitor'
  AND r.role IN $values['kpi_agencies.role'] AND r.measured IN $values['kpi_agencies.measured']
  AND k.direction IN $values['kpis.direction'] AND coalesce(k.class, '') IN $values['kpis.class']
WITH k, collect({agency: a.id, role: r.role, yes: toLower(trim(coalesce(r.measured, ''))) IN $yes,
                 ministry: a.ministry_of}) AS rows
WITH k, rows, COLLECT { UNWIND rows AS x WITH DISTINCT x.ministry AS m RETURN m ORDER BY m } AS ministries
WHERE size(ministries) >= 2
WITH k, ministries,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role = 'host' WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS hosts,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role = 'shared' WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS shared,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role IN ['host', 'shared'] AND NOT x.yes
            WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS unmeasured,
  COLLECT { UNWIND rows AS x WITH x WHERE NOT x.role IN ['host', 'shared']
            WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS partners
WHERE (size(hosts) = 0 AND size(shared) = 0) OR size(unmeasured) > 0
RETURN k.id AS subject, unmeasured AS related,
  CASE WHEN size(shared) > 0
    THEN {hosts: hosts, partners: partners, ministries: ministries, shared: shared}
    ELSE {hosts: hosts, partners: partners, ministries: ministries} END AS details
