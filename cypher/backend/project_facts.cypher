// Facts about projects for the auditor's list: the agency (as written), its name, the ministry
// (ministry_of: the agency's ministry, the agency itself when it has none, the written id
// when the agency is unknown) and its name, year, budget and every place as written, and the sum
// of the budget lines funding it in its fiscal year (line_budget, to the satang; 0 without lines).
UNWIND $ids AS id
MATCH (p:GkProject {id: id})
OPTIONAL MATCH (a:GkAgency {id: p.agency})
OPTIONAL MATCH (m:GkAgency {id: p.ministry_of})
CALL {
  WITH p
  OPTIONAL MATCH (p)<-[:FUNDS]-(l:GkBudgetLine) WHERE l.fiscal_year = p.fiscal_year
  RETURN round(sum(coalesce(l.amount, 0.0)), 2) AS line_budget
}
RETURN p.id AS project, p.name AS name, p.agency AS agency, a.name AS agency_name, a.name_en AS agency_name_en,
       p.ministry_of AS ministry, m.name AS ministry_name, m.name_en AS ministry_name_en, p.fiscal_year AS fiscal_year,
       p.budget AS budget, p.areas AS areas, line_budget
