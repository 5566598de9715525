"""Turn a document's pages into citable units, choosing the splitter its structure calls for."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .models import Document, Unit
from .refs import find_refs
from .sentences import sentence_spans

MAX_WORDS = 170  # a unit plus its heading stays well inside e5's 512-token window
AGREEMENT_KINDS = {"rammeaftale": "MED-rammeaftalen", "lokalaftale": "Lokalaftalen"}
UNKNOWN_KIND = "dokument"  # a file without a manifest entry
BULLET = re.compile(r"^[•▪\-–÷❑o*]\s")  # a line that opens a list item
MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
# "1. januar 2026" at a line's start is a date a PDF wrapped there, not a numbered item
_LIST_ITEM = re.compile(rf"^([•▪\-–÷❑o]\s|\d+[.)]\s(?!(?i:{MONTHS})\b)|[a-z][.)]\s)")
# The opening of a §: "§ 7.", "§ 7. Information og drøftelse", "§ 21 Tavshedspligt", "§ 7" alone. Not
# a reference at a line's start, where a PDF wraps "... jf." / "§ 8, stk. 3, og ..." or a slide
# quotes its source: a comma, "stk.", "nr." or a lower-case word after the number
PARAGRAPH_HEAD = r"§\s*(\d+)([a-z]?)(?:\.(?!\d|\s*(?:[Ss]tk|nr)\b)|(?=\s+[-–—]?\s*[A-ZÆØÅ])|\s*$)"
_PARAGRAPH_LINE = re.compile(rf"^(?:#+\s*)?{PARAGRAPH_HEAD}", re.M)
# The opening of a stykke: "Stk. 2." or "Stk. 2:" (or "STK.", or "Stk. 2" before a capital; in lower
# case only "stk. 2." or "stk. 2:" before a capital); "stk. 2, om ..." at a line's start is a
# reference a PDF wrapped there
SUBSECTION_HEAD = r"(?:Stk|STK|stk(?=\.\s*\d+[.:]\s+[A-ZÆØÅ]))\.\s*(\d+)(?:[.:](?!\d)|\s*$|(?=\s+[A-ZÆØÅ]))"
_SUBSECTION_LINE = re.compile(rf"^(?:#+\s*)?{SUBSECTION_HEAD}", re.M)


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


def chunk_document(doc: Document, pages: list[str]) -> list[Unit]:
    from . import chunk_agreement, chunk_prose, chunk_slides

    joined = "\n".join(pages)
    if doc.kind in AGREEMENT_KINDS or doc.kind == UNKNOWN_KIND and looks_like_agreement(joined):
        drafts = chunk_agreement.split(pages)
    elif doc.kind == "slides":
        drafts = chunk_slides.split(pages)
    else:
        drafts = chunk_prose.split(pages)
    return to_units(doc, [piece for d in drafts for piece in fit_window(d)])


def looks_like_agreement(text: str) -> bool:
    """A file without a manifest entry is split by § and stk. only if it is built like an
    agreement: its §s open in ascending order, each once (an annex may start again at § 1), with
    at least three §s and stykker in all. A slide deck or guide that starts lines with the §s it
    quotes ("§ 8, stk. 5.", "§27" then "§ 8") would otherwise have its slides cited as "§ 27, nr. 9"."""
    from .chunk_agreement import starts_annex

    parts = [""]
    for line in text.split("\n"):
        if starts_annex(line):
            parts.append("")
        parts[-1] += line + "\n"
    numbers = [[(int(n), letter) for n, letter in _PARAGRAPH_LINE.findall(part)] for part in parts]
    ascending = all(a < b for part in numbers for a, b in zip(part, part[1:]))  # "§ 12" before "§ 12a"
    total = sum(map(len, numbers))
    return bool(total) and ascending and total + len(_SUBSECTION_LINE.findall(text)) >= 3


def fit_window(draft: Draft) -> list[Draft]:
    """Split an over-long draft at sentence boundaries, never mid-sentence, into parts of about
    equal length: filling each part to the limit would leave a last part of a line or two that
    has lost its context (a list's last two items cited on their own)."""
    text = draft.text
    total = len(text.split())
    if total <= MAX_WORDS:
        return [draft] if text else []
    target = total / -(-total // MAX_WORDS)
    parts, current, size = [], [], 0
    for start, end in sentence_spans(text):
        words = len(text[start:end].split())
        if current and (size + words > MAX_WORDS or size >= target):
            parts.append(current)
            current, size = [], 0
        current.append((start, end))
        size += words
    parts.append(current)
    # each part a slice of the text, so a list keeps its line breaks
    return [Draft(draft.section, [text[p[0][0]:p[-1][1]]], draft.heading_path, draft.page, layout=draft.layout)
            for p in parts if p]


def _own_annex(section: str) -> str:
    """"3" for a unit of bilag 3's own §s ("Bilag 3, § 2, stk. 1"), else ""."""
    m = re.match(r"Bilag (\w+), §", section)
    return m.group(1) if m else ""


def to_units(doc: Document, drafts: list[Draft]) -> list[Unit]:
    default_owner = AGREEMENT_KINDS.get(doc.kind, "")
    seen: Counter[tuple[str, str]] = Counter()
    units = []
    for i, d in enumerate(drafts):
        text = d.text
        units.append(Unit(
            document=doc.file, title=doc.title, kind=doc.kind, section=d.section, text=text,
            heading_path=d.heading_path, page=d.page, position=i,
            refs=tuple(find_refs(text, default_owner, _own_annex(d.section))), doc_set=doc.doc_set, occurrence=seen[d.section, text],
        ))
        seen[d.section, text] += 1
    return units
