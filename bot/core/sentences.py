"""Split Danish text into sentences without breaking at "stk.", "jf.", "bl.a." and friends."""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "stk", "nr", "pkt", "jf", "bl.a", "f.eks", "fx", "mv", "m.v", "m.m", "evt", "ca", "tlf",
    "d.v.s", "dvs", "osv", "inkl", "ekskl", "vedr", "iht", "i.h.t", "kl", "hhv", "pga", "el",
    "ang", "bilag", "ff", "s", "lign", "o.l", "sml", "v", "mdr", "max", "min", "ph.d", "nov",
}
_CANDIDATE = re.compile(r"([.!?…]+[\"”’)]*)(\s+)(?=[\"“(]?[A-ZÆØÅ0-9§•▪–\-])|\n(?=\s*[•▪\-–÷❑o]\s)|\n(?=[A-ZÆØÅ0-9])|\n\n+")


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, so a quote is always a verbatim slice of the text."""
    spans, start = [], 0
    for m in _CANDIDATE.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        if m.group(1) and _ends_with_abbreviation(text[start:end]):
            continue
        spans.append(_trim(text, start, end))
        start = m.end()
    spans.append(_trim(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"(\S+?)[.]+[\"”’)]*$", chunk)
    if not word:
        return False
    token = word.group(1).lower().lstrip("(")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
