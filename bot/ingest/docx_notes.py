"""A DOCX paragraph's footnotes, endnotes and text boxes, which python-docx's text leaves out.

An agreement's footnote often carries a rule ("¹ Gælder ikke for elever"), and a text box a
"Husk:" the whole section hangs on. Each is put on a line of its own after the paragraph or table
it stands in, so it is cited with it: "Fodnote 1: Gælder ikke for elever."
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}  # Word's note-area rules
_KINDS = (("footnote", RT.FOOTNOTES, "Fodnote"), ("endnote", RT.ENDNOTES, "Slutnote"))


class Notes:
    def __init__(self, document):
        self._texts = {kind: _note_texts(document, reltype, kind) for kind, reltype, _ in _KINDS}
        # Word numbers notes in reading order over the whole body, table cells included
        self._numbers = {
            kind: {ref: n for n, ref in enumerate(_visible(document.element.body, f"w:{kind}Reference"), start=1)}
            for kind, _, _ in _KINDS
        }

    def after(self, block) -> list[str]:
        """The lines to put after a paragraph or table: its text boxes' paragraphs, then its notes."""
        element = block._element
        lines = [t for box in _visible(element, "w:txbxContent") for p in _own(box, "w:p") if (t := _text(p))]
        for kind, _, label in _KINDS:
            for ref in _visible(element, f"w:{kind}Reference"):
                text = self._texts[kind].get(ref.get(qn("w:id")))
                if text:
                    lines.append(f"{label} {self._numbers[kind][ref]}: {text}")
        return lines


def _visible(element, tag: str) -> list:
    """The elements Word shows: a text box is saved twice, for new and for old Word, and the old
    copy (with any note reference inside it) sits in mc:Fallback."""
    return [e for e in element.iter(qn(tag)) if not any(a.tag == _FALLBACK for a in e.iterancestors())]


def _note_texts(document, reltype: str, kind: str) -> dict[str, str]:
    from lxml import etree

    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == reltype and not rel.is_external), None)
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    return {
        note.get(qn("w:id")): " ".join(t for p in note.iter(qn("w:p")) if (t := _text(p)))
        for note in root.iter(qn(f"w:{kind}"))
        if note.get(qn("w:type")) not in _NOT_NOTES
    }


def _own(box, tag: str) -> list:
    """A text box's own elements, not those of a box inside it, which is read as a box of its own."""
    return [e for e in box.iter(qn(tag)) if next(e.iterancestors(qn("w:txbxContent"))) is box]


def _text(p) -> str:
    """A paragraph's own text; a text box anchored in it has paragraphs of its own."""
    own = (t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is p)
    return " ".join("".join(own).split())
