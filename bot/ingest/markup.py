"""HTML and Markdown markup to the plain lines the chunkers read: headings as "#" lines, one
line per table row, list items and <br> on lines of their own, inline markup gone.

Nothing readable is left out but page furniture: an exported agreement often keeps its text in
<div>s, and a "Stk. 2." that is lost is a rule the bot can no longer cite. Furniture is what the
page marks as such (<nav>, <header>, role="navigation", ...), everything beside the page's one
<main> if it has one, and, on a page without one, blocks of nothing but links (menus).
"""
from __future__ import annotations

import codecs
import re

from bot.ingest.normalize import collapse_spaces

_SKIPPED = {"script", "style", "nav", "header", "footer", "noscript", "template", "head", "button", "select"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "form", "hr", "html", "main", "ol", "p", "section", "summary",
    "ul", "table",
}
_SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search"}  # <div role="navigation"> is a <nav>
_HEADING = re.compile(r"^h([1-6])$")
_LINK_BOX_MIN = 3  # links; two could be a sentence's worth ("se bilag A og bilag B")
_LINK_BOX_SEPARATORS = re.compile(r"[\s|·•»›>/–—-]+")


def table_row(cells: list[str]) -> str:
    """A table row as one line, cells in order: 'Plukkeruter | Kan ikke opsiges'. A merged cell
    (repeated by python-docx for each column it spans) is written once."""
    texts = [" ".join(c.split()) for c in cells]
    kept = [t for i, t in enumerate(texts) if t and (i == 0 or t != texts[i - 1])]
    return " | ".join(kept)


# --- HTML ---------------------------------------------------------------------------------

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# as browsers do (WHATWG): a page that says Latin-1 is read as Windows-1252
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page's <meta> names, if Python knows it."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    name = _BROWSER_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_lines(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    main = _main_content(soup)
    walker = _Walker(drop_link_boxes=main is None)
    walker.visit(main or soup)
    walker.flush()
    return collapse_spaces("\n".join(walker.out))  # at most one blank line between blocks


def _main_content(soup):
    """The page's one <main> (or role="main"), if it marks one: an intranet page keeps its menus,
    "related links" and contact boxes beside it, often in plain <div>s and <ul>s that no <nav>
    marks, and indexed they answer questions with menu items. A page with no main, or several,
    is read whole."""
    outermost = [m for m in soup.find_all(_is_main) if not any(_is_main(p) for p in m.parents)]
    return outermost[0] if len(outermost) == 1 else None


def _is_main(tag) -> bool:
    return tag.name == "main" or tag.get("role") == "main"


def _is_link_box(tag) -> bool:
    """A block that holds nothing but links (three or more), with at most a heading over them and
    separators between them: a menu, a breadcrumb trail, a "related links" or "shortcuts" box.
    Read on a page without a main, it answered questions with menu items. A list that says
    something beside its links ("Se bilag A om trivsel") is content and kept."""
    from bs4 import NavigableString

    if len(tag.find_all("a", href=True, limit=_LINK_BOX_MIN)) < _LINK_BOX_MIN:
        return False
    return all(
        _in_link_or_heading(text, tag)
        for text in tag.find_all(string=True)
        if type(text) is NavigableString and _LINK_BOX_SEPARATORS.sub("", text)
    )


def _in_link_or_heading(text, box) -> bool:
    for parent in text.parents:
        if parent is box:
            return False
        if (parent.name == "a" and parent.has_attr("href")) or _HEADING.match(parent.name) or parent.name in _SKIPPED:
            return True
    return False


class _Walker:
    """Walks the tree once; text runs gather inline content and end at a block, a <br> or a row."""

    def __init__(self, drop_link_boxes: bool = False):
        self.drop_link_boxes = drop_link_boxes
        self.out: list[str] = []
        self.run: list[str] = []
        self.prefix = ""  # a list item's bullet or number, put before its first text
        self.items = 0  # how many list items the walk is inside

    def flush(self) -> None:
        text = " ".join("".join(self.run).split())
        self.run.clear()
        if text:
            self.out.append(self.prefix + text)
            self.prefix = ""

    def visit(self, element) -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in element.children:
            if isinstance(child, Comment) or (isinstance(child, NavigableString) and type(child) is not NavigableString):
                continue  # comments, doctype, CDATA
            if isinstance(child, NavigableString):
                self.run.append(str(child))
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag) -> None:
        name = tag.name
        if name in _SKIPPED or tag.get("role") in _SKIPPED_ROLES:
            return
        if name == "br":
            self.flush()
        elif m := _HEADING.match(name):
            self._block([f"{'#' * int(m.group(1))} {' '.join(tag.get_text(' ').split())}"])
        elif name == "tr":
            self.flush()
            row = table_row([cell.get_text(" ") for cell in tag.find_all(["td", "th"], recursive=False)])
            if row:
                self.out.append(row)
        elif name == "li":
            self.flush()
            self.prefix = _item_marker(tag)
            self.items += 1
            self.visit(tag)
            self.items -= 1
            self.flush()
            self.prefix = ""
        elif name == "pre":
            self._block(tag.get_text().strip("\n").split("\n"))
        elif name in _BLOCKS and self.drop_link_boxes and _is_link_box(tag):
            return
        elif name in _BLOCKS:
            # inside an item, no blank line: a second <p> in an <li> is still the item's, where a
            # paragraph after the list is the stykke's again (chunk_agreement._ends_list)
            gap = [] if self.items else [""]
            self.flush()
            self.out += gap
            self.visit(tag)
            self.flush()
            self.out += gap
        else:  # inline: <span>, <a>, <strong>, ...
            self.visit(tag)

    def _block(self, lines: list[str]) -> None:
        self.flush()
        self.out += ["", *lines, ""]


def _item_marker(li) -> str:
    """'3. ' in a numbered list (agreements number their items), 'c. ' in one lettered by
    <ol type="a"> (an agreement's litra), '• ' otherwise."""
    parent = li.parent
    if parent is None or parent.name != "ol":
        return "• "
    start = parent.get("start", "1")
    # by identity: bs4 finds two items with the same text equal
    place = next(i for i, item in enumerate(parent.find_all("li", recursive=False)) if item is li)
    number = (int(start) if str(start).isdigit() else 1) + place
    if str(parent.get("type", "")).lower() == "a" and number <= 26:
        return f"{'abcdefghijklmnopqrstuvwxyz'[number - 1]}. "
    return f"{number}. "


# --- Markdown -----------------------------------------------------------------------------

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK_ONLY = re.compile(r"^\s*\[[^\]]+\]\([^)]*\)\s*$")
_MD_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+\S")
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")
_INLINE = [
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]+)\]\(((?:https?:|mailto:)[^)\s]+)[^)]*\)"), r"\1 (\2)"),  # a real link keeps its address
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # '#' and relative links do not
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
]


def markdown_lines(text: str) -> str:
    """Line by line, so every line the chunkers key on ("Stk. 2.", "1.", a bullet) keeps its start."""
    out: list[str] = []
    in_item = False  # the last text was a list item's, so an indented paragraph goes on with it
    for line in text.split("\n"):
        if line.strip():
            continues = in_item and bool(_INDENTED.match(line))
            if continues and out and not out[-1].strip():
                out.pop()  # the item's own next paragraph: no blank line, so it is not read as after the list
            in_item = bool(_MD_ITEM.match(line)) or continues
        if _FENCE.match(line) or _TABLE_RULE.match(line) and "|" in line:
            continue
        if _SETEXT.match(line) and out and out[-1].strip() and not out[-1].startswith("#"):
            out[-1] = ("# " if "=" in line else "## ") + out[-1].strip()
            continue
        if _RULE.match(line):
            out.append("")
            continue
        if m := _TABLE_ROW.match(line):
            line = table_row(m.group(1).split("|"))
        # a line that is only a link stays as written: without its brackets "Klik her for at
        # tilmelde jer" would pass for a heading
        if not _LINK_ONLY.match(line):
            for pattern, replacement in _INLINE:
                line = pattern.sub(replacement, line)
        out.append(line)
    return "\n".join(out)
