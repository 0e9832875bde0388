"""Results the recognisers share about one release (its sentences, its names), remembered.

Recognisers run one after another on the same `Release` object, so the last few results are
kept by the object's identity: looking one up costs an `is` test, where an `lru_cache` would
hash the release's every field on each call. A release is immutable, and the memo holds it, so
an identity match is always the same release.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_KEEP = 4  # results kept per function (the releases a batch works on at once)


def per_release(fn: Callable[[object], T]) -> Callable[[object], T]:
    """`fn(release)`, remembered for the last few release objects it was called with."""
    kept: list[tuple[object, T]] = []

    @functools.wraps(fn)
    def remembered(release: object) -> T:
        for seen, result in kept:
            if seen is release:
                return result
        result = fn(release)
        kept.insert(0, (release, result))
        del kept[_KEEP:]
        return result

    return remembered


_WORDS_MAX = 1 << 16  # words remembered per function, then all forgotten at once


def per_word(fn: Callable[[str], T]) -> Callable[[str], T]:
    """`fn(word)` for a pure function of one word, remembered (words recur in every release);
    the results so far are in its `known` dict, for callers that look there first."""
    known: dict[str, T] = {}

    @functools.wraps(fn)
    def remembered(word: str) -> T:
        result = known.get(word)
        if result is None:
            if len(known) >= _WORDS_MAX:
                known.clear()
            result = known[word] = fn(word)
        return result

    remembered.known = known  # type: ignore[attr-defined]
    return remembered
