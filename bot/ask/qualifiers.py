"""Sentences that qualify another: a negation, an exception, a restriction ("ikke", "dog",
"undtagen", "medmindre", "kun"; "not", "except", "unless", "only") on the same subject. A rule
quoted without them can read as its opposite."""
from __future__ import annotations

import re

from bot.lang import da, en
from bot.search.lexical import stem, words
from bot.text.sentences import sentence_spans

_QUALIFIER = re.compile(rf"\b({'|'.join(da.QUALIFIERS + en.QUALIFIERS)})\b", re.IGNORECASE)


def qualifies(sentence: str, chosen: str) -> bool:
    """Whether the sentence qualifies the chosen one: it holds a qualifier and shares a content
    word (by stem) with it."""
    if sentence == chosen or not _QUALIFIER.search(sentence):
        return False
    return bool(_stems(sentence) & _stems(chosen))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if len(w) > 3}


def unquoted(text: str, first: int, last: int) -> list[tuple[int, int]]:
    """The sentences of a unit's text outside text[first:last] that qualify a sentence inside it."""
    spans = sentence_spans(text)
    inside = [text[a:b] for a, b in spans if a >= first and b <= last]
    return [(a, b) for a, b in spans if (b <= first or a >= last) and any(qualifies(text[a:b], q) for q in inside)]


def dropped(text: str, quote: str) -> list[str]:
    """What an answer quoting `quote` from a unit's `text` leaves out that qualifies it."""
    at = text.find(quote)
    if at < 0 or not quote.strip():
        return []
    return [text[a:b] for a, b in unquoted(text, at, at + len(quote))]
