"""Split a slide deck into one unit per slide, named by the slide's title.

A PDF deck has one slide per page. A deck exported to plain text marks slide starts
with a leading-space line and slide ends with footers ("Dias 69", "25-02-2026Dias 54")
or a lone slide number.
"""
from __future__ import annotations

import re

from .chunk import Draft
from .normalize import clean

_FOOTER = re.compile(r"^\s*(?:\d{2}-\d{2}-\d{4}\s*)?Dias\s+(\d+)\s*$|^\s*(\d{1,3})\s*$")
_STARTS_SLIDE = re.compile(r"^ \S")
_CONTINUES = {"at", "og", "i", "for", "er", "om", "til", "af", "med", "der", "som", "en", "et", "de", "den", "det"}


def split(pages: list[str]) -> list[Draft]:
    if len(pages) > 1:
        slides = [(page, n) for n, page in enumerate(pages, start=1)]
    else:
        slides = _split_text_deck(pages[0])
    drafts = []
    for raw, number in slides:
        text = clean(raw)
        if len(text.split()) < 2:
            continue
        title, body = _title(text.split("\n"))
        drafts.append(Draft(title, body or [title], (), number if len(pages) > 1 else None, layout=True))
    return drafts


def _split_text_deck(text: str) -> list[tuple[str, int | None]]:
    slides, current, number = [], [], None
    for line in text.split("\n"):
        footer = _FOOTER.match(line)
        if footer:
            number = int(footer.group(1) or footer.group(2))
            slides.append(("\n".join(current), number))
            current = []
            continue
        if _STARTS_SLIDE.match(line) and any(ln.strip() for ln in current):
            slides.append(("\n".join(current), None))
            current = []
        current.append(line)
    slides.append(("\n".join(current), None))
    return slides


def _title(lines: list[str]) -> tuple[str, list[str]]:
    """The first line, plus a continuation line that starts in lower case."""
    lines = list(lines)
    while lines and (not lines[0].strip() or lines[0].startswith("http")):
        lines.pop(0)
    title = lines[0].lstrip("#").strip()
    rest = lines[1:]
    if rest and rest[0][:1].islower() and len(title) < 50:
        title = f"{title} {rest[0].strip()}"
        rest = rest[1:]
    if len(title.split()) > 9 or title.split()[-1] in _CONTINUES:
        # body text, not a title: name the slide by its opening words
        return " ".join(title.split()[:6]) + " …", lines
    return title.rstrip(":"), rest
