"""Split an agreement by Kapitel / § / Stk. / nr. / litra, keeping "Vejledning:" with its §.

In Danish legal text the first stykke of a § carries no "Stk. 1." label; it is named
stk. 1 only when the § goes on to a Stk. 2.
"""
from __future__ import annotations

import re

from bot.ingest.draft import PARAGRAPH_HEAD, SUBSECTION_HEAD, Draft
from bot.text.dates import MONTHS
from bot.text.bullets import BULLET
from bot.ingest.normalize import clean, drop_page_furniture

# A heading's number ends it, or is followed by "." / ":" or a title in upper case; "Kapitel 3 i
# rammeaftalen ..." or "Bilag 2 til ..." at a line's start is a sentence a PDF wrapped there
_HEAD_END = r"(?:[.:](?!\d)|(?=\s+[-–—]?\s*[A-ZÆØÅ])|\s*$)\s*(?:[-–—]\s+)?(.*)$"
_CHAPTER = re.compile(rf"^(?:#+\s*)?(?:Kapitel|KAPITEL)\s+(\w+){_HEAD_END}")
_ANNEX = re.compile(rf"^(?:#+\s*)?(?:Bilag|BILAG)\s+(\w+){_HEAD_END}")
_PARAGRAPH = re.compile(rf"^(?:#+\s*)?{PARAGRAPH_HEAD}\s*(?:[-–—]\s+)?(.*)$")
_SUBSECTION = re.compile(rf"^(?:#+\s*)?{SUBSECTION_HEAD}\s*(.*)$")
_ITEM = re.compile(rf"^(\d{{1,2}})[.)]\s+(?!(?i:{MONTHS})\b)(.*)$")  # not a date: "1. januar 2026"
_LETTER = re.compile(r"^([a-zæø])[.)]\s+(.*)$")
_HEADING_MARK = re.compile(r"^#+\s+")
# "Vejledning:" before its text, or "Vejledning" as a heading of its own line (a PDF's bold heading);
# "Bemærkninger til § 3:" and "Ad § 3:" name the § they are about, which need not be the last one
# (an agreement may gather its remarks at its end)
_NOTE = re.compile(r"^(?:#+\s*)?(Vejledning|Bemærkning(?:er)?|Ad(?=\s+§))(?:\s+(?:til\s+)?§\s*(\d+[a-z]?))?"
                   r"\s*(?::\s*(.*)|\.?\s*$)", re.I)
# A protocol after the §s ("Protokollat om seniorpolitik") is a part of its own, not the last § 's text
_PROTOCOL = re.compile(r"^(?:#+\s*)?(Protokollat\b.*)$", re.I)
_SENTENCE_END = (".", "!", "?")


class _State:
    def __init__(self):
        self.chapter = self.chapter_title = ""
        self.par = self.par_title = self.stk = self.item = self.letter = self.note = ""
        self.annex = self.annex_title = ""
        self.part = ""  # a part outside the §s, cited by its heading: "Protokollat om seniorpolitik"
        self.last, self.gap = "", False  # the last line with text; whether a blank line came after it
        self.untitled = ""  # "chapter", "par" or "annex": its heading line had no title, which may come next

    def section(self) -> str:
        if not self.par:
            if self.part:
                return self.part
            return f"Bilag {self.annex}" if self.annex else (f"Kapitel {self.chapter}" if self.chapter else "Indledning")
        # an annex that numbers its own §s from 1 ("Bilag 3. Forretningsorden", "§ 1. Møder") is
        # cited with its bilag: its § 1 is not the agreement's
        in_annex = f"Bilag {self.annex}, " if self.annex else ""
        if self.note:  # a Vejledning/Bemærkning belongs to the § as a whole
            return f"{in_annex}§ {self.par}, {self.note.lower()}"
        parts = [f"{in_annex}§ {self.par}"]
        if self.stk:
            parts.append(f"stk. {self.stk}")
        if self.item:
            parts.append(f"nr. {self.item}")
        if self.letter:
            parts.append(f"litra {self.letter}")
        return ", ".join(parts)

    def heading_path(self) -> tuple[str, ...]:
        path = [self.part] if self.part else []
        if self.annex:
            path.append(f"Bilag {self.annex}" + (f". {self.annex_title}" if self.annex_title else ""))
        if self.chapter:
            path.append(f"Kapitel {self.chapter}" + (f". {self.chapter_title}" if self.chapter_title else ""))
        if self.par:
            path.append(f"§ {self.par}" + (f". {self.par_title}" if self.par_title else ""))
        return tuple(path)


def split(pages: list[str]) -> list[Draft]:
    pages = drop_page_furniture(pages)
    state, drafts, current = _State(), [], None

    def start(first_line: str, page: int | None) -> Draft:
        draft = Draft(state.section(), [first_line] if first_line else [], state.heading_path(), page)
        draft.extra.update(par=(state.annex, state.par), stk=state.stk)
        drafts.append(draft)
        return draft

    for page_no, page in enumerate(pages, start=1):
        page_label = page_no if len(pages) > 1 else None
        # a page break is read as a paragraph break: the layout shows no gap there, and a sentence
        # of the stykke's at the top of a page was cited as the list's last item (_ends_list)
        state.gap = bool(state.last)
        for line in clean(page).split("\n"):
            current = _step(state, line, page_label, current, start)
            state.gap = not line and bool(state.last)
            state.last = line or state.last
    _name_first_subsections(drafts)
    return [d for d in drafts if d.lines and d.text]


def _step(state: _State, line: str, page, current, start):
    untitled = state.untitled
    if line:
        state.untitled = ""
    if m := _CHAPTER.match(line):
        annex = state.annex, state.annex_title  # annexes come last: a chapter after one is the annex's
        state.__init__()
        state.annex, state.annex_title = annex
        state.chapter, state.chapter_title = m.group(1), m.group(2)
        state.untitled = "" if m.group(2) else "chapter"
        return None
    if m := _ANNEX.match(line):  # an annex belongs to the agreement, not to its last chapter
        state.__init__()
        state.annex = m.group(1)
        state.annex_title, rest = _split_title(m.group(2))
        state.untitled = "" if m.group(2) else "annex"
        return start(rest, page)
    if m := _PARAGRAPH.match(line):
        state.par, state.stk, state.item, state.letter, state.note = m.group(1) + m.group(2), "", "", "", ""
        title, rest = _split_title(m.group(3))
        state.par_title = title
        state.untitled = "" if m.group(3) else "par"
        return start(rest, page)
    if m := _SUBSECTION.match(line):
        state.stk, state.item, state.letter, state.note = m.group(1), "", "", ""
        return start(m.group(2), page)
    if m := _NOTE.match(line):
        if m.group(2) and m.group(2) != state.par:  # remarks on another §, gathered at the end
            state.par, state.par_title, state.stk = m.group(2), "", ""
            state.chapter = state.chapter_title = state.part = ""  # of the § named, which is elsewhere
        kind = "Bemærkning" if m.group(1).lower() == "ad" else m.group(1).capitalize()
        state.note, state.item, state.letter = kind, "", ""
        return start(m.group(3) or "", page)
    if not untitled and (m := _PROTOCOL.match(line)) and _is_title(m.group(1)):  # not a bilag's title
        state.__init__()
        state.part = m.group(1).strip()
        return None
    if not state.note and state.par and (m := _ITEM.match(line)):
        state.item, state.letter = m.group(1), ""
        return start(m.group(2), page)
    if not state.note and state.par and (m := _LETTER.match(line)):
        state.letter = m.group(1)
        return start(m.group(2), page)
    if untitled and line and _is_title(_HEADING_MARK.sub("", line)):
        # "§ 8" / "Retningslinjer": a PDF or Word sets the title on the line after the number
        title = _HEADING_MARK.sub("", line)
        if untitled == "chapter":
            state.chapter_title = title
        else:
            state.par_title, state.annex_title = (title, "") if untitled == "par" else ("", title)
            current.heading_path = state.heading_path()
        return current
    if current is None or _ends_list(state, line):
        state.item = state.letter = ""
        current = start("", page)
    current.lines.append(_HEADING_MARK.sub("", line))  # a heading that is no § or stk. is cited as text
    return current


def _ends_list(state: _State, line: str) -> bool:
    """A paragraph of its own after a numbered item's last sentence is the stykke's again ("1. ...
    2. Ruter." / "Informationen gives skriftligt."), not the item's: cited as "nr. 2" it would name
    a rule the item does not hold. Only where the reader marks paragraphs: every format does, a
    PDF where its layout shows a gap before a line at the margin (pdf_paragraphs.py). A list under
    the item (bullets) and a line that goes on in lower case stay with it too; text the format marks
    as part of the item (HTML, Markdown indentation, Word's list paragraphs, a PDF's indented
    paragraph) comes without the blank line. A new page counts as a blank line: an item's second
    sentence that starts a page is then cited as its stykke, which holds it, not as a rule of its own."""
    text = _HEADING_MARK.sub("", line)
    return (bool(state.item or state.letter) and state.gap and bool(text)
            and state.last.rstrip().endswith(_SENTENCE_END) and text[:1].isupper() and not BULLET.match(text))


def starts_annex(line: str) -> bool:
    """"Bilag 1. Forretningsorden" / "# Bilag 1": an annex's heading, not a sentence about one."""
    return bool(_ANNEX.match(line))


def _split_title(rest: str) -> tuple[str, str]:
    """'§ 7. Information og drøftelse' has a title; '§ 7. Ledelsen skal ...' starts its text."""
    return (rest.strip(), "") if _is_title(rest) else ("", rest)


def _is_title(text: str) -> bool:
    """A few words in upper case with no full stop or comma at the end: a heading, not a sentence."""
    text = text.strip()
    return bool(text) and len(text.split()) <= 8 and text[:1].isupper() and not text.endswith((".", ":", ";", ","))


def _name_first_subsections(drafts: list[Draft]) -> None:
    has_more = {d.extra["par"] for d in drafts if d.extra.get("stk")}
    for d in drafts:
        annex, par = d.extra.get("par", ("", ""))
        if par and not d.extra.get("stk") and (annex, par) in has_more:
            d.section = d.section.replace(f"§ {par}", f"§ {par}, stk. 1", 1)
