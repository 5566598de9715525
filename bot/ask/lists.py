"""Lists in a passage: the items a lead-in introduces, and a slide that is a list of bullets.

"Følgende kommuner er besøgt:" answers nothing without the communes below it, and "Hvilke
opgaver har KommuneMED?" asks for all of a slide's bullets, not the two most like its words.
Spans are (start, end) in the passage's text, so an answer can quote them verbatim."""
from __future__ import annotations

import re

from bot.params import ITEMS_MAX
from bot.text.bullets import ITEM as _ITEM
from bot.text.sentences import goes_on


Span = tuple[int, int]


def items_after(text: str, lead_end: int) -> list[Span]:
    """The items below a lead-in that ends on a colon at lead_end, up to the first line that is
    no item; ITEMS_MAX at most."""
    return items_opening(text, at=lead_end) if text[:lead_end].rstrip().endswith(":") else []


def whole_list(text: str) -> tuple[Span | None, list[Span]]:
    """A passage that is a list (at least three items, most of its lines): the lead-in above its
    first item when that ends on a colon, and its lines from the first item on, ITEMS_MAX at
    most. (None, []) when it is no list."""
    lines = _lines(text)
    is_item = [bool(_ITEM.match(text[start:end])) for start, end in lines]
    if sum(is_item) < 3 or 2 * sum(is_item) < len(lines):
        return None, []
    first = is_item.index(True)
    lead = lines[first - 1] if first and text[slice(*lines[first - 1])].rstrip().endswith(":") else None
    return lead, lines[first:first + ITEMS_MAX]


def items_opening(text: str, room: int = ITEMS_MAX, at: int = 0) -> list[Span]:
    """The items the text opens with from `at`, up to its first line that is no item (at most
    `room`): below a lead-in (items_after), or where the chunker cut a long list, the rest of it
    ("• Roskilde Kommune (januar 2017)" after the report's seven other communes)."""
    items = []
    for start, end in _lines(text, at):
        if not _ITEM.match(text[start:end]) or len(items) >= room:
            break
        items.append((start, end))
    return items


def _lines(text: str, at: int = 0) -> list[Span]:
    """The lines of a text from `at`, a line that goes on from the one before it (sentences.goes_on)
    joined to it: a slide wraps "• Ledere og medarbejderrepræsentanter for" onto "Selvejende institutioner på
    visse niveauer"."""
    lines: list[Span] = []
    for m in re.finditer(r"[^\n]*\S[^\n]*", text[at:]):
        start, end = at + m.start() + len(m.group()) - len(m.group().lstrip()), at + m.end()
        if lines and not _ITEM.match(text[start:end]) and (goes_on(text[slice(*lines[-1])]) or text[start].islower()):
            lines[-1] = (lines[-1][0], end)
        else:
            lines.append((start, end))
    return lines
