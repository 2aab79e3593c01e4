"""An independent labelled evaluation of GK301, and a national-scale title vocabulary.

Written apart from the matcher (graphkpi/text, graphkpi/checks/duplicates.py) and from the
generator's vocabulary (graphkpi/synth): its own word list (``words.toml``, read by
``words.py``), titles built from slots (``titles.py``), a labelled bundle (``labelled.py``),
scoring of GK301 findings (``score.py``) and the rewrite of a generated 10⁶ bundle's titles
(``national.py``). tests/benchmarks/test_dupeval_apart.py checks that it imports nothing from
the matcher or the generator's vocabulary and shares no phrase with their lists.

Run ``python benchmarks/eval_duplicates_independent.py`` (labelled evaluation) and
``python benchmarks/bench_gk301_scale.py`` (10⁵ and 10⁶ projects).
"""
