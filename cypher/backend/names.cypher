// Display names of any ids, with the kind of node each id is (the caller picks by precedence
// when an id is used by two kinds).
UNWIND $ids AS id
CALL {
  WITH id MATCH (n:GkElement {id: id}) RETURN 'element' AS kind, n.name AS name, n.name_en AS name_en
  UNION
  WITH id MATCH (n:GkProject {id: id}) RETURN 'project' AS kind, n.name AS name, n.name_en AS name_en
  UNION
  WITH id MATCH (n:GkAgency {id: id}) RETURN 'agency' AS kind, n.name AS name, n.name_en AS name_en
  UNION
  WITH id MATCH (n:GkArea {id: id}) RETURN 'area' AS kind, n.name AS name, n.name_en AS name_en
  UNION
  WITH id MATCH (n:GkKpi {id: id}) RETURN 'kpi' AS kind, n.name AS name, n.name_en AS name_en
}
RETURN id, kind, name, name_en
