// Create a batch of BudgetLine nodes (budget_lines.csv: code, project, fiscal_year, amount,
// disbursed); each row is the node's complete property map. The uniqueness constraint on
// (code, fiscal_year) rejects a second line with the same key in the same year.
UNWIND $rows AS row
CREATE (n:GkBudgetLine)
SET n = row, n:Graphkpi
