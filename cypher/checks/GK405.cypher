// GK405 joint-kpi-unmeasured: a KPI whose existing agencies span two or more ministries, with
// no host, or with a host whose `measured` is not a yes ($yes: the accepted spellings).
// related: the hosts that do not measure it. Rows and KPIs with a value outside its list
// ($values, GK004) are left out as a whole.
MATCH (k:GkKpi)<-[r:RESPONSIBLE_FOR]-(a:GkAgency)
WHERE r.role IN $values['kpi_agencies.role'] AND r.measured IN $values['kpi_agencies.measured']
  AND k.direction IN $values['kpis.direction'] AND coalesce(k.class, '') IN $values['kpis.class']
WITH k, collect({agency: a.id, role: r.role, yes: toLower(trim(coalesce(r.measured, ''))) IN $yes,
                 ministry: a.ministry_of}) AS rows
WITH k, rows, COLLECT { UNWIND rows AS x WITH DISTINCT x.ministry AS m RETURN m ORDER BY m } AS ministries
WHERE size(ministries) >= 2
WITH k, ministries,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role = 'host' WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS hosts,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role = 'host' AND NOT x.yes
            WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS unmeasured,
  COLLECT { UNWIND rows AS x WITH x WHERE x.role <> 'host' WITH DISTINCT x.agency AS h RETURN h ORDER BY h } AS partners
WHERE size(hosts) = 0 OR size(unmeasured) > 0
RETURN k.id AS subject, unmeasured AS related, {hosts: hosts, partners: partners, ministries: ministries} AS details
