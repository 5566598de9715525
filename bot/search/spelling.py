"""A question's misspelt words, put right from the words the documents use ("informaton" ->
"information", "partsystemet" -> "partssystemet"): a typo otherwise finds nothing in lexical search."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

MIN_LENGTH = 6  # shorter words are too often another real word one letter away ("leder", "ledet")


class Speller:
    def __init__(self, counts: Counter):
        """counts: how many units each word of the documents occurs in."""
        self.counts = counts
        self._by_deletion: dict[str, set[str]] = {}
        for word in counts:
            if len(word) >= MIN_LENGTH - 1:
                for key in _deletions(word):
                    self._by_deletion.setdefault(key, set()).add(word)
        # cached per speller: a cache on the method is the class's and kept every retired index alive
        self.correct = lru_cache(maxsize=10_000)(self._correct)

    def _correct(self, word: str) -> str:
        """The documents' word one edit (a letter left out, added, changed or swapped) from an
        unknown word, the most common if several; the word itself if it is known or has none."""
        if word in self.counts or len(word) < MIN_LENGTH or not word.isalpha():
            return word
        near = {w for key in _deletions(word) for w in self._by_deletion.get(key, ()) if _one_edit(word, w)}
        return max(near, key=lambda w: (self.counts[w], w)) if near else word


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """Whether b is a one letter left out, added, changed, or two neighbours swapped, from a."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1:]
