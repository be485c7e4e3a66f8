"""Loading and validation: every kind of problem names its file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from microcred import catalog
from microcred.errors import DataError

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def load_with(tmp_path: Path, name: str) -> DataError:
    user = tmp_path / "user"
    user.mkdir()
    shutil.copy(BROKEN / name, user / name)
    with pytest.raises(DataError) as info:
        catalog.load([user], bundled=Path(__file__).parent / "fixtures" / "mini")
    return info.value


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unknown-field.yaml", ":10: colour: unknown field"),
        ("wrong-type.yaml", ":11: effort.hours_per_week: expected a number, got str 'five'"),
        ("missing-field.yaml", ":1: title: missing required field"),
        ("duplicate-key.yaml", ":10: level: duplicate key (first on line 9)"),
        ("duplicate-id.yaml", ":15: id: duplicate 'broken-one' (first at "),
        ("unknown-platform.yaml", ":3: platform: unknown platform 'alpah' (did you mean: alpha"),
        ("unknown-currency.yaml", ":10: price: unknown currency 'XYZ'"),
        ("negative-money.yaml", ":10: cost.price.amount: must not be negative, got -5"),
        ("bad-date.yaml", ":14: as_of: expected a date (YYYY-MM-DD), got str '2022-13-45'"),
        ("future-date.yaml", ":14: as_of: 2099-01-01 is in the future"),
        ("unknown-field-id.yaml", ":7: fields: unknown field 'data-sciense' (did you mean: data-science"),
        ("bad-url.yaml", ":12: url: 'ftp://example.org/p' is not an https URL"),
        ("python-tag.yaml", ":1: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ],
)
def test_each_problem_names_file_line_and_field(tmp_path, name, expected):
    error = load_with(tmp_path, name)
    matching = [p for p in error.problems if expected in p]
    assert matching, error.problems
    assert matching[0].startswith(str(tmp_path / "user" / name) + ":")


def test_all_problems_are_reported_at_once(tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    for name in ("unknown-field.yaml", "bad-url.yaml"):
        text = (BROKEN / name).read_text().replace("broken-one", name.removesuffix(".yaml"))
        (user / name).write_text(text)
    with pytest.raises(DataError) as info:
        catalog.load([user], bundled=Path(__file__).parent / "fixtures" / "mini")
    assert len(info.value.problems) == 2


def test_user_record_overrides_bundled_and_is_marked(tmp_path, mini_catalog):
    user = tmp_path / "user"
    user.mkdir()
    text = (BROKEN / "unknown-field.yaml").read_text().replace("  colour: red\n", "")
    (user / "mine.yaml").write_text(text.replace("broken-one", "alpha-python"))
    loaded = catalog.load([user], bundled=Path(__file__).parent / "fixtures" / "mini")
    assert loaded.programs["alpha-python"].title == "A broken program"
    assert loaded.programs["alpha-python"].user is True
    assert mini_catalog.programs["alpha-python"].user is False
    assert len(loaded.programs) == len(mini_catalog.programs)


def test_mini_catalog_loads(mini_catalog):
    assert sorted(mini_catalog.platforms) == ["alpha", "beta"]
    assert mini_catalog.programs["beta-tinyml"].cost.price.amount == 537
