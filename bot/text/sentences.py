"""Split Danish text into sentences without breaking at "stk.", "jf.", "bl.a." and friends."""
from __future__ import annotations

import re

from bot.text.bullets import BULLET_INSIDE as _BULLET

_ABBREVIATIONS = {
    "stk", "nr", "pkt", "jf", "bl.a", "f.eks", "fx", "mv", "m.v", "m.m", "evt", "ca", "tlf",
    "d.v.s", "dvs", "osv", "inkl", "ekskl", "vedr", "iht", "i.h.t", "kl", "hhv", "pga", "el",
    "ang", "bilag", "ff", "s", "lign", "o.l", "sml", "v", "mdr", "max", "min", "ph.d", "nov",
}
_CANDIDATE = re.compile(rf"([.!?…]+[\"”’)]*)(\s+)(?=[\"“(]?[A-ZÆØÅ0-9§•▪–\-])|\n(?={_BULLET})|(?P<line>\n)(?=[A-ZÆØÅ0-9])|\n\n+")
# A slide breaks a line where the sentence goes on ("En medarbejderrepræsentant siger, at\nMED-udvalget
# skal træffe den beslutning."): cut there, the claim is quoted without who makes it, as a rule
_LIST_NUMBER = re.compile(r"\d{1,2}[.)](?=\s|$)")  # "3." that opens a numbered item
_GOES_ON = re.compile(
    r"(?:,|\b(?:at|og|eller|samt|men|som|der|om|hvis|når|fordi|af|til|i|på|for|fra|ved|med|efter|mellem|"
    r"under|over|uden|mod|hos|gennem|inden|blandt|en|et|den|det|de|denne|dette|disse|din|dit|dine|mit|mine|"
    r"sin|sit|sine|egen|eget|egne|vores|jeres|deres|er|har|skal|kan|vil|må))$"
)
# A question on a slide or in a letter runs over lines, even a blank one ("Hvad er forskellen på din
# rolle, når du sidder i et MED-udvalg og når du deltager i partssystemet som\n\nTR eller leder?"):
# cut, its first part reads as a statement, and as the answer to "Hvem kan sidde i et MED-udvalg?"
_QUESTION_OPENS = re.compile(r"[•▪\-–]?\s*(?:hvad|hvem|hvordan|hvorfor|hvilke|hvilken|hvilket|hvornår)\b", re.IGNORECASE)
_ENDED = re.compile(r"[.!?:;…]\W*$")


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, so a quote is always a verbatim slice of the text."""
    spans, start = [], 0
    for m in _CANDIDATE.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        if m.group(1) and _ends_with_abbreviation(text[start:end]):
            continue
        if m.group("line") and goes_on(text[start:end]) and not _LIST_NUMBER.match(text, m.end()):
            continue
        if not m.group(1) and _question_goes_on(text[start:end], text, m.end()):
            continue
        if _LIST_NUMBER.fullmatch(text[start:end].strip()):  # "1." opens its item, which goes on
            continue
        spans.append(_trim(text, start, end))
        start = m.end()
    spans.append(_trim(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def goes_on(line: str) -> bool:
    """Whether a line ends where its sentence cannot (on a comma, "at", "som", "dit" ...)."""
    return bool(_GOES_ON.search(line.rstrip()))


def _question_goes_on(chunk: str, text: str, after: int) -> bool:
    """A question without its question mark yet, whose next line ends on one."""
    chunk = chunk.strip()
    if not _QUESTION_OPENS.match(chunk) or _ENDED.search(chunk):
        return False
    line = text[after:].lstrip().split("\n", 1)[0].rstrip()
    return line.endswith("?") and not re.match(_BULLET, line)


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
