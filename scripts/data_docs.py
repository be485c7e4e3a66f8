"""Rewrite the field tables of docs/DATA.md from the schema: python scripts/data_docs.py"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from microcred import models, schema

DOC = Path(__file__).resolve().parents[1] / "docs" / "DATA.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in re.findall(r"<!-- fields:(\w+) -->", text):
        table = schema.field_table(getattr(models, name))
        text = re.sub(
            rf"(<!-- fields:{name} -->\n).*?(\n<!-- /fields -->)",
            lambda m, table=table: m.group(1) + table + m.group(2),
            text,
            flags=re.S,
        )
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
