"""The one way tests run the CLI: in-process (typer's runner) or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from microcred.cli import app

_runner = CliRunner()

# The export samples live in ../shared/datasets beside the repository (in CI too);
# MICROCRED_DATASETS points elsewhere. A fresh clone has none: tests that need them skip,
# unless MICROCRED_REQUIRE_DATASETS is set (CI sets it), when their absence is a failure.
DATASETS = Path(
    os.environ.get("MICROCRED_DATASETS", Path(__file__).resolve().parents[2] / "shared" / "datasets")
)


def run(*args: str, env: dict[str, str] | None = None, obj: Any = None, **kwargs: Any) -> Result:
    """The CLI in this process, with stdout and stderr apart; `obj` injects an Environment."""
    return _runner.invoke(app, list(args), env=env, obj=obj, **kwargs)


def run_process(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The CLI as a real process (signals, closed streams, encodings, the entry point)."""
    return subprocess.run(
        [sys.executable, "-m", "microcred", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        **kwargs,
    )


def dataset(name: str) -> Path:
    """A sample export, or a skip (a failure where CI requires the samples)."""
    import pytest

    path = DATASETS / name
    if not path.exists():
        if os.environ.get("MICROCRED_REQUIRE_DATASETS"):
            pytest.fail(f"{path} is missing and MICROCRED_REQUIRE_DATASETS is set")
        pytest.skip(f"sample exports not found at {DATASETS} (../shared/datasets beside the repo)")
    return path


def run_list(args: list[str], **kwargs: Any) -> Result:
    return run(*args, **kwargs)
