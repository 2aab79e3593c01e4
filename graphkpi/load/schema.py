"""The bundle's files and their required columns, from the data contract."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    """One bundle file: which columns it must have and which column holds its unique id."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    id_column: str | None = "id"
    mandatory: bool = False

    @property
    def sheet(self) -> str:
        return self.name.removesuffix(".csv")


FILES: dict[str, FileSpec] = {
    spec.sheet: spec
    for spec in (
        FileSpec("elements.csv", ("id", "level", "name"),
                 ("name_en", "parents", "area", "valid_from", "valid_to", "replaced_by"), mandatory=True),
        FileSpec("projects.csv", ("id", "name", "agency", "fiscal_year"),
                 ("budget", "provinces", "objective", "status", "links"), mandatory=True),
        FileSpec("agencies.csv", ("id", "name"), ("name_en", "abbr", "ministry", "kind")),
        FileSpec("project_links.csv", ("project", "element"), id_column=None),
        FileSpec("leads.csv", ("element", "agency"), ("role",), id_column=None),
        FileSpec("kpis.csv", ("id", "name", "element"),
                 ("unit", "baseline", "target", "plan_target", "direction", "year", "class", "shortfall_reason")),
        FileSpec("kpi_agencies.csv", ("kpi", "agency"), ("role", "measured"), id_column=None),
        FileSpec("areas.csv", ("id", "level", "name"), ("name_en", "parent")),
        # one row per line of the budget system (e-Budgeting, GFMIS); keyed by (code, fiscal_year)
        FileSpec("budget_lines.csv", ("code", "project", "fiscal_year", "amount"), ("disbursed",), id_column=None),
    )
}

AREA_LEVELS = ("province", "cluster", "region")
NATIONAL = "national"
