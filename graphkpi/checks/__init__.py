"""Graph checks, one module per family; each code documented once in ``graphkpi/messages/findings.json``."""

from graphkpi.checks.registry import catalog, implementations, lookup, select_codes
from graphkpi.checks.run import CheckOptions, run_checks

__all__ = ["CheckOptions", "catalog", "implementations", "lookup", "run_checks", "select_codes"]
