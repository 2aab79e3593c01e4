"""graphkpi's Cypher: every query the Neo4j backend runs, one file per query.

Installed as the package ``graphkpi.cypher`` (see ``pyproject.toml``), read with
``importlib.resources``. Every value reaches a query as a parameter (``$name``); labels and
relationship types are fixed here, never taken from input.

- ``checks/GKxxx.cypher``: one check per finding code, returning ``subject``, ``related``,
  ``kind`` and ``details`` rows that become findings exactly as the NetworkX backend's. GK0xx
  have none: ``graphkpi load`` computes them from the bundle and stores them as
  ``(:GkFinding)`` nodes, which ``backend/stored_findings.cypher`` reads.
- ``load/*.cypher``: schema and the ``UNWIND`` batches of ``graphkpi load``.
- ``queries/*.cypher``: planner questions for ``graphkpi query``, given ``$lang`` and ``$years``
  (``be``/``ce``) as every other command's language and era; a ``// must exist: $NAME Label`` line
  makes an id that names no such node an error instead of an empty answer.
"""
