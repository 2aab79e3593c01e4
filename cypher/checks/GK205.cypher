// GK205 out-of-period: a project linked to an element whose period (valid_from..valid_to, CE
// fiscal years, inclusive; a missing property is an open end) does not include the project's
// fiscal year; or an element cascading into a parent whose period shares no year with its own.
// A comparison with a missing property is null, never true: an open end excludes nothing.
// details.period: the element's (parent's) [from, to], null when open; details.replaced_by: the
// ids of its replaced_by list that are elements, sorted.
MATCH (x:GkProject)-[:CONTRIBUTES_TO]->(e:GkElement)
WHERE x.fiscal_year < e.valid_from OR x.fiscal_year > e.valid_to
RETURN x.id AS subject, [e.id] AS related, 'project' AS kind,
       {period: [toInteger(e.valid_from), toInteger(e.valid_to)], fiscal_year: x.fiscal_year,
        replaced_by: COLLECT { UNWIND e.replaced_by AS r MATCH (:GkElement {id: r}) RETURN DISTINCT r ORDER BY r }}
       AS details
UNION ALL
MATCH (c:GkElement)-[:CASCADES_TO]->(p:GkElement)
WHERE c.valid_to < p.valid_from OR p.valid_to < c.valid_from
RETURN c.id AS subject, [p.id] AS related, 'element' AS kind,
       {period: [toInteger(p.valid_from), toInteger(p.valid_to)],
        subject_period: [toInteger(c.valid_from), toInteger(c.valid_to)],
        replaced_by: COLLECT { UNWIND p.replaced_by AS r MATCH (:GkElement {id: r}) RETURN DISTINCT r ORDER BY r }}
       AS details
