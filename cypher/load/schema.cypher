// Schema for graphkpi's graph: one uniqueness constraint per node label (Community edition
// supports uniqueness only; everything else is validated in Python before loading), and the
// index the checks look levels up by. Statements are separated by semicolons.
CREATE CONSTRAINT graphkpi_element_id IF NOT EXISTS FOR (n:Element) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_kpi_id IF NOT EXISTS FOR (n:Kpi) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graphkpi_bundle_key IF NOT EXISTS FOR (n:Bundle) REQUIRE n.key IS UNIQUE;
CREATE INDEX graphkpi_element_level IF NOT EXISTS FOR (n:Element) ON (n.level)
