"""Bundle loading: files → validated tables → :class:`graphkpi.graph.PlanGraph`.

``load_bundle``, ``BundleError`` and ``Problem`` are imported on first use, so that importing a
module of this package imports only that module: :mod:`graphkpi.load.prefetch` is imported
before the command's modules, and must not pull in pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkpi.load.bundle import load_bundle
    from graphkpi.load.errors import BundleError, Problem

__all__ = ["BundleError", "Problem", "load_bundle"]
_HOMES = {"load_bundle": "graphkpi.load.bundle", "BundleError": "graphkpi.load.errors",
          "Problem": "graphkpi.load.errors"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
