"""Typo-tolerant look-ups shared by every "did you mean" (rapidfuzz, imported on demand)."""

from __future__ import annotations

from collections.abc import Iterable


def nearest(
    word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60, whole: bool = False
) -> list[str]:
    """The choices closest to `word`, best first (case-insensitive).

    `whole`: compare whole strings only (no credit for a choice found inside a longer word).
    """
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        word,
        list(choices),
        scorer=fuzz.ratio if whole else fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    return [choice for choice, _score, _index in found]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean: a, b?)' or '' when nothing is close."""
    close = nearest(word, choices)
    return f" (did you mean: {', '.join(close)}?)" if close else ""
