"""Turn a document's pages into citable units, choosing the splitter its structure calls for."""
from __future__ import annotations

import re
from collections import Counter

from bot.ingest import chunk_agreement, chunk_prose, chunk_slides
from bot.ingest.draft import PARAGRAPH_LINE, SUBSECTION_LINE, MAX_WORDS, Draft
from bot.ingest.refs import find_refs
from bot.models import AGREEMENT_KINDS, UNKNOWN_KIND, Document, Unit
from bot.text.sentences import sentence_spans


def chunk_document(doc: Document, pages: list[str]) -> list[Unit]:
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
    parts = [""]
    for line in text.split("\n"):
        if chunk_agreement.starts_annex(line):
            parts.append("")
        parts[-1] += line + "\n"
    numbers = [[(int(n), letter) for n, letter in PARAGRAPH_LINE.findall(part)] for part in parts]
    ascending = all(a < b for part in numbers for a, b in zip(part, part[1:]))  # "§ 12" before "§ 12a"
    total = sum(map(len, numbers))
    return bool(total) and ascending and total + len(SUBSECTION_LINE.findall(text)) >= 3


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
            url=doc.url,
        ))
        seen[d.section, text] += 1
    return units
