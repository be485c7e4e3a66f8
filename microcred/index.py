"""The search index: words of each program's fields, typo-tolerant look-ups, ranking.

Each query word is matched against the vocabulary of the catalog (exact, prefix, then fuzzy
with rapidfuzz), not against every record, so a typo costs one look-up in a word list. A
program's score is the mean over query words of the best weighted match in any of its fields:
a title hit outranks a skill mention. Every query word must match somewhere.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from .models import Catalog, Program

# How much a match in each field counts (a title hit outranks a skill mention); highest first.
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


@lru_cache(maxsize=65536)  # skills, providers and fields repeat across a catalog
def _words(text: str) -> tuple[str, ...]:
    return tuple(words(text))


MAX_WORD = 64  # characters: a longer "word" is noise (a pasted blob), and is cut to this


def words(text: str) -> list[str]:
    """Lower-case words; a hyphenated or split compound also yields its joined form.

    Linear in the text: each pattern matches without backtracking (a word run is consumed
    once), so one long word cannot stall indexing.
    """
    lowered = text.lower().translate(_FOLD)
    found = [w[:MAX_WORD] for w in _WORD.findall(lowered)]
    for match in _COMPOUND.finditer(lowered):
        part = match.group()
        if "-" in part or "/" in part:
            found.append(re.sub(r"[-/]", "", part)[:MAX_WORD])
    return found


_COMPOUND = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")


FIELD_NAMES = tuple(WEIGHTS)  # a posting stores its field as an index into this, in 3 bits
assert len(FIELD_NAMES) <= 8
assert list(WEIGHTS.values()) == sorted(WEIGHTS.values(), reverse=True)


@dataclass(frozen=True, slots=True)
class Hit:
    id: str  # the program's id: the record itself is loaded only if it is shown
    title: str
    score: float  # 0-100


@dataclass
class Ranking:
    """Documents best first. Ids, titles and scores are worked out only for the part used."""

    index: Index
    docs: list[int]
    per_word: list[dict[int, float]]  # each query word's best weighted match, by document
    in_title: list[set[int]]  # documents with each query word in the title

    def __len__(self) -> int:
        return len(self.docs)

    def score(self, doc: int) -> float:
        """0-1.1: the mean of the words' best matches, plus 0.1 when all are in the title."""
        score = sum(b[doc] for b in self.per_word) / len(self.per_word)
        if len(self.per_word) > 1 and all(doc in t for t in self.in_title):
            score += 0.1
        return score

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        chosen = self.docs[start:stop]
        found = self.index.documents(chosen)
        return [Hit(found[d][0], found[d][1], round(min(self.score(d), 1.0) * 100, 1)) for d in chosen]

    def __iter__(self) -> Iterator[Hit]:
        batch = 64
        for start in range(0, len(self.docs), batch):
            yield from self.hits(start, start + batch)
            batch = min(batch * 4, 4096)


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
    """(word, field code) for each distinct word of a program, in the field where it counts most.

    Fields come in falling weight, so a word keeps only its best field: that is all a score
    uses (and a word of the title always keeps the title).
    """
    seen: set[str] = set()
    for code, values in enumerate(index_texts(program, field_words, platform_names)):
        for value in values:
            for word in _words(value):
                if word not in seen:
                    seen.add(word)
                    yield word, code


def catalog_vocabulary(catalog: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    """Extra words for field ids (their names and aliases) and platform ids (their names)."""
    field_words = {f.id: " ".join([f.id, f.name, *f.aliases]) for f in catalog.fields.values()}
    return field_words, {p.id: p.name for p in catalog.platforms.values()}


class Index:
    """Words to packed postings (document × 8 + field code); subclasses say where they live.

    Per document, `title_words` (distinct words in the title) and `title_order` (its place in
    the catalog sorted by title) let ties be broken without reading any title.
    """

    vocabulary: list[str]  # sorted
    title_words: Sequence[int]
    title_order: Sequence[int]  # doc -> its place in title order
    by_title: Sequence[int]  # place in title order -> doc

    def postings(self, word: str) -> Sequence[int]:
        raise NotImplementedError

    def documents(self, docs: Iterable[int]) -> dict[int, tuple[str, str]]:
        """doc -> (program id, title)."""
        raise NotImplementedError

    def has(self, word: str) -> bool:
        i = bisect_left(self.vocabulary, word)
        return i < len(self.vocabulary) and self.vocabulary[i] == word

    def expand(self, word: str) -> dict[str, float]:
        """Index words that a query word may mean, with a similarity in 0..1.

        The word itself and longer words it begins (`mach` -> machine); and only when the
        word is not in the index at all, words within a typo or two (`pyhton` -> python).
        """
        found: dict[str, float] = {}
        if len(word) >= 3:
            start = bisect_left(self.vocabulary, word)
            for candidate in islice(self.vocabulary, start, None):
                if not candidate.startswith(word):
                    break
                found[candidate] = 1.0 if candidate == word else PREFIX_SIMILARITY
        elif self.has(word):
            found[word] = 1.0
        if len(word) >= 4 and word not in found:
            from rapidfuzz import fuzz, process

            cutoff = 75 if len(word) <= 5 else 80
            for candidate, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
            ):
                similarity = 0.85 * score / 100  # a typo never beats the word itself
                found[candidate] = max(found.get(candidate, 0), similarity)
        return found

    def search(self, query: str) -> tuple[Ranking, list[str]]:
        """(documents best first; query words that matched nothing)."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return Ranking(self, [], [], []), []
        weights = [WEIGHTS[name] for name in FIELD_NAMES]
        title_code = FIELD_NAMES.index("title")
        per_word: list[dict[int, float]] = []
        in_title: list[set[int]] = []
        missing = []
        for word in query_words:
            best: dict[int, float] = {}
            titled: set[int] = set()
            get = best.get
            for candidate, similarity in self.expand(word).items():
                scaled = [w * similarity for w in weights]
                for packed in self.postings(candidate):
                    doc = packed >> 3
                    code = packed & 7
                    value = scaled[code]
                    if value > get(doc, 0.0):
                        best[doc] = value
                    if code == title_code:
                        titled.add(doc)
            if not best:
                missing.append(word)
            per_word.append(best)
            in_title.append(titled)
        if missing:
            return Ranking(self, [], [], []), missing
        ranking = Ranking(self, [], per_word, in_title)
        # One integer per document sorts as (score desc, title coverage desc, title): the score
        # in millionths, the share of the title that the query covers in thousandths, then the
        # document's place in title order (which also names the document).
        tw, order = self.title_words, self.title_order
        if len(per_word) == 1:  # the common case, kept lean: a catalog may match thousands
            best, titled = per_word[0], in_title[0]
            keys = [
                ((2_000_000 - int(v * 1e6)) * 1001 + 1000 - (1000 // max(tw[d], 1) if d in titled else 0))
                << 32
                | order[d]
                for d, v in best.items()
            ]
        else:
            common = set(per_word[0]).intersection(*per_word[1:])
            keys = []
            for d in common:
                title_hits = sum(1 for t in in_title if d in t)
                coverage = 1000 * title_hits // max(tw[d], 1)
                keys.append(
                    ((2_000_000 - int(ranking.score(d) * 1e6)) * 1001 + 1000 - min(coverage, 1000)) << 32
                    | order[d]
                )
        keys.sort()
        by_title = self.by_title
        ranking.docs = [by_title[k & 0xFFFFFFFF] for k in keys]
        return ranking, []

    def nearest_terms(self, word: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        found = process.extract(word, self.vocabulary, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
        return [c for c, _s, _i in found]


def build_postings(
    programs: Sequence[Program], catalog: Catalog
) -> tuple[dict[str, array[int]], array[int], array[int], array[int]]:
    """(word -> packed postings, title_words, title_order, by_title) for programs 0..n-1."""
    field_words, platform_names = catalog_vocabulary(catalog)
    postings: dict[str, array[int]] = {}
    title_words = array("H")
    for doc, program in enumerate(programs):
        for word, code in program_postings(program, field_words, platform_names):
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
            found.append(doc * 8 + code)
        title_words.append(min(len(set(words(program.title))), 65535))
    order = sorted(range(len(programs)), key=lambda d: (programs[d].title.lower(), programs[d].id))
    title_order = array("I", bytes(4 * len(programs)))
    for position, doc in enumerate(order):
        title_order[doc] = position
    return postings, title_words, title_order, array("I", order)


class MemoryIndex(Index):
    """An index built in memory from the loaded catalog (small catalogs, or no cache)."""

    def __init__(self, catalog: Catalog) -> None:
        self.programs: list[Program] = list(catalog.programs.values())
        self._postings, self.title_words, self.title_order, self.by_title = build_postings(
            self.programs, catalog
        )
        self.vocabulary = sorted(self._postings)

    def postings(self, word: str) -> Sequence[int]:
        return self._postings.get(word, ())

    def documents(self, docs: Iterable[int]) -> dict[int, tuple[str, str]]:
        return {doc: (self.programs[doc].id, self.programs[doc].title) for doc in docs}
