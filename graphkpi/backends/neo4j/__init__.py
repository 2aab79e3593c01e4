"""The Neo4j backend: the plan graph in a Neo4j 5 server, every check a Cypher query.

``load`` writes a :class:`~graphkpi.graph.PlanGraph` into the database; :class:`Neo4jBackend`
runs ``cypher/checks/GKxxx.cypher`` and turns the rows into the same findings the NetworkX
backend produces.
"""

from graphkpi.backends.neo4j.backend import Neo4jBackend
from graphkpi.backends.neo4j.config import Neo4jConfig
from graphkpi.backends.neo4j.connect import open_driver
from graphkpi.backends.neo4j.load import LoadStats, load_graph

__all__ = ["LoadStats", "Neo4jBackend", "Neo4jConfig", "load_graph", "open_driver"]
