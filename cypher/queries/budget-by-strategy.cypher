// Projects and budget reaching each national strategy, then a total line. Per strategy a project
// counts once (however many of its chains reach it); a project reaching two strategies counts in
// both rows, so the rows may add up to more than the total. The total line counts each project
// once (distinct projects reaching any strategy) and says so. $lang: th or en (the CLI's --lang): the
// strategy's English name when it has one, and the total line's words.
// graphkpi query budget-by-strategy
MATCH (s:GkElement {level: 'strategy'})
CALL {
  WITH s
  MATCH (s)<-[:CASCADES_TO]-*(e:GkElement)
  WITH DISTINCT e
  MATCH (e)<-[:CONTRIBUTES_TO]-(p:GkProject)
  WITH DISTINCT p
  RETURN count(p) AS projects, sum(coalesce(p.budget, 0.0)) AS budget
}
RETURN s.id AS strategy, CASE WHEN $lang = 'en' AND coalesce(s.name_en, '') <> '' THEN s.name_en ELSE s.name END AS name,
       projects, budget
ORDER BY strategy
UNION ALL
OPTIONAL MATCH (:GkElement {level: 'strategy'})<-[:CASCADES_TO]-*(e:GkElement)<-[:CONTRIBUTES_TO]-(p:GkProject)
WITH DISTINCT p
RETURN CASE $lang WHEN 'en' THEN 'total' ELSE 'รวม' END AS strategy,
       CASE $lang WHEN 'en' THEN 'distinct projects reaching any strategy (each counted once, though the rows above count it once per strategy it reaches)'
            ELSE 'โครงการที่ถึงยุทธศาสตร์ชาติ นับโครงการละครั้ง (บรรทัดข้างบนนับโครงการในทุกยุทธศาสตร์ที่ไปถึง)' END AS name,
       count(p) AS projects, sum(coalesce(p.budget, 0.0)) AS budget
