"""Backends: where the plan graph lives and how checks run on it.

``networkx`` (the embedded default) keeps the bundle in memory; ``neo4j`` keeps it in a Neo4j
server and runs each check as Cypher. Both give the same findings (tests/backends/neo4j/test_neo4j_parity.py).
"""
