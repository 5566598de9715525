"""Clean text extracted from PDFs, slides and Word: hyphenation, layout whitespace, page furniture."""
from __future__ import annotations

import re
from collections import Counter

# a hyphen before a line break, then the next word; "arbejds- og" keeps its hyphen
_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\n[ \t]*(\w+)")
_KEEP_SUSPENDED = {"og", "eller", "samt", "til", "som", "&"}
_PAGE_NUMBER = re.compile(r"^\s*(?:side\s+)?\d{1,4}(?:\s*(?:af|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_STAMP_LABELS = {"maskinskrevet tekst", "typewritten text"}  # Acrobat's typewriter tool, Danish and English
# "Baggrund for projektet ........ 2": a line of a table of contents (dot or ellipsis leaders)
_CONTENTS_LINE = re.compile(r"(?:\.\s?){5,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")


def dehyphenate(text: str) -> str:
    """Join "vare-\\ntager" into "varetager"; keep "MED-\\nudvalg" as "MED-udvalg"."""

    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        if right.lower() in _KEEP_SUSPENDED:
            return f"{left}- {right}"
        if not right[0].islower() or left[-1].isupper() or left[-1].isdigit():
            return f"{left}-{right}"
        return left + right

    return _HYPHEN_BREAK.sub(join, text)


def fix_double_spaced_lines(text: str) -> str:
    """PDF-to-text often puts an empty line after every wrapped line; a line that stops
    mid-sentence and an empty line before a lower-case word is a soft wrap, not a paragraph."""
    return re.sub(r"([^\n.!?:;\s])[ \t]*\n\n(?=[ \t]*[a-zæøå(])", r"\1\n", text)


# typographic ligatures from PDF fonts: "ﬁnansiering" must be found by "finansiering"
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


# a bullet in a Symbol or Wingdings font comes out of a PDF as a private-use character (U+F0B7 for
# Symbol's •): "\uf0b7 Fokus på borgernes behov" was quoted with the glyph a chat cannot draw, and
# read as no list item
_SYMBOL_BULLET = re.compile(r"^([ \t]*)[\uf000-\uf0ff](?=[ \t]+\S)", re.MULTILINE)


def collapse_spaces(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u00a0", " ").translate(_LIGATURES)
    text = _SYMBOL_BULLET.sub(r"\1•", text)
    text = re.sub(r"[ \t\u2000-\u200b]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean(text: str) -> str:
    return collapse_spaces(dehyphenate(fix_double_spaced_lines(text)))


def drop_page_furniture(pages: list[str]) -> list[str]:
    """Drop tables of contents, page numbers, annotation stamps, and headers/footers repeated on at
    least half of the pages. A table of contents answers nothing and would be cited for every
    heading it lists."""
    pages = [_drop_stamps(_drop_contents_and_lone_numbers(page)) for page in pages]
    if len(pages) < 2:
        return pages
    edges = Counter()
    for page in pages:
        lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
        for line in set(lines[:2] + lines[-2:]):
            edges[line] += 1
    repeated = {line for line, n in edges.items() if n >= max(2, len(pages) // 2)}
    return [_strip_edges(page, repeated) for page in pages]


def _drop_stamps(page: str) -> str:
    """A PDF reader's typewriter annotation comes out of a text export as the annotator's login, the
    tool's label and what was typed ("kto-jetteb / Maskinskrevet tekst / 17-0153.58", a journal
    number stamped on a letter). The label always goes; login and a one-word stamp go with it."""
    lines = page.split("\n")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if line.strip().lower() in _STAMP_LABELS:
            drop.add(i)
            drop.update(j for j in (i - 1, i + 1) if 0 <= j < len(lines) and len(lines[j].split()) == 1)
    return "\n".join(ln for i, ln in enumerate(lines) if i not in drop)


def _drop_contents_and_lone_numbers(page: str) -> str:
    """Contents lines go everywhere. A bare number after a gap of blank lines (and before a blank
    line) is a page number that a text export without page breaks left in the text; a number
    between single blank lines ("Tirsdag / 3 / november" in a flyer layout) is content."""
    lines = page.split("\n")
    padded = ["", "", *lines, ""]
    return "\n".join(
        ln for i, ln in enumerate(lines, start=2)
        if not _CONTENTS_LINE.search(ln.rstrip())
        and not (_PAGE_NUMBER.match(ln) and not "".join(padded[i - 2 : i]).strip() and not padded[i + 1].strip())
    )


def _strip_edges(page: str, repeated: set[str]) -> str:
    lines = page.split("\n")
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(content[:2] + content[-2:])
    return "\n".join(
        ln for i, ln in enumerate(lines)
        if not (i in edge and (ln.strip() in repeated or _PAGE_NUMBER.match(ln)))
    )
