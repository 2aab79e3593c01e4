"""Synthetic bundles: national-scale test data with known, planted problems.

``generate_bundle(outdir, projects, seed)`` writes a contract-conformant bundle and returns
the planted subject ids by finding code (also written as ``planted.json``).
"""

from graphkpi.synth.generate import CODES, Scale, generate_bundle

__all__ = ["CODES", "Scale", "generate_bundle"]
