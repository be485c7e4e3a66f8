"""docs/DATA.md's field tables are the schema's own: a field added to a record kind shows here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from microcred import models, schema

DOC = (Path(__file__).parents[1] / "docs" / "DATA.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "cls",
    [
        models.Program,
        models.Degree,
        models.Currency,
        models.Platform,
        models.Term,
        models.Career,
        models.FieldOfStudy,
    ],
)
def test_docs_field_table_matches_the_schema(cls):
    match = re.search(rf"<!-- fields:{cls.__name__} -->\n(.*?)\n<!-- /fields -->", DOC, re.S)
    assert match, f"docs/DATA.md has no field table for {cls.__name__}"
    assert match.group(1) == schema.field_table(cls), "regenerate with: python scripts/data_docs.py"


def test_every_file_kind_is_documented():
    for kind in models.KINDS.values():
        assert f"`{kind.name}.yaml`" in DOC or kind.name == "programs"


def test_codec_round_trips_every_bundled_record():
    from microcred import catalog

    loaded = catalog.load()
    for kind in models.KINDS.values():
        for record in getattr(loaded, kind.name).values():
            assert schema.decode(kind.record, schema.encode(record)) == record
