"""Pure functions of one word, remembered: the speed seam of the recognisers' word tests.

A word's test (is it a post's head word, can it be part of a personal name) is the same in every
release, and the same few thousand words recur, so each result is kept in a dict the callers may
look in first; the dict is emptied when it grows past a bound.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

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
