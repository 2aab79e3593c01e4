"""Connection settings: from options, else NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from graphkpi.messages import Msg

DEFAULT_URI = "bolt://127.0.0.1:7687"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_USERINFO = re.compile(r"(?<=://)([^/@:]*)(?::[^/]*)?@")


def redact(text: str) -> str:
    """``bolt://user:secret@host`` → ``bolt://user:***@host``, wherever a URI appears in ``text``."""
    return _USERINFO.sub(lambda m: f"{m.group(1)}:***@", text)


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
        return f"{redact(self.uri)} (user {self.user}, database {self.database})"

    def uri_problem(self) -> Msg | None:
        """Why the URI cannot be used, checked before the driver sees it."""
        scheme = self.uri.partition("://")[0].lower() if "://" in self.uri else ""
        if scheme not in SCHEMES:
            return Msg.of("backend.uri_scheme", schemes=", ".join(s + "://" for s in SCHEMES))
        if _USERINFO.search(self.uri):
            return Msg.of("backend.uri_userinfo")
        return None
