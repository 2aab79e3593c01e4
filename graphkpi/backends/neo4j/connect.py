"""Open a driver and prove the server answers, turning driver errors into clear messages."""

from __future__ import annotations

import logging

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, Neo4jError, ServiceUnavailable

from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j.config import Neo4jConfig, redact

# The driver logs its own warnings (a connection dropped by Ctrl-C: "RESET received IGNORED"); without a
# handler Python prints them raw on stderr. What matters reaches the user as an error in their language.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def open_driver(cfg: Neo4jConfig, timeout: float = 10.0) -> Driver:
    """A connected driver, or :class:`BackendError` saying what failed (no password in it)."""
    problem = cfg.uri_problem()
    if problem is not None:
        raise BackendError("bad_uri", uri=repr(redact(cfg.uri)), reason=problem)
    try:
        driver = GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password), connection_timeout=timeout,
                                      max_transaction_retry_time=30.0, notifications_min_severity="OFF")
    except (ValueError, ConfigurationError) as exc:
        raise BackendError("bad_uri", uri=repr(redact(cfg.uri)), reason=redact(str(exc))) from None
    try:
        driver.verify_connectivity()
        with driver.session(database=cfg.database) as session:
            session.run("RETURN 1").consume()
    except ServiceUnavailable as exc:
        driver.close()
        raise BackendError("unreachable", uri=redact(cfg.uri), reason=redact(str(exc))) from None
    except ClientError as exc:   # AuthError among them
        driver.close()
        code = exc.code or ""
        if "RateLimit" in code:   # whichever class the driver gives it
            raise BackendError("login_rate_limit", where=cfg.describe()) from None
        if isinstance(exc, AuthError):
            raise BackendError("login", where=cfg.describe()) from None
        if code.endswith("DatabaseNotFound"):
            raise BackendError("no_database", where=cfg.describe(), database=repr(cfg.database)) from None
        if cfg.database.lower() == "system":   # Neo4j's own catalogue, not a graph a bundle is loaded into
            raise BackendError("system_database", where=cfg.describe()) from None
        raise BackendError("server", where=cfg.describe(), reason=exc.message) from None
    except (Neo4jError, OSError) as exc:
        driver.close()
        raise BackendError("server", where=cfg.describe(), reason=exc) from None
    return driver
