// Budget line -> the project it funds (lines naming an unknown project keep it as the property
// `project` only; GK001 reports them). Rows: [code, fiscal_year, project].
UNWIND $rows AS row
MATCH (l:GkBudgetLine {code: row[0], fiscal_year: row[1]})
MATCH (p:GkProject {id: row[2]})
MERGE (l)-[:FUNDS]->(p)
