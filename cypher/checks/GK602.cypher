// GK602 budget-mismatch: the lines funding a project in its fiscal year sum to more than 1 % and
// more than 1 baht away from its budget (an empty budget counts as 0). Compared in whole satang,
// as the NetworkX check does, so exactly 1 % or 1 baht is never a finding.
// details: planned, lines (their sum, to the satang), difference (lines - planned), fiscal_year.
MATCH (p:GkProject)<-[:FUNDS]-(l:GkBudgetLine)
WHERE l.fiscal_year = p.fiscal_year
WITH p, round(sum(l.amount), 2) AS lines, coalesce(p.budget, 0.0) AS planned
WITH p, lines, planned, abs(round((lines - planned) * 100)) AS diff
WHERE diff * 100 > round(planned * 100) AND diff > 100
RETURN p.id AS subject, [] AS related,
       {planned: planned, lines: lines, difference: round(lines - planned, 2), fiscal_year: p.fiscal_year} AS details
