"""What a bullet is: the one set of marks that opens a list item, and the patterns made from it.

Documents use many glyphs for a bullet (Word's symbol fonts, PDFs, slides); a slide's second
level is a lone "o"; Markdown uses "*". Every module that reads or writes a list item takes its
pattern from here."""
from __future__ import annotations

import re

MARKS = "•▪-–÷❑"  # the glyphs: a bullet wherever it opens a line
_MARK = "[" + re.escape(MARKS) + "]"
SUB_ITEM = "o"  # a slide's second level: "o Hovedudvalget", a bullet only before white space

# a line that opens a list item, as written in a source file (Markdown's "*" too)
BULLET = re.compile(rf"^(?:{_MARK}|[{SUB_ITEM}*])\s")
# the same inside text already read (no Markdown left): an item after a line break
BULLET_INSIDE = rf"\s*(?:{_MARK}|{SUB_ITEM})\s"
# an item of a list in a passage: a bullet, or a number or letter and a full stop or parenthesis
# ("1. Budgettets konsekvenser …", "a.Overvej …", "o Hovedudvalget")
ITEM = re.compile(rf"\s*(?:{_MARK}|{SUB_ITEM}\s|\d{{1,2}}[.)]|[a-zæøå][.)])")
_OPENING = re.compile(rf"^(?:{_MARK}+|{SUB_ITEM}(?=\s))\s*")


def opens_with_bullet(text: str) -> bool:
    return bool(_OPENING.match(text))


def strip_bullet(text: str) -> str:
    """The item without its bullet: "• opfølgning" -> "opfølgning" (not "pfølgning")."""
    return _OPENING.sub("", text, count=1)


def item_line(line: str) -> str:
    """A list item as its own line, as the document has it: a bullet of any shape as "•", a
    slide's second level indented, a number or letter, or a line going on from the one before."""
    text = " ".join(line.split())
    if text.startswith(f"{SUB_ITEM} "):
        return f"  ◦ {text[2:]}"  # two spaces: four make a code block in Markdown
    if text[:1] in MARKS:
        return f"• {text.lstrip(MARKS + ' ')}"
    return text
