// What graphkpi's graph holds: nodes per label and relationships per type, each counted from its
// graphkpi start label (the count store answers each in constant time, and another
// application's nodes or relationships of the same type are not counted). "graphkpi": every
// node labelled Graphkpi but the Bundle node, leftovers of an older graph included.
CALL { MATCH (n:Graphkpi) RETURN count(n) AS tagged }
CALL { MATCH (n:GkBundle) RETURN count(n) AS bundles }
CALL { MATCH (n:GkElement) RETURN count(n) AS GkElement }
CALL { MATCH (n:GkAgency) RETURN count(n) AS GkAgency }
CALL { MATCH (n:GkArea) RETURN count(n) AS GkArea }
CALL { MATCH (n:GkKpi) RETURN count(n) AS GkKpi }
CALL { MATCH (n:GkProject) RETURN count(n) AS GkProject }
CALL { MATCH (n:GkFinding) RETURN count(n) AS GkFinding }
CALL { MATCH (n:GkBudgetLine) RETURN count(n) AS GkBudgetLine }
CALL { MATCH (:GkElement)-[r:CASCADES_TO]->() RETURN count(r) AS CASCADES_TO }
CALL { MATCH (:GkProject)-[r:CONTRIBUTES_TO]->() RETURN count(r) AS CONTRIBUTES_TO }
CALL { MATCH (:GkProject)-[r:OWNED_BY]->() RETURN count(r) AS OWNED_BY }
CALL { MATCH (:GkAgency)-[r:PART_OF]->() RETURN count(r) AS PART_OF }
CALL { MATCH (:GkProject)-[r:LOCATED_IN]->() RETURN count(r) AS LOCATED_IN }
CALL { MATCH (:GkElement)-[r:IN_AREA]->() RETURN count(r) AS IN_AREA }
CALL { MATCH (:GkArea)-[r:WITHIN]->() RETURN count(r) AS WITHIN }
CALL { MATCH (:GkAgency)-[r:LEADS]->() RETURN count(r) AS LEADS }
CALL { MATCH (:GkKpi)-[r:MEASURES]->() RETURN count(r) AS MEASURES }
CALL { MATCH (:GkAgency)-[r:RESPONSIBLE_FOR]->() RETURN count(r) AS RESPONSIBLE_FOR }
CALL { MATCH (:GkBudgetLine)-[r:FUNDS]->() RETURN count(r) AS FUNDS }
RETURN tagged - bundles AS graphkpi, GkElement, GkAgency, GkArea, GkKpi, GkProject, GkFinding, CASCADES_TO, CONTRIBUTES_TO, OWNED_BY, PART_OF,
       LOCATED_IN, IN_AREA, WITHIN, LEADS, MEASURES, RESPONSIBLE_FOR, GkBudgetLine, FUNDS
