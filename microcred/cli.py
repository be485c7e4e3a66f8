"""The Typer app: registers the commands and turns expected errors into exit codes.

Nothing heavy is imported here: each command imports the core it needs when it runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .commands.common import not_empty
from .errors import ExitCode, MicrocredError, WriteError, cause

# Click's own flow (usage errors, --help): typer re-exports click's BadParameter, whose base is
# ClickException in every typer this runs on (0.28 vendors click, older ones use click itself).
_CLICK_FLOW: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

if TYPE_CHECKING:
    from .env import Environment


class _Group(TyperGroup):
    """Every command runs through here, and every way it can end becomes one exit code:
    a MicrocredError its own (`Error: …`), a reader gone away 0, a refused write 74, Ctrl-C
    130, and anything unexpected 70 with one line saying where its report was written."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from .commands.common import environment, say

        try:
            return super().invoke(ctx)
        except MicrocredError as exc:
            env = environment(ctx)
            if isinstance(exc, WriteError):
                _quiet_stdout(env)
            say(env, f"Error: {exc.message}")
            if exc.hint:
                say(env, f"Hint: {exc.hint}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted.\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # A reader that stopped early (`| head`, `| true`) is not an error of ours, whatever
            # the format: exit 0, and let nothing try that pipe again at exit.
            _quiet_stdout(environment(ctx))
            raise typer.Exit(int(ExitCode.OK)) from None
        except (typer.Exit, typer.Abort, _CLICK_FLOW):
            raise  # click's own flow: --help, usage errors, exits
        except OSError as exc:
            # The system refused something no code path named: still one line, with the path.
            env = environment(ctx)
            _quiet_stdout(env)
            say(env, f"Error: {exc.filename}: {cause(exc)}" if exc.filename else f"Error: {cause(exc)}")
            raise typer.Exit(int(ExitCode.IO)) from None
        except Exception as exc:
            from . import crash
            from .present import words

            env = environment(ctx)
            say(env, "Error: " + words.crash(crash.record(exc, env.cache, sys.argv)))
            raise typer.Exit(int(ExitCode.BUG)) from None


def _quiet_stdout(env: Environment) -> None:
    """Point the process's stdout at /dev/null once a write to it failed: Python flushes it
    again at exit, and that second failure would print a traceback of its own."""
    if env.stdout is not sys.stdout or sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's stream): nothing to protect
        pass


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
        list[str] | None,
        typer.Option(
            "--data",
            help="A directory of your own catalog files, merged over the bundled catalog (repeatable).",
            callback=not_empty,
        ),
    ] = None,
) -> None:
    from .commands.common import environment

    environment(ctx).extra_data.extend(Path(d) for d in data or [])


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
