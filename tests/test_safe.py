"""Text from data is inert in every format: no control or format character reaches the output
(issue 16 #9: the soft hyphen, U+061C, U+180E, U+206A-206F, U+FFF9-FFFB and the tag block
passed before)."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.env import Environment
from microcred.present import Column, View, emit
from microcred.present.safe import UNSAFE, safe, safe_line

MINI = Path(__file__).parent / "fixtures" / "mini"
FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
NAMED = ["\u00ad", "\u061c", "\u180e", *map(chr, range(0x206A, 0x2070)), "\ufff9", "\ufffa", "\ufffb"]
TAGS = [chr(c) for c in range(0xE0000, 0xE0080)]


def test_every_format_character_of_this_unicode_database_is_unsafe():
    missed = [f"U+{ord(c):04X}" for c in FORMAT_CHARACTERS if not UNSAFE.fullmatch(c)]
    assert missed == [], f"Unicode {unicodedata.unidata_version}"
    assert all(UNSAFE.fullmatch(c) for c in NAMED + TAGS)
    controls = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"]
    assert [c for c in controls if not UNSAFE.fullmatch(c)] == ["\t", "\n"]  # safe_line escapes those


def test_ordinary_text_is_left_alone():
    text = "Café — 東京 · naïve ✓ 😀 e\u0301"
    assert safe(text) == text
    assert safe_line("a\tb\nc") == "a\\tb\\nc"
    assert safe("\U000e0041\u00ad") == "\\U000e0041\\xad"


def _render_all(values: list[str]) -> dict[str, str]:
    view = View(
        [Column("text", "Text", lambda v: v), Column("other", "Other", lambda v: v, table=False)],
        values,
        [{"text": v} for v in values],
        title=values[0] if values else None,
        notes=list(values),
    )
    out: dict[str, str] = {}
    for fmt in ("table", "csv", "md", "json"):
        stdout, stderr = io.StringIO(), io.StringIO()
        emit(view, fmt, Environment(stdout=stdout, stderr=stderr))
        out[fmt] = stdout.getvalue() + stderr.getvalue()
    return out


def _assert_inert(out: dict[str, str], values: list[str]) -> None:
    for fmt, text in out.items():
        hidden = [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cf", "Cs", "Zl", "Zp")]
        kept = "\n\t" if fmt == "csv" else "\n"  # a tab in a CSV cell is data, not a hidden effect
        controls = [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc" and c not in kept]
        assert hidden == [] and controls == [], fmt
    assert [row["text"] for row in json.loads(out["json"])] == values  # JSON still means the same


@pytest.mark.parametrize("char", NAMED + TAGS[:3] + ["\U000e007f", "\u202e", "\x1b"])
def test_each_named_character_is_escaped_in_every_format(char):
    value = f"a{char}b"
    _assert_inert(_render_all([value]), [value])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(
            st.one_of(
                st.sampled_from(FORMAT_CHARACTERS),
                st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp", "Lo", "Mn", "So")),
                st.characters(),
            ),
            min_size=1,
            max_size=30,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_no_format_or_control_character_survives_any_format(values):
    values = [v for v in values if not any("\ud800" <= c <= "\udfff" for c in v)] or ["x"]
    _assert_inert(_render_all(values), values)


def test_format_characters_in_a_catalog_file_reach_no_output(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROCRED_CATALOG", str(MINI))
    hidden = "".join(NAMED) + "\U000e0041\U000e007f"
    text = (MINI / "programs" / "mini.yaml").read_text()
    start = text.index("- id: beta-tinyml")
    record = text[start : text.index("\n- id:", start)]
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in hidden)
    title = f'"Tiny{escaped}ML"'  # YAML's own escapes
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "p.yaml").write_text(record.replace("Tiny Machine Learning (TinyML)", title) + "\n")
    for fmt in ("table", "csv", "md", "json"):
        result = run("--data", str(mine), "search", "tinyml", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert not [c for c in result.stdout if unicodedata.category(c) == "Cf"], fmt
    shown = run("--data", str(mine), "show", "beta-tinyml", "--json")
    assert json.loads(shown.stdout)["title"] == f"Tiny{hidden}ML"
