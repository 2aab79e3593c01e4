"""benchmarks/dupeval stays independent of what it evaluates.

The evaluation only measures something if its titles were not written from the matcher's
lists (graphkpi/text, graphkpi/checks/duplicates.py) or the generator's vocabulary
(graphkpi/synth). Two checks: the evaluation imports none of them (read from the syntax tree,
not by running it), and its word list shares no multi-word phrase with any Thai text those
modules hold. Single words are shared (ส่งเสริม, ผู้สูงอายุ: Thai has one word for them);
``PYTHONPATH=benchmarks python tests/benchmarks/test_dupeval_apart.py`` prints that overlap.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from dupeval.words import load_words
from pythainlp.tokenize import word_tokenize

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = [*sorted((ROOT / "benchmarks" / "dupeval").glob("*.py")),
              ROOT / "benchmarks" / "eval_duplicates_independent.py", ROOT / "benchmarks" / "bench_gk301_scale.py"]
FORBIDDEN = ("graphkpi.text", "graphkpi.checks.duplicates", "graphkpi.synth.vocab", "graphkpi.synth.dupeval")
# Everything the matcher and the generator's vocabulary may hold words in, data files included.
THEIRS = [ROOT / "graphkpi" / "text", ROOT / "graphkpi" / "checks" / "duplicates.py", ROOT / "graphkpi" / "synth"]
THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+(?:[ .]+[\u0E00-\u0E7F]+)*\.?")


def imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, as written (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def _strings(path: Path) -> Iterator[str]:
    """String literals of a module except docstrings; the text of any other file."""
    if path.suffix != ".py":
        yield path.read_text(encoding="utf-8", errors="replace")
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.value


def their_entries() -> set[str]:
    """Each run of Thai text (words joined by spaces or dots) in the matcher's and generator's files."""
    files = [p for base in THEIRS for p in ([base] if base.is_file() else sorted(base.rglob("*")))
             if p.is_file() and p.suffix in {".py", ".txt", ".csv", ".toml", ".json", ".tsv"}]
    return {run.strip() for f in files for s in _strings(f) for run in THAI_RUN.findall(s)}


def _words(text: str) -> list[str]:
    return [t for t in word_tokenize(text, engine="newmm", keep_whitespace=False) if THAI_RUN.fullmatch(t)]


def test_the_evaluation_imports_neither_matcher_nor_generator_vocabulary() -> None:
    assert len(EVALUATION) >= 7
    for path in EVALUATION:
        bad = [m for m in imported(path) if m.startswith(FORBIDDEN)]
        assert not bad, f"{path.name} imports {bad}"


def test_the_import_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from graphkpi.text import words\nimport graphkpi.synth.vocab as V\n", encoding="utf-8")
    assert [m for m in imported(probe) if m.startswith(FORBIDDEN)] == [
        "graphkpi.text", "graphkpi.text.words", "graphkpi.synth.vocab"]


# Phrases the matcher's lists (graphkpi/text/generic.py, slots.py) came to hold AFTER the evaluation was
# written, by an engineer who did not read words.toml: the generic manner phrases, function words,
# activities and boilerplate any list of Thai title generics names. Shared on purpose, and said in
# RESULTS.md: the evaluation's modifier, function-word and activity cases test lists naming these same
# phrases. Any other shared phrase fails; a phrase here that is no longer shared fails too (prune it).
KNOWN_SHARED = frozenset({
    "คัดกรอง", "ปีงบ", "ศึกษาดูงาน", "ศูนย์สุขภาพชุมชน", "อย่างทั่วถึง", "อย่างมีประสิทธิภาพ", "อย่างยั่งยืน",
    "อย่างเป็นระบบ", "แบบครบวงจร", "ให้กับ", "ให้แก่",
})


def test_no_multi_word_phrase_is_shared() -> None:
    theirs = their_entries()
    assert theirs, "the matcher's and generator's files hold no Thai text: the comparison would be empty"
    mine = {p for p in load_words().phrases() if len(_words(p)) > 1}
    assert len(mine) > 100
    shared = set(mine & theirs)
    new, gone = sorted(shared - KNOWN_SHARED), sorted(KNOWN_SHARED - shared)
    assert not new, f"phrases of benchmarks/dupeval/words.toml also in the matcher's or generator's lists: {new}"
    assert not gone, f"no longer shared, remove from KNOWN_SHARED: {gone}"


def single_word_overlap() -> tuple[set[str], set[str]]:
    """The single words of the evaluation's list, and those of them the other lists also use."""
    mine = {w for p in load_words().phrases() for w in _words(p)}
    theirs = {w for e in their_entries() for w in _words(e)}
    return mine, mine & theirs


if __name__ == "__main__":
    mine, shared = single_word_overlap()
    print(f"single words in benchmarks/dupeval/words.toml: {len(mine)}; also in the matcher's or generator's "
          f"files: {len(shared)} ({len(shared) / len(mine):.0%})")
    print(" ".join(sorted(shared)))
