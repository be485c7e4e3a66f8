"""Shared fixtures: no test touches the home directory; a small made-up catalog for exact figures."""

from __future__ import annotations

from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MICROCRED_HOME", str(home))
    monkeypatch.delenv("MICROCRED_CATALOG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Use the small test catalog instead of the bundled one."""
    monkeypatch.setenv("MICROCRED_CATALOG", str(MINI))
    return MINI


@pytest.fixture(scope="session")
def mini_catalog():
    from microcred import catalog

    return catalog.load(bundled=MINI)
