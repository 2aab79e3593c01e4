"""Bundle loading: files → validated tables → :class:`graphkpi.graph.PlanGraph`."""

from graphkpi.load.bundle import load_bundle
from graphkpi.load.errors import BundleError, Problem

__all__ = ["BundleError", "Problem", "load_bundle"]
