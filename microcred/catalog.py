"""Load the catalog: bundled files, then the user's, validated, merged by id.

Every problem in every file is collected before anything fails, so a maintainer fixes a file
in one pass. A user's record with the id of a bundled one replaces it and is marked as theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import models, schema, yamlio
from .errors import DataError

_ORDER = ("fields", "currencies", "platforms", "programs", "degrees", "glossary", "careers")


@dataclass
class _Entry:
    record: Any
    raw: yamlio.Map
    file: str


def kind_of(path: Path) -> str:
    """The record kind a file holds, from its name; anything else holds programs."""
    return path.stem if path.stem in schema.KINDS else "programs"


def catalog_files(root: Path) -> list[Path]:
    """The YAML files of one catalog directory, in a stable order."""
    if not root.is_dir():
        return []
    found = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]
    return sorted(found)


def read_records(path: Path, problems: list[str], user: bool = False) -> list[_Entry]:
    """Parse and check one file; its problems are added to `problems`."""
    kind = kind_of(path)
    name = str(path)
    try:
        data = yamlio.read(path)
    except yamlio.YamlProblem as exc:
        problems.append(f"{name}:{exc.line}: {exc.message}")
        return []
    except OSError as exc:
        problems.append(f"{name}:0: cannot read: {exc.strerror or exc}")
        return []
    if data is None:
        return []
    if not isinstance(data, yamlio.Seq):
        problems.append(f"{name}:1: expected a list of {kind} records, got {schema._kind(data)}")
        return []
    record_type = schema.KINDS[kind]
    entries = []
    for raw, line in zip(data, data.item_lines, strict=True):
        built = schema.build(raw, record_type, name, line, problems, extra={"origin": name, "user": user})
        if built is not None:
            entries.append(_Entry(built, raw, name))
    return entries


def load(user_dirs: Sequence[Path] = (), bundled: Path | None = None) -> models.Catalog:
    """The whole catalog: bundled data, then each user directory over it."""
    from .paths import bundled_data

    layers = [(bundled or bundled_data(), False)] + [(d, True) for d in user_dirs]
    return load_files([(f, user) for root, user in layers for f in catalog_files(root)])


def load_files(files: Iterable[tuple[Path, bool]]) -> models.Catalog:
    problems: list[str] = []
    merged: dict[str, dict[str, _Entry]] = {kind: {} for kind in _ORDER}
    catalog = models.Catalog()
    for path, user in files:
        kind = kind_of(path)
        entries = read_records(path, problems, user)
        catalog.files.append((str(path), kind, len(entries)))
        for entry in entries:
            key = _key(kind, entry.record)
            first = merged[kind].get(key)
            if first is not None and first.record.user == user:
                where = f"{first.file}:{first.raw.line}"
                id_field = "code" if kind == "currencies" else "term" if kind == "glossary" else "id"
                line = entry.raw.line_of(id_field)
                problems.append(f"{entry.file}:{line}: {id_field}: duplicate {key!r} (first at {where})")
                continue
            merged[kind][key] = entry
    for kind in _ORDER:
        setattr(catalog, kind, {k: e.record for k, e in merged[kind].items()})
    _check_references(catalog, merged, problems)
    if problems:
        raise DataError(problems)
    return catalog


def _key(kind: str, record: Any) -> str:
    if kind == "currencies":
        return str(record.code)
    if kind == "glossary":
        return str(record.term).lower()
    return str(record.id)


def _check_references(
    catalog: models.Catalog, merged: dict[str, dict[str, _Entry]], problems: list[str]
) -> None:
    """Checks that need the whole catalog: ids that must exist, prices that must be known."""

    def problem(entry: _Entry, key: str, message: str, raw: yamlio.Map | None = None) -> None:
        node = raw if raw is not None else entry.raw
        problems.append(f"{entry.file}:{node.line_of(key)}: {key}: {message}")

    def check_ids(entry: _Entry, key: str, wanted: Iterable[str], known: dict[str, Any], what: str) -> None:
        from .fuzzy import did_you_mean

        for value in wanted:
            if value not in known:
                problem(entry, key, f"unknown {what} {value!r}{did_you_mean(value, known)}")

    def check_money(entry: _Entry, key: str, money: models.Money | None, raw: yamlio.Map) -> None:
        if money is not None and money.currency not in catalog.currencies:
            problem(entry, key, f"unknown currency {money.currency!r}", raw)

    for entry in merged["programs"].values():
        program: models.Program = entry.record
        check_ids(entry, "platform", [program.platform], catalog.platforms, "platform")
        check_ids(entry, "fields", program.fields, catalog.fields, "field")
        cost_raw = entry.raw["cost"]
        check_money(entry, "price", program.cost.price, cost_raw)
        platform = catalog.platforms.get(program.platform)
        if (
            program.cost.model == "subscription"
            and program.cost.price is None
            and platform is not None
            and platform.monthly_plan() is None
        ):
            problem(
                entry,
                "price",
                f"a subscription needs a price: {platform.name} has no monthly plan",
                cost_raw,
            )
        if program.cost.model == "per_course" and program.courses is None:
            problem(entry, "courses", "per_course pricing needs the number of courses")
        if program.cost.model == "free" and program.cost.price is not None:
            problem(entry, "price", "a free program has no price", cost_raw)
        if program.effort.weeks is None and program.effort.hours is None:
            problem(entry, "effort", "give weeks (with hours_per_week) or total hours")
    for entry in merged["platforms"].values():
        for plan, raw in zip(entry.record.plans, entry.raw.get("plans") or [], strict=False):
            check_money(entry, "price", plan.price, raw)
    for entry in merged["degrees"].values():
        degree: models.Degree = entry.record
        check_money(entry, "tuition", degree.tuition, entry.raw)
        check_ids(entry, "fields", degree.fields, catalog.fields, "field")
        if degree.platform is not None:
            check_ids(entry, "platform", [degree.platform], catalog.platforms, "platform")
    for entry in merged["glossary"].values():
        check_ids(entry, "platforms", entry.record.platforms, catalog.platforms, "platform")
    for entry in merged["careers"].values():
        check_ids(entry, "fields", entry.record.fields, catalog.fields, "field")
