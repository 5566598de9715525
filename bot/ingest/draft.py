"""A unit before it is tied to its document, and the line patterns every chunker shares."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.text.dates import MONTHS
from bot.text.bullets import BULLET_INSIDE

MAX_WORDS = 170  # a unit plus its heading stays well inside e5's 512-token window
# "1. januar 2026" at a line's start is a date a PDF wrapped there, not a numbered item
_LIST_ITEM = re.compile(rf"^({BULLET_INSIDE}|\d+[.)]\s(?!(?i:{MONTHS})\b)|[a-z][.)]\s)")
# The opening of a §: "§ 7.", "§ 7. Information og drøftelse", "§ 21 Tavshedspligt", "§ 7" alone. Not
# a reference at a line's start, where a PDF wraps "... jf." / "§ 8, stk. 3, og ..." or a slide
# quotes its source: a comma, "stk.", "nr." or a lower-case word after the number
PARAGRAPH_HEAD = r"§\s*(\d+)([a-z]?)(?:\.(?!\d|\s*(?:[Ss]tk|nr)\b)|(?=\s+[-–—]?\s*[A-ZÆØÅ])|\s*$)"
PARAGRAPH_LINE = re.compile(rf"^(?:#+\s*)?{PARAGRAPH_HEAD}", re.M)
# The opening of a stykke: "Stk. 2." or "Stk. 2:" (or "STK.", or "Stk. 2" before a capital; in lower
# case only "stk. 2." or "stk. 2:" before a capital); "stk. 2, om ..." at a line's start is a
# reference a PDF wrapped there
SUBSECTION_HEAD = r"(?:Stk|STK|stk(?=\.\s*\d+[.:]\s+[A-ZÆØÅ]))\.\s*(\d+)(?:[.:](?!\d)|\s*$|(?=\s+[A-ZÆØÅ]))"
SUBSECTION_LINE = re.compile(rf"^(?:#+\s*)?{SUBSECTION_HEAD}", re.M)


@dataclass
class Draft:
    """A unit before it is tied to its document: where it stands and what it says."""

    section: str
    lines: list[str]
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    extra: dict = field(default_factory=dict)
    layout: bool = False  # slides: a line that starts in upper case is a new item

    @property
    def text(self) -> str:
        return join_lines(self.lines, self.layout)


def join_lines(lines: list[str], layout: bool = False) -> str:
    """Soft-wrapped lines become one line; bullets and blank lines keep their breaks."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if layout and out and line[:1].isupper() and not out.endswith(("\n", ",", "-", "–")):
            out += "\n" + line
            continue
        if not line:
            out = out.rstrip(" ") + "\n" if out and not out.endswith("\n") else out
        elif not out or out.endswith("\n"):
            out += line
        elif _LIST_ITEM.match(line) or _is_row(line) or _is_row(out[out.rfind("\n") + 1:]):
            out += "\n" + line
        else:
            out += " " + line
    return out.strip()


def _is_row(line: str) -> bool:
    """A table row from the readers ('Plukkeruter | Kan ikke opsiges') is never soft-wrapped."""
    return " | " in line
