// GK501 kpi-below-plan: a KPI whose target is less ambitious than its plan_target — below it,
// or above it when direction is down. details.gap: the shortfall (positive). A KPI whose
// direction or class is outside its list ($values, GK004) is not checked.
MATCH (k:GkKpi)
WHERE k.target IS NOT NULL AND k.plan_target IS NOT NULL
  AND k.direction IN $values['kpis.direction'] AND coalesce(k.class, '') IN $values['kpis.class']
WITH k, k.direction = 'down' AS down
WITH k, down, CASE WHEN down THEN k.target - k.plan_target ELSE k.plan_target - k.target END AS gap
WHERE gap > 0
RETURN k.id AS subject, [] AS related,
  {element: k.element, target: k.target, plan_target: k.plan_target,
   direction: CASE WHEN down THEN 'down' ELSE 'up' END, gap: round(gap, 6)} AS details
