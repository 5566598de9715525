"""The numbers Word draws in front of list paragraphs ("1.", "a)", "Stk. 2."), which python-docx
leaves out of a paragraph's text. Without them an agreement's numbered items lose their "nr."
and are cited as one block."""
from __future__ import annotations

from docx.oxml.ns import qn

_BULLET = "• "


class Numbering:
    """Counts list paragraphs in reading order, as Word does, per list and level."""

    def __init__(self, document):
        part = _numbering_part(document)
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> level -> (start, format, text)
        self._counts: dict[str, dict[int, int]] = {}
        if part is not None:
            self._read(part.element)

    def label(self, paragraph) -> str:
        """'3. ' for the third item of a numbered list, '• ' in a bullet list, '' elsewhere."""
        num_id, level = _num_pr(paragraph)
        levels = self._levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        start, fmt, text = levels[level]
        if fmt in ("bullet", "none"):
            return _BULLET if fmt == "bullet" else ""
        counts = self._counts.setdefault(num_id, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [lv for lv in counts if lv > level]:
            del counts[deeper]
        for lv, (lv_start, lv_fmt, _) in levels.items():
            text = text.replace(f"%{lv + 1}", _format(counts.get(lv, lv_start), lv_fmt))
        return text.strip() + " " if text.strip() else ""

    def _read(self, numbering) -> None:
        abstract = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    int(_val(lvl, "w:start") or 1), _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "")
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
            for override in num.findall(qn("w:lvlOverride")):
                level, start = int(override.get(qn("w:ilvl"), "0")), _val(override, "w:startOverride")
                if start and level in levels:
                    levels[level] = (int(start), *levels[level][1:])
            self._levels[num.get(qn("w:numId"))] = levels


def _numbering_part(document):
    """None for a document without lists (python-docx cannot make the part it lacks)."""
    try:
        return document.part.numbering_part
    except (KeyError, NotImplementedError):
        return None


def _num_pr(paragraph) -> tuple[str | None, int]:
    """The list a paragraph belongs to: set on the paragraph, or on its style or a style it is based on."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    num_id, level = None, None
    for ppr in sources:
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            continue
        num_id = num_id or _val(numpr, "w:numId")
        level = level if level is not None else _val(numpr, "w:ilvl")
    return (None if num_id in (None, "0") else num_id), int(level or 0)


def _val(node, tag: str) -> str | None:
    child = node.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out
