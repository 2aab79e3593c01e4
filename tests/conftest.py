"""Shared helpers: write a bundle from a dict of CSV texts, run the CLI, load fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"


def write_bundle(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture
def bundle(tmp_path: Path):
    """``bundle({...})`` writes the files into a fresh folder and returns its path."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes]) -> Path:
        return write_bundle(tmp_path / f"b{next(counter)}", files)

    return make


@pytest.fixture
def long_cells(monkeypatch):
    """Cells beyond the input limit (32,767 characters), loaded as by a user who raised it."""
    monkeypatch.setenv("GRAPHKPI_MAX_CELL_CHARS", "2M")


# A sub-target's first edition (2561–2565) replaced by its revision, and an action target of the
# revision's period that still cascades into the first edition (GK205 on links and on cascades).
PERIOD_ELEMENTS = ("id,level,name,parents,valid_from,valid_to,replaced_by\n"
                   "Z1,strategy,ยุทธศาสตร์ทดสอบ,,,,\nSPX,sub_plan,แผนย่อยทดสอบ,Z1,,,\n"
                   "T1,sub_target,เป้าหมายหนึ่ง (ฉบับปี 2561),SPX,2561,2565,T2\n"
                   "T2,sub_target,เป้าหมายหนึ่ง (ฉบับทบทวน),SPX,2566,2570,\n"
                   "AT1,action_target,เป้าหมายแผนปฏิบัติราชการ,T1,2566,2570,\n")
MINIMAL = {
    "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMPX,master_plan,แผนแม่บท,Z1\n"
                    "SPX,sub_plan,แผนย่อย,MPX\nT1,sub_target,เป้าหมาย,SPX\n",
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,A1,2567,\"1,000\",T1\n",
}


@pytest.fixture(scope="session")
def neo4j_server():
    """(config, driver) of the real Neo4j test server that scripts/test starts.

    Skips with instructions when there is none; fails instead under GRAPHKPI_REQUIRE_NEO4J=1.
    The server is the test server (its own port and data folder): tests replace its graph.
    """
    import os

    from graphkpi.backends.base import BackendError
    from graphkpi.backends.neo4j import Neo4jConfig, open_driver

    uri = os.environ.get("GRAPHKPI_TEST_NEO4J_URI")
    require = os.environ.get("GRAPHKPI_REQUIRE_NEO4J") == "1"
    if not uri:
        msg = ("Neo4j backend tests need a server: run them through scripts/test (which starts one; needs "
               "Java 17 and Maven), or set GRAPHKPI_TEST_NEO4J_URI and GRAPHKPI_TEST_NEO4J_PASSWORD")
        if require:
            pytest.fail("GRAPHKPI_REQUIRE_NEO4J=1 but " + msg)
        pytest.skip(msg)
    cfg = Neo4jConfig(uri=uri, user="neo4j", password=os.environ.get("GRAPHKPI_TEST_NEO4J_PASSWORD", ""))
    try:
        driver = open_driver(cfg)
    except BackendError as exc:
        if require:
            pytest.fail(f"GRAPHKPI_REQUIRE_NEO4J=1 but the test server does not answer: {exc}")
        pytest.skip(f"Neo4j test server does not answer: {exc}")
    yield cfg, driver
    driver.close()


@pytest.fixture
def env(neo4j_server) -> dict[str, str]:
    """The test server's connection as the NEO4J_* variables a user would export."""
    cfg, _ = neo4j_server
    return {"NEO4J_URI": cfg.uri, "NEO4J_USER": cfg.user, "NEO4J_PASSWORD": cfg.password,
            "NEO4J_DATABASE": cfg.database}


def neo4j_run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process with ``env``: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from graphkpi.cli import main

    result = CliRunner(env=env).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr
