"""Typo-tolerant search over programs.

Each query word is matched against the vocabulary of the catalog (exact, prefix, then fuzzy
with rapidfuzz), not against every record, so a typo costs one look-up in a word list. A
program's score is the mean over query words of the best weighted match in any of its fields:
a title hit outranks a skill mention. Every query word must match somewhere.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from .costs import CostModel, ProgramCost
from .models import LEVELS, Catalog, Program

# How much a match in each field counts (a title hit outranks a skill mention).
WEIGHTS = {
    "title": 1.0,
    "provider": 0.75,
    "credential_type": 0.7,
    "skills": 0.6,
    "partners": 0.55,
    "platform": 0.5,
    "fields": 0.5,
}
_WORD = re.compile(r"[a-z0-9+#]+")
_FOLD = str.maketrans("ãáàâäåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
PREFIX_SIMILARITY = 0.9


def words(text: str) -> list[str]:
    """Lower-case words; a hyphenated or split compound also yields its joined form."""
    lowered = text.lower().translate(_FOLD)
    found = _WORD.findall(lowered)
    for part in re.findall(r"[a-z0-9]+(?:[-/][a-z0-9]+)+", lowered):
        found.append(re.sub(r"[-/]", "", part))
    return found


FIELD_NAMES = tuple(WEIGHTS)  # a posting stores its field as an index into this


@dataclass(frozen=True, slots=True)
class Hit:
    id: str  # the program's id: the record itself is loaded only if it is shown
    title: str
    score: float  # 0-100
    rank: tuple[float, float, str, str]  # the sort key: score, title coverage, title, id


def index_texts(
    program: Program, field_words: dict[str, str], platform_names: dict[str, str]
) -> list[list[str]]:
    """The words of each searchable field of a program, in FIELD_NAMES order."""
    return [
        [program.title],
        [program.provider],
        [program.credential_type],
        list(program.skills),
        list(program.partners),
        [program.platform, platform_names.get(program.platform, "")],
        [field_words.get(f, f) for f in program.fields],
    ]


def program_postings(
    program: Program, field_words: dict[str, str], platform_names: dict[str, str]
) -> Iterator[tuple[str, int]]:
    """(word, field code) for every distinct word of every field of a program."""
    for code, values in enumerate(index_texts(program, field_words, platform_names)):
        for word in {w for v in values for w in words(v)}:
            yield word, code


def catalog_vocabulary(catalog: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    """Extra words for field ids (their names and aliases) and platform ids (their names)."""
    field_words = {f.id: " ".join([f.id, f.name, *f.aliases]) for f in catalog.fields.values()}
    return field_words, {p.id: p.name for p in catalog.platforms.values()}


class Index:
    """Words to (document, field) postings; subclasses say where the postings live."""

    vocabulary: list[str]  # sorted

    def postings(self, word: str) -> Iterable[tuple[int, int]]:
        raise NotImplementedError

    def documents(self, docs: Iterable[int]) -> dict[int, tuple[str, str, int]]:
        """doc -> (program id, title, number of distinct title words)."""
        raise NotImplementedError

    def has(self, word: str) -> bool:
        i = bisect_left(self.vocabulary, word)
        return i < len(self.vocabulary) and self.vocabulary[i] == word

    def expand(self, word: str) -> dict[str, float]:
        """Index words that a query word may mean, with a similarity in 0..1."""
        found: dict[str, float] = {}
        if self.has(word):
            found[word] = 1.0
        if len(word) >= 3:
            start = bisect_left(self.vocabulary, word)
            for candidate in islice(self.vocabulary, start, None):
                if not candidate.startswith(word):
                    break
                if candidate != word:
                    found[candidate] = max(found.get(candidate, 0), PREFIX_SIMILARITY)
        if len(word) >= 4:
            from rapidfuzz import fuzz, process

            cutoff = 75 if len(word) <= 5 else 80
            for candidate, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
            ):
                similarity = 0.85 * score / 100  # a typo never beats the word itself
                found[candidate] = max(found.get(candidate, 0), similarity)
        return found

    def search(self, query: str) -> tuple[list[Hit], list[str]]:
        """(hits, best first; query words that matched nothing)."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return [], []
        weights = [WEIGHTS[name] for name in FIELD_NAMES]
        title = FIELD_NAMES.index("title")
        per_word: list[dict[int, tuple[float, int]]] = []
        missing = []
        for word in query_words:
            best: dict[int, tuple[float, int]] = {}
            for candidate, similarity in self.expand(word).items():
                for doc, code in self.postings(candidate):
                    value = weights[code] * similarity
                    if value > best.get(doc, (0.0, 0))[0]:
                        best[doc] = (value, code)
            if not best:
                missing.append(word)
            per_word.append(best)
        if missing:
            return [], missing
        common = set(per_word[0]).intersection(*per_word[1:])
        phrase = " ".join(query_words)
        hits = []
        for doc, (program_id, program_title, title_words) in self.documents(common).items():
            score = sum(b[doc][0] for b in per_word) / len(per_word)
            if len(query_words) > 1 and phrase in " ".join(words(program_title)):
                score += 0.1  # the whole query, in order, in the title
            # Between equal scores, the title that is most nearly the query comes first.
            coverage = sum(1 for b in per_word if b[doc][1] == title) / max(title_words, 1)
            rank = (-round(score, 9), -coverage, program_title.lower(), program_id)
            hits.append(Hit(program_id, program_title, round(min(score, 1.0) * 100, 1), rank))
        hits.sort(key=lambda h: h.rank)
        return hits, []

    def nearest_terms(self, word: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        found = process.extract(word, self.vocabulary, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
        return [c for c, _s, _i in found]


class MemoryIndex(Index):
    """An index built in memory from the loaded catalog (small catalogs, or no cache)."""

    def __init__(self, catalog: Catalog) -> None:
        self.programs: list[Program] = list(catalog.programs.values())
        self._postings: dict[str, list[tuple[int, int]]] = {}
        field_words, platform_names = catalog_vocabulary(catalog)
        for doc, program in enumerate(self.programs):
            for word, code in program_postings(program, field_words, platform_names):
                self._postings.setdefault(word, []).append((doc, code))
        self.vocabulary = sorted(self._postings)

    def postings(self, word: str) -> Iterable[tuple[int, int]]:
        return self._postings.get(word, ())

    def documents(self, docs: Iterable[int]) -> dict[int, tuple[str, str, int]]:
        out = {}
        for doc in docs:
            program = self.programs[doc]
            out[doc] = (program.id, program.title, len(set(words(program.title))))
        return out


def resolve_field(catalog: Catalog, text: str) -> str:
    """A --field value (id, name or alias, any case) to a field id, or a UsageError."""
    from .errors import UsageError
    from .fuzzy import did_you_mean

    wanted = text.strip().lower()
    for f in catalog.fields.values():
        if wanted in (f.id, f.name.lower(), *(a.lower() for a in f.aliases)):
            return f.id
    names = list(catalog.fields) + [a for f in catalog.fields.values() for a in f.aliases]
    raise UsageError(f"unknown field {text!r}{did_you_mean(wanted, names)}")


def resolve_id(kind: str, wanted: str, known: Iterable[str]) -> str:
    """An id that must exist, or a NotFoundError with the nearest ids."""
    from .errors import NotFoundError
    from .fuzzy import nearest

    known = list(known)
    if wanted in known:
        return wanted
    close = nearest(wanted, known)
    hint = f"did you mean: {', '.join(close)}?" if close else None
    raise NotFoundError(f"no {kind} {wanted!r}", hint=hint)


def credential_types(programs: Sequence[Program]) -> list[str]:
    return sorted({p.credential_type for p in programs})


@dataclass(frozen=True)
class Filters:
    platform: str | None = None
    provider: str | None = None
    field: str | None = None
    credential_type: str | None = None
    level: str | None = None
    max_price: float | None = None  # in the cost model's currency, at the learner's pace
    max_weeks: float | None = None
    free_audit: bool = False
    credit: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    program: Program
    score: float | None
    cost: ProgramCost


SORTS = ("relevance", "price", "duration", "title")


def find(
    catalog: Catalog,
    query: str | None,
    filters: Filters,
    costs: CostModel,
    sort: str | None = None,
    limit: int | None = None,
) -> list[Result]:
    """Programs that match the query and pass every filter, ranked; NotFoundError if none."""
    from .errors import NotFoundError, UsageError

    if filters.platform is not None:
        resolve_option("platform", filters.platform, catalog.platforms)
    if filters.level is not None and filters.level not in LEVELS:
        resolve_option("level", filters.level, LEVELS)
    field = resolve_field(catalog, filters.field) if filters.field else None
    credential = None
    if filters.credential_type:
        credential = resolve_credential_type(catalog, filters.credential_type)
    if sort is not None and sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")

    if query and query.strip():
        index = catalog.index or MemoryIndex(catalog)
        hits, missing = index.search(query)
        if missing:
            near = {w: index.nearest_terms(w) for w in missing}
            hint = "; ".join(
                f"{w!r}: nearest terms {', '.join(n)}" if n else f"{w!r}: no close term"
                for w, n in near.items()
            )
            raise NotFoundError(f"no program matches {', '.join(repr(w) for w in missing)}", hint=hint)
        ranked: list[tuple[str, float | None]] = [(h.id, h.score) for h in hits]
    else:
        ranked = [(p, None) for p in catalog.programs]

    results = []
    provider = filters.provider.lower() if filters.provider else None
    early_stop = limit is not None and (sort or "relevance") == "relevance" and bool(query and query.strip())
    for program_id, score in ranked:
        if early_stop and limit is not None and len(results) >= limit:
            break  # ranked already: the rest is never shown, so never loaded
        program = catalog.programs[program_id]
        if filters.platform and program.platform != filters.platform:
            continue
        if (
            provider
            and provider not in program.provider.lower()
            and not any(provider in p.lower() for p in program.partners)
        ):
            continue
        if field and field not in program.fields:
            continue
        if credential and program.credential_type.lower() != credential.lower():
            continue
        if filters.level and program.level != filters.level:
            continue
        if filters.free_audit and not (
            program.cost.free_audit or program.cost.model in ("free", "audit_then_certificate")
        ):
            continue
        if filters.credit and program.credit is None:
            continue
        cost = costs.cost(program)
        if filters.max_price is not None and (
            cost.total is None or cost.total.amount > filters.max_price + 0.005
        ):
            continue
        if filters.max_weeks is not None and (cost.weeks is None or cost.weeks > filters.max_weeks + 1e-9):
            continue
        results.append(Result(program, score, cost))
    if not results:
        what = f"matching {query.strip()!r}" if query and query.strip() else "in the catalog"
        raise NotFoundError(
            f"{len(ranked)} program{'s' if len(ranked) != 1 else ''} {what}, none passes the filters",
            hint="loosen a filter (for example --max-price or --level)" if ranked else None,
        )
    order = sort or ("relevance" if query and query.strip() else "title")
    if order == "price":
        results.sort(
            key=lambda r: (
                r.cost.total is None,
                r.cost.total.amount if r.cost.total else 0,
                r.program.title.lower(),
            )
        )
    elif order == "duration":
        results.sort(key=lambda r: (r.cost.weeks is None, r.cost.weeks or 0, r.program.title.lower()))
    elif order == "title" or (order == "relevance" and not query):
        results.sort(key=lambda r: (r.program.title.lower(), r.program.id))
    return results[:limit] if limit else results


def resolve_option(kind: str, value: str, known: Iterable[str]) -> str:
    """A value that must be one of `known`, or a UsageError with the nearest."""
    from .errors import UsageError
    from .fuzzy import did_you_mean

    known = list(known)
    if value in known:
        return value
    raise UsageError(f"unknown {kind} {value!r}{did_you_mean(value, known)}")


def resolve_credential_type(catalog: Catalog, text: str) -> str:
    """A credential type by its name or any glossary alias (nano-degree -> Nanodegree)."""
    wanted = text.strip().lower()
    types = credential_types(list(catalog.programs.values()))
    for t in types:
        if t.lower() == wanted:
            return t
    for term in catalog.glossary.values():
        names = [term.term.lower(), *(a.lower() for a in term.aliases)]
        if wanted in names:
            for t in types:
                if t.lower() in names:
                    return t
    return resolve_option("credential type", text, types)
