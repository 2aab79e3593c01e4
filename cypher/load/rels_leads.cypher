// Agency -> element it leads (role: lead, co-lead, implementing…).
UNWIND $rows AS row
MATCH (a:GkAgency {id: row[0]})
MATCH (e:GkElement {id: row[1]})
MERGE (a)-[r:LEADS {role: row[2]}]->(e)
