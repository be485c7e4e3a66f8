"""The bundled catalog is package data: present in a built wheel and usable once installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_catalog_and_runs_installed(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("microcred-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "microcred" / "data").rglob("*.yaml"))
    assert bundled and set(bundled) <= set(names)

    # Install the wheel alone into a directory and run it from there (dependencies come from
    # this interpreter), far from the source tree.
    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    # A read-only install: nothing may be written there (checked by listing it: permission bits
    # alone do not stop root, who runs CI). Python's own __pycache__ is not microcred's doing.
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    before = {p for p in target.rglob("*") if "__pycache__" not in p.parts}
    env = {**os.environ, "PYTHONPATH": str(target), "MICROCRED_HOME": str(tmp_path / "home")}
    env.pop("MICROCRED_CATALOG", None)
    done = subprocess.run(
        [sys.executable, "-m", "microcred", "show", "harvardx-data-science", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total_cost"] == {"amount": 793.0, "currency": "USD"}
    where = subprocess.run(
        [sys.executable, "-c", "import microcred, sys; sys.stdout.write(microcred.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert where.stdout.startswith(str(target))
    assert {p for p in target.rglob("*") if "__pycache__" not in p.parts} == before
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)  # let pytest clean up
