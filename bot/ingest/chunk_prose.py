"""Split guides, letters and reports by heading and paragraph."""
from __future__ import annotations

import re

from bot.ingest.draft import MAX_WORDS, Draft, join_lines
from bot.text.bullets import BULLET
from bot.ingest.normalize import clean, drop_page_furniture
from bot.text.sentences import goes_on

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_INDENTED = re.compile(r"^[ \t]+\S")
GUESSED = 9  # the level of a heading told by its look, not by markup
LAYOUT_RUN = 4  # _join_layout_runs: one-line paragraphs of a few words in a row that are one line
_SENTENCE_END = (".", "?", "!", ")", "”", '"')
# a letter's date line ("Den 20. juni 2013", "København, 3. marts 2020") is no heading: the
# letter's "Baggrund" below it was text, and its sections were all cited as "Den 20. juni 2013"
_DATE_LINE = re.compile(
    r"^(?:[A-ZÆØÅ][\w ]*,\s*)?(?:den\s+)?\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|"
    r"september|oktober|november|december)\s+\d{4}$", re.IGNORECASE)


def split(pages: list[str]) -> list[Draft]:
    pages = drop_page_furniture(pages)
    drafts: list[Draft] = []
    path: list[tuple[int, str]] = []
    for page_no, page in enumerate(pages, start=1):
        page_label = page_no if len(pages) > 1 else None
        paragraphs = _join_layout_runs(_paragraphs(clean(_separate_indented_titles(page))))
        for i, para in enumerate(paragraphs):
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            heading, para = _detach_heading(para)
            heading = heading or _heading(para, following)
            # a short line after a paragraph that stops mid-sentence ("... i partssystemet som" /
            # "TR eller leder?") ends that sentence; it is no heading
            if heading and heading[0] == GUESSED and para is paragraphs[i] and i and goes_on(paragraphs[i - 1][-1]):
                heading = None
            if heading:
                path = [(lv, t) for lv, t in path if lv < heading[0]] + [heading]
                if para is paragraphs[i]:
                    continue
            _add(drafts, para, tuple(t for _, t in path), page_label)
    return _merge_fragments(drafts)


def _separate_indented_titles(page: str) -> str:
    """PDF exports of reports mark headings with an indent and glue them to the paragraph above
    (" Ønsker til de centrale parter vedr. MED-systemet" right after a sentence ends). Such a line
    becomes a paragraph of its own, so it is seen as the heading it is. Only the raw text shows
    this: cleaning removes the indent."""
    lines = page.split("\n")
    out = []
    for i, line in enumerate(lines):
        title = " ".join(line.split())
        before = lines[i - 1].rstrip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            _INDENTED.match(line) and 0 < len(title.split()) <= 10 and title[:1].isupper()
            and not title.endswith((".", ",", ";", ":", "-")) and not BULLET.match(title)
            and (not before or before.endswith(_SENTENCE_END) or _DATE_LINE.match(before.strip()))
            and (not after or after[:1].isupper())
        ):
            out += ["", line, ""]
        else:
            out.append(line)
    return "\n".join(out)


def _paragraphs(text: str) -> list[list[str]]:
    return [block.split("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def _join_layout_runs(paragraphs: list[list[str]]) -> list[list[str]]:
    """A flyer's layout exported one word to a paragraph ("Tirsdag" / "3" / "november" /
    "Falkonersalen" / "København" / "9:30-15:30"): at least LAYOUT_RUN such paragraphs in a row,
    each of at most three words and none the heading of longer text, are one line. Apart, each was
    too short to be a sentence, and the dates could not be found or quoted."""
    def loose(i: int) -> bool:
        para = paragraphs[i]
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        return (len(" ".join(para).split()) <= 3 and not BULLET.match(para[0])
                and not para[-1].rstrip().endswith(":")
                and not (_heading(para, following) and len(" ".join(following).split()) > 3))

    out: list[list[str]] = []
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and loose(j):
            j += 1
        if j - i >= LAYOUT_RUN:
            out.append([" ".join(line.strip() for p in paragraphs[i:j] for line in p)])
            i = j
        else:
            out.append(paragraphs[i])
            i += 1
    return out


def _detach_heading(para: list[str]) -> tuple[tuple[int, str] | None, list[str]]:
    """A short title line glued to the paragraph below it (no blank line between)."""
    if len(para) < 2:
        return None, para
    first, second = para[0].strip(), para[1].strip()
    glued_title = (
        len(first) <= 60 and len(first.split()) <= 8 and first[:1].isupper()
        and not first.endswith((".", ",", ";", ":", "-")) and not BULLET.match(first)
        and second[:1].isupper() and not _MARKDOWN_HEADING.match(second) and not _DATE_LINE.match(first)
    )
    return ((GUESSED, first), para[1:]) if glued_title else (None, para)


def _heading(para: list[str], following: list[str] | None) -> tuple[int, str] | None:
    if len(para) == 2 and len(para[0].strip()) >= 40 and para[1].strip()[:1].islower():
        para = [f"{para[0].strip()} {para[1].strip()}"]  # a long title wrapped onto a second line
    if len(para) != 1:
        return None
    line = para[0].strip()
    if m := _MARKDOWN_HEADING.match(line):
        return len(m.group(1)), m.group(2).strip()
    looks_like_title = (
        len(line) <= 80 and len(line.split()) <= 10 and line[:1].isupper()
        and not line.endswith((".", ",", ";", ":")) and not BULLET.match(line) and not _DATE_LINE.match(line)
    )
    # a lead-in is short and what it leads in to follows it ("Formål" / "Formålet med temadagene er at:")
    substantial_next = following is not None and (
        len(" ".join(following).split()) >= 8 or len(following) > 1 or following[-1].rstrip().endswith(":")
    )
    return (GUESSED, line) if looks_like_title and substantial_next else None


def _merge_fragments(drafts: list[Draft]) -> list[Draft]:
    """A short paragraph cut off from its neighbour under the same heading (a list's last items,
    the sentence that introduces a list) goes back with it; fit_window then cuts the two into
    parts of about equal length."""
    out: list[Draft] = []
    for draft in drafts:
        last = out[-1] if out else None
        if last and (last.heading_path, last.page) == (draft.heading_path, draft.page) \
                and min(len(last.text.split()), len(draft.text.split())) < MAX_WORDS // 4:
            last.lines += [""] + draft.lines
        else:
            out.append(draft)
    return out


def _add(drafts: list[Draft], para: list[str], path: tuple[str, ...], page) -> None:
    section = path[-1] if path else (f"s. {page}" if page else "Indledning")
    last = drafts[-1] if drafts else None
    words = len(join_lines(para).split())
    if last and last.heading_path == path and last.page == page and len(last.text.split()) + words <= MAX_WORDS:
        last.lines += [""] + para
    else:
        drafts.append(Draft(section, list(para), path, page))
