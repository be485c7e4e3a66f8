"""Rebuild the bundled ESCO data from the two official ESCO CSV zips (English).

    python scripts/build_esco.py \\
        ../shared/datasets/esco/esco-v1.1.1-classification-en-csv.zip \\
        ../shared/datasets/esco/esco-v1.1.1-relations-csv.zip \\
        -o microcred/data/esco/esco-v1.1.1.json.gz

The output is the same bytes for the same zips. Prints nothing on success; on bad input, one
line on stderr and exit status 1 (2 for wrong arguments).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from microcred.esco import EscoError, build


def write(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside it, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"build_esco: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(description=__doc__.split("\n\n")[0])
    parser.add_argument("classification_zip", type=Path, help="esco-v…-classification-en-csv.zip")
    parser.add_argument("relations_zip", type=Path, help="esco-v…-relations-csv.zip")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .json.gz to write")
    parser.add_argument(
        "--esco-version", help="the ESCO version (by default read from the zips' names, e.g. 1.1.1)"
    )
    args = parser.parse_args(argv)
    try:
        data = build(args.classification_zip, args.relations_zip, version=args.esco_version)
        write(args.output, data)
    except (EscoError, OSError) as e:
        print(f"build_esco: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
