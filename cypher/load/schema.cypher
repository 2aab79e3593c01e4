// Schema for graphkpi's graph. Every label is graphkpi's own (GkElement, GkProject, …), so the
// uniqueness constraints bind only graphkpi's nodes: another application's (:Element) or
// (:Project) nodes in the same database are neither restricted nor seen. Community edition
// supports uniqueness only; everything else is validated in Python before loading.
// Statements are separated by semicolons.
CREATE CONSTRAINT graphkpi_gkelement_id IF NOT EXISTS FOR (n:GkElement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkproject_id IF NOT EXISTS FOR (n:GkProject) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkagency_id IF NOT EXISTS FOR (n:GkAgency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkarea_id IF NOT EXISTS FOR (n:GkArea) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkkpi_id IF NOT EXISTS FOR (n:GkKpi) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkbudgetline_key IF NOT EXISTS FOR (n:GkBudgetLine) REQUIRE (n.code, n.fiscal_year) IS UNIQUE;
CREATE CONSTRAINT graphkpi_gkbundle_key IF NOT EXISTS FOR (n:GkBundle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT graphkpi_gklock_key IF NOT EXISTS FOR (n:GkLock) REQUIRE n.key IS UNIQUE;
CREATE INDEX graphkpi_gkelement_level IF NOT EXISTS FOR (n:GkElement) ON (n.level);
CREATE INDEX graphkpi_gkfinding_code IF NOT EXISTS FOR (n:GkFinding) ON (n.code)
