// Agency -> element it leads (role: lead, co-lead, implementing…).
UNWIND $rows AS row
MATCH (a:Agency {id: row[0]})
MATCH (e:Element {id: row[1]})
MERGE (a)-[r:LEADS {role: row[2]}]->(e)
