"""A click group that imports a command's module only when that command runs or shows its help.

Why: the commands need pandas, pyarrow, networkx, scipy, pyvis, jinja2, neo4j…; importing them
all to print ``graphkpi --help`` cost 1–3 s. The group's own ``--help`` lists each command with
the summary written next to it in the command table, so listing imports nothing; a test keeps
each summary equal to the first paragraph of the command's docstring.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import click

from graphkpi.cli.clicktext import current, gettext, language, speaking
from graphkpi.cli.helptext import localised, say, shorten, speak_help
from graphkpi.render.text import width

EXIT_INTERRUPTED = 130   # the shell's code for a command stopped by SIGINT (Ctrl-C), not 1 (findings)


def _from_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while a KeyboardInterrupt was being handled."""
    seen: BaseException | None = exc.__context__
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__context__
    return False


def _interrupted(ctx: click.Context) -> None:
    """Ctrl-C: one line in the user's language (a load says its graph is left incomplete), exit 130;
    no traceback, and not click's "Aborted!" with exit 1, which reads as findings found."""
    from graphkpi.render.i18n import t

    lang = current()
    text = t("interrupted_load" if ctx.invoked_subcommand == "load" else "interrupted", lang)
    click.echo(f"\n{t('error', lang)}: {text}", err=True)
    raise SystemExit(EXIT_INTERRUPTED)


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (``module:attribute``) and its one-line summary for the group's help."""

    target: str
    summary: str

    def load(self) -> click.Command:
        module, _, attr = self.target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


_paused = False   # whether collections are off while the command's modules import


def pause_collection() -> None:
    """Turn the garbage collector off until the command is found (:func:`resume_collection`):
    importing pandas, pyarrow and networkx makes a few hundred thousand objects, over which it
    ran two full collections (0.04 s) before the command began."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collections on again, when :func:`pause_collection` turned them off: what the imports
    made is frozen first, so no collection goes through it again (nor, in a forked check
    process, touches and so copies its pages)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


class LazyGroup(click.Group):
    """A group whose commands are named in ``lazy`` and imported on first use."""

    def __init__(self, *args: Any, lazy: Mapping[str, LazyCommand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command line with click's own messages (usage errors) in the language its
        ``--lang`` asks for, Thai by default (``clicktext``)."""
        with speaking(language(list(sys.argv[1:] if args is None else args))):
            return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; bad input found after the load (a bundle file changed while the names
        it shows were read back from it, :mod:`graphkpi.load.deferred`) is reported like any bad
        input: every problem, exit code 2, nothing written. The error's class is looked up only
        once it is raised: importing the loader here would cost ``--help`` pandas."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted(ctx)
        except Exception as exc:
            if _from_interrupt(exc):   # a library failing while Ctrl-C unwound it (the driver's buffers)
                _interrupted(ctx)
            errors = sys.modules.get("graphkpi.load.errors")
            if errors is None or not isinstance(exc, errors.BundleError):
                raise
            from graphkpi.cli.support import EXIT_BAD_INPUT, report_problems

            report_problems(exc, current())
            raise SystemExit(EXIT_BAD_INPUT) from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                            list[str]]:
        """click's, with the nearest command named for a mistyped one (``orphan``: orphans)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            import difflib

            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.7)
            family = self.families().get(name.lower(), [])   # a family's name (accountability): its commands
            if near or family:
                ctx.fail(gettext("No such command {name!r}.").format(name=name) + " "
                         + gettext("Did you mean {possibility}?").format(possibility=", ".join(near or family)))
        found = super().resolve_command(ctx, args)
        resume_collection()   # the command's module is imported
        return found

    def families(self) -> dict[str, list[str]]:
        """The commands of each module (``accountability``: lead-gaps, kpis, matrix), by its name:
        the README's sections are named so, and a reader may type one as a command."""
        out: dict[str, list[str]] = {}
        for name, command in self.lazy.items():
            module = command.target.partition(":")[0].rsplit(".", 1)[-1]
            if module not in self.lazy:
                out.setdefault(module, []).append(name)
        return out

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            self.add_command(self.lazy[cmd_name].load(), cmd_name)
        command = super().get_command(ctx, cmd_name)
        return None if command is None else speak_help(command)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's help in the run's language (``helptext``)."""
        with localised(self, current(), ctx):
            super().format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from the summaries, importing no command module.

        Each summary is cut to the line by the columns it takes, not its characters (Thai vowel
        and tone marks take none), and written on one line: click's own list would measure
        characters and wrap a Thai summary cut that way."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None and loaded.hidden:
                continue
            summary = say(self.lazy[name].summary, current()) or ""
            rows.append((name, shorten(summary, limit) if width(summary) != len(summary)
                         else click.Command(name, help=summary).get_short_help_str(limit)))
        first = max(len(name) for name, _ in rows)
        with formatter.section(gettext("Commands")):
            for name, text in rows:
                formatter.write(f"{'':>{formatter.current_indent}}{name:<{first}}  {text}\n")
