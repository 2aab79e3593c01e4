// graphkpi before 0.2 put uniqueness constraints on generic labels (Element, Project, …), which
// restricted other applications sharing the database. Drop them by their graphkpi_ names (a
// constraint of another application has another name and is never touched).
DROP CONSTRAINT graphkpi_element_id IF EXISTS;
DROP CONSTRAINT graphkpi_project_id IF EXISTS;
DROP CONSTRAINT graphkpi_agency_id IF EXISTS;
DROP CONSTRAINT graphkpi_area_id IF EXISTS;
DROP CONSTRAINT graphkpi_kpi_id IF EXISTS;
DROP CONSTRAINT graphkpi_bundle_key IF EXISTS;
DROP INDEX graphkpi_element_level IF EXISTS
