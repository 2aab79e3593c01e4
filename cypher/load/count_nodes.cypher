// How many graphkpi nodes the database holds (other data is never counted or touched).
MATCH (n:Graphkpi) RETURN count(n) AS n
