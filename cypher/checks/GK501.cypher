// GK501 kpi-below-plan: an evaluated KPI (class not 'monitor') whose target is less ambitious than
// its plan_target — below it, or above it when direction is down. details.gap: the shortfall
// (positive); details.reason: the KPI's shortfall_reason, only when it has one (blank ones were
// emptied at load). A KPI whose direction or class is outside its list ($values, GK004) is not checked.
MATCH (k:GkKpi)
WHERE k.target IS NOT NULL AND k.plan_target IS NOT NULL AND coalesce(k.class, '') <> 'monitor'
  AND k.direction IN $values['kpis.direction'] AND coalesce(k.class, '') IN $values['kpis.class']
WITH k, k.direction = 'down' AS down
WITH k, down, CASE WHEN down THEN k.target - k.plan_target ELSE k.plan_target - k.target END AS gap
WHERE gap > 0
WITH k, down, gap, {element: k.element, target: k.target, plan_target: k.plan_target,
                    direction: CASE WHEN down THEN 'down' ELSE 'up' END, gap: round(gap, 6)} AS details
RETURN k.id AS subject, [] AS related,
  CASE WHEN coalesce(k.shortfall_reason, '') <> '' THEN details {.*, reason: k.shortfall_reason} ELSE details END
    AS details
