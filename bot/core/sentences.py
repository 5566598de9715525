"""Split Danish text into sentences without breaking at "stk.", "jf.", "bl.a." and friends."""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "stk", "nr", "pkt", "jf", "bl.a", "f.eks", "fx", "mv", "m.v", "m.m", "evt", "ca", "tlf",
    "d.v.s", "dvs", "osv", "inkl", "ekskl", "vedr", "iht", "i.h.t", "kl", "hhv", "pga", "el",
    "ang", "bilag", "ff", "s", "lign", "o.l", "sml", "v", "mdr", "max", "min", "ph.d", "nov",
}
_CANDIDATE = re.compile(r"([.!?…]+[\"”’)]*)(\s+)(?=[\"“(]?[A-ZÆØÅ0-9§•▪–\-])|\n(?=\s*[•▪\-–÷❑o]\s)|\n\n+")


def split_sentences(text: str) -> list[str]:
    sentences, start = [], 0
    for m in _CANDIDATE.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        if m.group(1) and _ends_with_abbreviation(text[start:end]):
            continue
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"(\S+?)[.]+[\"”’)]*$", chunk)
    if not word:
        return False
    token = word.group(1).lower().lstrip("(")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
