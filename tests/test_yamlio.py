from __future__ import annotations

import datetime as dt

import pytest

from microcred import yamlio


def test_values_keep_their_lines():
    data = yamlio.parse("- id: a\n  x: 1\n- id: b\n  as_of: 2022-01-14\n")
    assert data == [{"id": "a", "x": 1}, {"id": "b", "as_of": dt.date(2022, 1, 14)}]
    assert data.item_lines == [1, 3]
    assert data[1].line_of("as_of") == 4


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("a: 1\nb: 2\na: 3\n", 3, "a: duplicate key (first on line 1)", id="duplicate-key"),
        pytest.param("- !!python/object/apply:os.system [ls]\n", 1, "is not allowed", id="python-tag"),
        pytest.param("a: !!binary aGk=\n", 1, "is not allowed", id="binary-tag"),
        pytest.param("a: &x [1]\nb: *x\n", 2, "aliases", id="alias"),
        pytest.param("a: [1,\nb: 2\n", 3, "not valid YAML", id="syntax"),
        pytest.param("a:" + " [" * 40 + " ]" * 40 + "\n", 1, "nested deeper", id="deep"),
    ],
)
def test_bad_yaml_is_refused_with_its_line(text, line, message):
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse(text)
    assert info.value.line == line
    assert message in info.value.message


def test_billion_laughs_is_refused_quickly():
    lol = "a: &a [lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(yamlio.YamlProblem, match="aliases"):
        yamlio.parse(lol)


def test_bom_and_crlf_are_read(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbf- id: a\r\n  title: T\r\n")
    assert yamlio.read(path) == [{"id": "a", "title": "T"}]


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.yaml").write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(yamlio.YamlProblem, match="binary"):
        yamlio.read(tmp_path / "bin.yaml")
    with pytest.raises(yamlio.YamlProblem, match="UTF-8") as info:
        yamlio.read(tmp_path / "latin.yaml")
    assert info.value.line == 2
