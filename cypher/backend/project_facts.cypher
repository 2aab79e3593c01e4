// Facts about projects for the auditor's list: the agency (as written), its name, the ministry
// (ministry_of: the agency's ministry, the agency itself when it has none, the written id
// when the agency is unknown) and its name, year, budget and every place as written.
UNWIND $ids AS id
MATCH (p:GkProject {id: id})
OPTIONAL MATCH (a:GkAgency {id: p.agency})
OPTIONAL MATCH (m:GkAgency {id: p.ministry_of})
RETURN p.id AS project, p.name AS name, p.agency AS agency, a.name AS agency_name, a.name_en AS agency_name_en,
       p.ministry_of AS ministry, m.name AS ministry_name, m.name_en AS ministry_name_en, p.fiscal_year AS fiscal_year,
       p.budget AS budget, p.areas AS areas
