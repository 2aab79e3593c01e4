// Agency -> KPI it hosts or partners in (role), and whether it measures it.
UNWIND $rows AS row
MATCH (a:GkAgency {id: row[0]})
MATCH (k:GkKpi {id: row[1]})
MERGE (a)-[r:RESPONSIBLE_FOR {role: row[2]}]->(k)
SET r.measured = row[3]
