"""graphkpi: does a government's work serve its plans?

Load a plan bundle (the national strategy down to projects) into a graph and run checks
that find orphan projects, broken X→Y→Z chains, duplicated work and lead-agency gaps.
"""

from graphkpi.model import Finding, Severity

__version__ = "0.1.0"
__all__ = ["Finding", "Severity", "__version__"]
