"""Where a PDF's paragraphs end. pypdf's plain text has line breaks only; its layout text also
shows the vertical gap before a paragraph and how far each line is indented. The plain text stays
the one we cite (the layout text runs the columns of a two-column page together into one line); it
gets an empty line before each line that follows a gap in the layout and starts at the text's left
edge. Text after a numbered list is then the stykke's again, as in the other formats, while an
item's own indented paragraph stays with the item."""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

_LOOK_AHEAD = 8  # layout lines searched for a plain line: the two orders differ a little at most


class _LayoutLine(NamedTuple):
    key: str
    after_gap: bool
    indent: int


def mark_paragraphs(plain: str, layout: str) -> str:
    """The plain text with an empty line where the layout shows a paragraph starts at the margin.
    A line the layout does not have in the same words (a column, a reordered run) gets no mark."""
    lines = _layout_lines(layout)
    margin = Counter(line.indent for line in lines).most_common(1)[0][0] if lines else 0
    out: list[str] = []
    position = 0
    for line in plain.split("\n"):
        found = _find(lines, _key(line), position)
        if found is not None:
            position = found + 1
            mark = lines[found]
            if mark.after_gap and mark.indent <= margin + 1 and out and out[-1].strip():
                out.append("")
        out.append(line)
    return "\n".join(out)


def _layout_lines(layout: str) -> list[_LayoutLine]:
    lines, gap = [], False
    for raw in layout.split("\n"):
        if not raw.strip():
            gap = bool(lines)
            continue
        lines.append(_LayoutLine(_key(raw), gap, len(raw) - len(raw.lstrip())))
        gap = False
    return lines


def _find(lines: list[_LayoutLine], key: str, start: int) -> int | None:
    if not key:
        return None
    return next((i for i in range(start, min(start + _LOOK_AHEAD, len(lines))) if lines[i].key == key), None)


def _key(line: str) -> str:
    return " ".join(line.split())
