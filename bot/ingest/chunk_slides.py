"""Split a slide deck into one unit per slide, named by the slide's title.

A PDF deck has one slide per page. A deck exported to plain text marks slide starts
with a leading-space line or a gap of two or more blank lines (inside a slide, its
paragraphs are one blank line apart), and slide ends with
footers ("Dias 69", "25-02-2026Dias 54") or a lone slide number.
"""
from __future__ import annotations

import re
from collections import Counter

from bot.ingest.draft import Draft
from bot.text.bullets import BULLET
from bot.ingest.normalize import clean

_FOOTER = re.compile(r"^\s*(?:\d{2}-\d{2}-\d{4}\s*)?Dias\s+(\d+)\s*$|^\s*(\d{1,3})\s*$")
_STARTS_SLIDE = re.compile(r"^ \S")
# a set-off line opening with an ellipsis finishes the slide's point ("Dagsordenen er vigtig /
# … / … men det er referatet også!"); it is no new slide's title
_GOES_ON = ("…", "...")
# blank lines in a row that separate two slides in a text export: in the seed deck, two after a
# slide's closing link ("https://…") are as much a gap as three; at three, "Skal-retningslinjer -
# øvrige MED-udvalg" was cited as the link slide "MED-aftale" before it
_GAP = 2
# a slide that is a title and a link ("MED-aftale" / "https://…") is a slide: the link is what it
# gives, not a diagram's label
_LINK = ("http://", "https://", "www.")
_LABEL_WORDS = 3  # a diagram label: "OG DRØFTELSE", "KOMPETENCE -FORHOLD"
_TITLE_WORDS = 9  # as _title: a longer first line is body text
# A short line on this many slides of a deck is its navigation (the section menu a course deck
# repeats on each section's first slide: "INFORMATION", "OG DRØFTELSE", "OPGAVER"), not content;
# like a repeated page header it is dropped. A line ending in ":" ("Du skal kende:") leads in
# to the slide's own content and stays.
_NAVIGATION_SLIDES = 4
# a line that ends on a space and goes on in the next (_join_soft_wraps)
_SOFT_WRAP = re.compile(r"(?<=[^\s.!?:\-]) +\n(?=[^\s•▪\-–÷❑])(?!o\s)")
_CONTINUES = {"at", "og", "i", "for", "er", "om", "til", "af", "med", "der", "som", "en", "et", "de", "den", "det"}


def split(pages: list[str]) -> list[Draft]:
    if len(pages) > 1:
        slides = [(page, n) for n, page in enumerate(pages, start=1)]
    else:
        slides = _split_text_deck(pages[0])
    titled = []
    for raw, number in slides:
        text = clean(_join_soft_wraps(raw))
        if len(text.split()) < 2:
            continue
        titled.append((*_title(text.split("\n")), number))
    navigation = _navigation([body for _, body, _ in titled])
    drafts = []
    for title, body, number in titled:
        body = [ln for ln in body if ln.strip() not in navigation]
        if not _content(body):
            continue  # a divider ("Velkommen til dag 2", a section's menu): nothing to cite
        drafts.append(Draft(title, body, (), number if len(pages) > 1 else None, layout=True))
    return drafts


def _join_soft_wraps(raw: str) -> str:
    """A text export marks a line the slide wrapped with a space before the break: "… knyttet til
    det område " / "MED-udvalget eller personalemødet …" is one bullet, though its second line
    starts in capitals, as "Øvelse: Formålet i den lokale " / "MED-aftale § 2" is one title. A line
    that ends a sentence (".", "?", "!", ":") or is followed by a bullet, a blank line or a set-off
    line is left as it is."""
    return _SOFT_WRAP.sub(" ", raw)


def _navigation(bodies: list[list[str]]) -> set[str]:
    """Short lines that many slides of the deck repeat (see _NAVIGATION_SLIDES)."""
    counts = Counter(line for body in bodies for line in set(_filled(body)))
    return {
        line for line, n in counts.items()
        if n >= _NAVIGATION_SLIDES and len(line.split()) <= _LABEL_WORDS and not line.endswith(":")
    }


def _content(body: list[str]) -> bool:
    """Something to cite: more than a lead-in left without what it led in to ("Du skal kende:")."""
    return any(not line.endswith(":") for line in _filled(body))


def _split_text_deck(text: str) -> list[tuple[str, int | None]]:
    slides: list[tuple[str, int | None]] = []
    current: list[str] = []
    blank, after_footer = 0, False

    def attach(number: int | None = None) -> None:
        """The lines so far belong to the slide before them."""
        previous, previous_number = slides[-1]
        slides[-1] = (previous + "\n" + "\n".join(current), previous_number or number)
        current.clear()

    def close(number: int | None = None) -> None:
        if slides and _source_note(current):
            attach(number)  # the source note at a slide's foot ("(Lokalaftalen § 10. …)"), set off by a gap
        elif _filled(current):
            slides.append(("\n".join(current), number))
        current.clear()

    for line in text.split("\n"):
        blank = blank + 1 if not line.strip() else 0
        if blank == _GAP and _filled(current):
            if after_footer and slides and _diagram_words(current):
                attach()  # a diagram's labels, exported after the footer of the slide they belong to
            elif not _no_body(current):
                close()  # a title or a diagram's labels alone are not a slide: the gap is inside one
            after_footer = False
        footer = _FOOTER.match(line)
        if footer:
            close(int(footer.group(1) or footer.group(2)))
            after_footer = True
            continue
        if _STARTS_SLIDE.match(line) and _filled(current) and not line.strip().startswith(_GOES_ON):
            close()
            after_footer = False
        current.append(line)
    close()
    return slides


def _no_body(lines: list[str]) -> bool:
    """A slide title, or the labels of a diagram: no bullets, no sentences."""
    filled = _filled(lines)
    if any(BULLET.match(ln) or ln.startswith(_LINK) for ln in filled):
        return False
    if len(filled) == 1:
        return len(filled[0].split()) <= _TITLE_WORDS
    return all(len(ln.split()) <= _LABEL_WORDS for ln in filled)


def _diagram_words(lines: list[str]) -> bool:
    """Single words on lines of their own ("Arbejdsforhold", "Personaleforhold"): a diagram's
    labels. A title after a footer has more words to a line."""
    filled = _filled(lines)
    return len(filled) > 1 and all(len(ln.split()) == 1 and not ln.startswith(_LINK) for ln in filled)


def _source_note(lines: list[str]) -> bool:
    note = " ".join(_filled(lines))
    return note.startswith("(") and note.endswith(")")


def _filled(lines: list[str]) -> list[str]:
    return [ln.strip() for ln in lines if ln.strip()]


def _continued(title: str, line: str) -> bool:
    """Whether a slide's title goes on on the next line: that line starts in lower case
    ("Det handler om, at / folde ud"), or the title stops at a colon or a small word
    ("Opfølgning på tema: / Kompetenceforhold", "MED organisationen i / Albertslund Kommune")."""
    if not line or BULLET.match(line):
        return False
    if line[:1].islower():
        return len(title) < 50
    stops = title.endswith(":") or title.split()[-1] in _CONTINUES
    return stops and len(f"{title} {line}".split()) <= _TITLE_WORDS


def _title(lines: list[str]) -> tuple[str, list[str]]:
    """The first line, plus the lines the title goes on on (_continued)."""
    lines = list(lines)
    while lines and (not lines[0].strip() or lines[0].startswith("http")):
        lines.pop(0)
    title = lines[0].lstrip("#").strip()
    rest = lines[1:]
    while rest and _continued(title, rest[0].strip()):
        title = f"{title} {rest[0].strip()}"
        rest = rest[1:]
    if len(title.split()) > _TITLE_WORDS or title.split()[-1] in _CONTINUES:
        # body text, not a title: name the slide by its opening words
        return " ".join(title.split()[:6]) + " …", lines
    return title.rstrip(":"), rest
