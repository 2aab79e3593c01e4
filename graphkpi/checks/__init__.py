"""Graph checks, one module per family; each code documented once in ``graphkpi/messages/findings.json``."""

from typing import Any

from graphkpi.checks.registry import catalog, implementations, lookup, select_codes

__all__ = ["CheckOptions", "catalog", "implementations", "lookup", "run_checks", "select_codes"]


def __getattr__(name: str) -> Any:
    # run.py imports the graph (pandas, networkx): only on use, so the catalogue alone
    # (`graphkpi codes`, `explain`) stays light.
    if name in ("CheckOptions", "run_checks"):
        from graphkpi.checks import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
