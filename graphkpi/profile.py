"""Level grammars (profiles) loaded from TOML at run time.

The grammar is data so that another results framework is a new file, not new code:
checks ask the profile which levels are roots, which parent levels are allowed, and
which level plays the role of sub-target, value-chain factor or area target.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from graphkpi.messages import Msg

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_PROFILE = "th-xyz"
PROJECT_LEVEL = "project"


class ProfileError(ValueError):
    """A profile that cannot be used: its message in the catalogue (``args[0]``, a :class:`Msg`), said
    in the reader's language by the CLI; ``str()`` is the English text."""

    def __str__(self) -> str:
        return self.args[0].text("en")


@dataclass(frozen=True)
class Level:
    """One level of the grammar: its allowed parents, labels and (for area plans) area level."""

    name: str
    parents: frozenset[str]
    label: str
    label_en: str
    symbol: str
    area: str | None
    order: int


@dataclass(frozen=True)
class Profile:
    """A parsed level grammar."""

    name: str
    title: str
    title_en: str
    levels: dict[str, Level]
    roots: frozenset[str]
    project_parents: frozenset[str]
    target_level: str
    factor_level: str
    integrated_level: str
    lead_required: frozenset[str]
    target_plan_level: str = ""   # the plan a sub-target belongs to (sub_plan): GK404 compares its lead too
    source: str = ""              # what --profile loads it by again: a shipped name, or the file's path

    def allows(self, child_level: str, parent_level: str) -> bool:
        """Whether ``child_level`` may cascade into ``parent_level`` (``project`` for projects)."""
        if child_level == PROJECT_LEVEL:
            return parent_level in self.project_parents
        level = self.levels.get(child_level)
        return level is not None and parent_level in level.parents

    @property
    def area_levels(self) -> dict[str, str]:
        """Element level -> the area level (province, cluster, region) its ``area`` names."""
        return {lv.name: lv.area for lv in self.levels.values() if lv.area}

    def label(self, level: str, lang: str = "th") -> str:
        lv = self.levels.get(level)
        if lv is None:
            return level
        return lv.label if lang == "th" else lv.label_en

    def level_named(self, written: str) -> str | None:
        """The level ``written`` names by another spelling: its key in other case (``Sub_Target``),
        or its Thai or English label (``เป้าหมายแผนแม่บทย่อย``). None for a key as written, or a
        spelling no level or several levels answer to."""
        key = " ".join(str(written).split()).casefold()
        hits = {lv.name for lv in self.levels.values()
                if key in (lv.name.casefold(), " ".join(lv.label.split()).casefold(),
                           " ".join(lv.label_en.split()).casefold())}
        return next(iter(hits)) if len(hits) == 1 and written not in hits else None


def _parse(data: dict, origin: str) -> Profile:
    try:
        levels = {
            name: Level(
                name=name,
                parents=frozenset(spec.get("parents", [])),
                label=spec.get("label", name),
                label_en=spec.get("label_en", name),
                symbol=spec.get("symbol", ""),
                area=spec.get("area"),
                order=i,
            )
            for i, (name, spec) in enumerate(data["levels"].items())
        }
        roles = data.get("roles", {})
        profile = Profile(
            name=data["name"],
            title=data.get("title", data["name"]),
            title_en=data.get("title_en", data["name"]),
            levels=levels,
            roots=frozenset(data["roots"]),
            project_parents=frozenset(data["project_parents"]),
            target_level=roles.get("target", ""),
            factor_level=roles.get("factor", ""),
            integrated_level=roles.get("integrated_plan", ""),
            lead_required=frozenset(roles.get("lead_required", [])),
            target_plan_level=roles.get("target_plan", ""),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ProfileError(Msg.of("ui.profile_malformed", origin=origin, what=repr(exc))) from exc
    unknown = {p for lv in levels.values() for p in lv.parents} | profile.roots | profile.project_parents
    unknown -= set(levels)
    if unknown:
        raise ProfileError(Msg.of("ui.profile_undefined_levels", origin=origin, levels=", ".join(sorted(unknown))))
    return profile


@cache
def load_profile(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """Load a shipped profile by name (``th-xyz``) or any profile file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return replace(_parse(tomllib.loads(path.read_text(encoding="utf-8")), str(path)), source=str(path))
    res = resources.files("graphkpi.profiles").joinpath(f"{name_or_path}.toml")
    if not res.is_file():
        shipped = ", ".join(sorted(p.name[:-5] for p in resources.files("graphkpi.profiles").iterdir()
                                   if p.name.endswith(".toml")))
        if path.suffix == ".toml":   # meant as a file: say it is not there
            raise ProfileError(Msg.of("ui.profile_file_missing", path=name_or_path, shipped=shipped))
        raise ProfileError(Msg.of("ui.profile_unknown", name=repr(name_or_path), shipped=shipped))
    shipped_profile = _parse(tomllib.loads(res.read_text(encoding="utf-8")), f"profile {name_or_path}")
    return replace(shipped_profile, source=name_or_path)
