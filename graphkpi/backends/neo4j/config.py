"""Connection settings: from options, else NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_URI = "bolt://127.0.0.1:7687"


@dataclass(frozen=True)
class Neo4jConfig:
    """Where and as whom to connect. The password never appears in ``repr`` or messages."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> Neo4jConfig:
        """Explicit values win; the environment fills the rest; then the defaults."""
        env = os.environ
        return cls(uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
                   user=user or env.get("NEO4J_USER") or "neo4j",
                   password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
                   database=database or env.get("NEO4J_DATABASE") or "neo4j")

    def describe(self) -> str:
        """For messages: URI, user and database, never the password."""
        return f"{self.uri} (user {self.user}, database {self.database})"
