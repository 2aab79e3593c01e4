// GK601 unbudgeted-project: the bundle has budget_lines.csv, the project has a positive budget,
// and no budget line funds it in its own fiscal year (lines of other years do not count).
// details.planned: its budget; details.fiscal_year: its year (CE).
MATCH (b:GkBundle {key: 'bundle'})
WHERE 'budget_lines' IN coalesce(b.files, [])
MATCH (p:GkProject)
WHERE p.budget > 0
  AND NOT EXISTS { MATCH (p)<-[:FUNDS]-(l:GkBudgetLine) WHERE l.fiscal_year = p.fiscal_year }
RETURN p.id AS subject, [] AS related, {planned: p.budget, fiscal_year: p.fiscal_year} AS details
