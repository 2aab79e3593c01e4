"""``graphkpi generate``: a synthetic national-scale bundle for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from graphkpi.cli.options import lang_option
from graphkpi.cli.support import output_errors
from graphkpi.outputs import check_new_folder, check_output


@click.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--projects", "n_projects", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Number of projects.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same bundle).")
@click.option("--quiet", "-q", is_flag=True, help="No progress notes on stderr.")
@lang_option
def generate(outdir: Path, n_projects: int, seed: int, quiet: bool, lang: str) -> None:
    """Write a synthetic national-scale bundle with planted defects of every kind to OUTDIR.

    OUTDIR must be a new or empty folder."""
    from graphkpi.synth import generate_bundle

    note = (lambda _m: None) if quiet else (lambda m: click.echo(m, err=True))
    with output_errors(lang):
        check_output(outdir / "projects.csv")  # before minutes of work: OUTDIR under a file, no permission…
        check_new_folder(outdir, "bundle_folder_in_use")   # a bundle is never mixed with another's files
        try:
            planted = generate_bundle(outdir, n_projects, seed, progress=note)
        except ValueError as exc:  # too few projects to plant every problem
            raise click.UsageError(str(exc)) from None
    click.echo(f"{outdir}: {n_projects:,} projects (seed {seed}); planted: "
               + ", ".join(f"{c} {len(v)}" for c, v in sorted(planted.items()) if v))
