"""The Typer app: registers the commands and turns expected errors into exit codes.

Nothing heavy is imported here: each command imports the core it needs when it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .errors import ExitCode, MicrocredError


class _Group(TyperGroup):
    """Every command runs through here: a MicrocredError becomes `Error: …` and its exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MicrocredError as exc:
            from .commands.common import environment, say

            env = environment(ctx)
            say(env, f"Error: {exc.message}")
            if exc.hint:
                say(env, f"Hint: {exc.hint}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted.\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # A reader that stopped early (`| head`) is not an error of ours.
            sys.stderr.close()
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=_Group,
    name="microcred",
    help="Choose a micro-credential: what exists, what it really costs against a degree, what to take.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and plain usage errors: a one-line "Error: ..." and no Rich import at start-up.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"microcred {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _global(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Print the version and exit.", is_eager=True, callback=_version),
    ] = False,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="A directory of your own catalog files, merged over the bundled catalog (repeatable).",
        ),
    ] = None,
) -> None:
    from .commands.common import environment

    environment(ctx).extra_data.extend(data or [])


def _register() -> None:
    from .commands import catalog_views, compare, data, plan, recommend, search, show

    app.command("search")(search.search)
    app.command("show")(show.show)
    app.command("platforms")(catalog_views.platforms)
    app.command("degrees")(catalog_views.degrees)
    app.command("explain")(catalog_views.explain)
    app.command("compare")(compare.compare)
    app.command("recommend")(recommend.recommend)
    app.command("plan")(plan.plan)
    app.command("choices")(catalog_views.choices)
    app.add_typer(data.app, name="data")


_register()


def main() -> None:
    """The console script: `microcred …` and `python -m microcred …`."""
    app(prog_name="microcred")
