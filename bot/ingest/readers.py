"""Read each supported file format into pages of plain text, or say clearly why not.

pypdf (pure Python, maintained, handles encryption flags), python-docx (heading styles, tables),
BeautifulSoup with lxml (tolerant HTML). Headings from DOCX/HTML/Markdown come out as "#" lines
and table rows as one line each, so one chunker serves every format (markup.py).
"""
from __future__ import annotations

from pathlib import Path

from bot.ingest.markup import declared_charset, html_lines, markdown_lines, table_row
from bot.ingest.pdf_paragraphs import mark_paragraphs

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
# Limits, not tuned numbers (kept here, not in bot.params, so a tuning change does not re-chunk
# every document): the longest agreement collections we know run to a few hundred pages.
MAX_PDF_PAGES = 2000
BINARY_SNIFF_BYTES = 8192  # as git and grep: a NUL byte in the first 8 KB means binary
# Word saves a password-protected .docx as an OLE container, as it did old .doc files
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# why a file of these kinds may read as empty though it is not
_EMPTY_HINT = {
    ".pdf": " (skannet PDF uden tekstlag?)",
    ".html": " ud over menuer og links",
    ".htm": " ud over menuer og links",
}


class ReadError(Exception):
    """A file that cannot be indexed; the message is the reason a person reads."""


def read_pages(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"filtypen {suffix or '(ingen)'} understøttes ikke (kun {', '.join(SUPPORTED)})")
    if path.stat().st_size == 0:
        raise ReadError("filen er tom")
    reader = {".pdf": _read_pdf, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html, ".md": _read_markdown}
    try:
        pages = reader.get(suffix, _read_text)(path)
    except ReadError:
        raise
    except Exception as exc:  # a parser's own error on a damaged file skips this file, not the whole run
        name = {".pdf": "PDF'en", ".docx": "DOCX-filen"}.get(suffix, "filen")
        raise ReadError(f"{name} er beskadiget og kan ikke læses ({type(exc).__name__})") from None
    if not any(p.strip() for p in pages):
        raise ReadError("filen indeholder ingen tekst" + _EMPTY_HINT.get(suffix, ""))
    return pages


def _decode(data: bytes, declared: str | None = None) -> str:
    """UTF-8, or the charset an HTML page declares; guessing would index mangled letters."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        raise ReadError(
            f"teksten er ikke UTF-8 (ugyldig byte ved position {exc.start}); gem filen som UTF-8"
        ) from None


def _read_text(path: Path) -> list[str]:
    return _decode(_text_bytes(path)).split("\f")


def _text_bytes(path: Path) -> bytes:
    """A text file's bytes; NUL bytes say it is a binary file with a text file's name."""
    data = path.read_bytes()
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ReadError(f"filen er binær, ikke tekst, selv om den hedder {path.suffix}")
    return data


def _read_markdown(path: Path) -> list[str]:
    return [markdown_lines(page) for page in _read_text(path)]


def _read_pdf(path: Path) -> list[str]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes ("EOF marker not found") are not ours to print

    pdf = PdfReader(str(path))
    if pdf.is_encrypted:
        raise ReadError("PDF'en er krypteret/beskyttet med adgangskode")
    if len(pdf.pages) > MAX_PDF_PAGES:
        raise ReadError(f"PDF'en har {len(pdf.pages)} sider; grænsen er {MAX_PDF_PAGES} (del den op)")
    return [mark_paragraphs(page.extract_text() or "", _layout_text(page)) for page in pdf.pages]


def _layout_text(page) -> str:
    """Only read for where paragraphs end (pdf_paragraphs.py): a page pypdf cannot lay out keeps
    its plain text as before, without the marks."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; the plain text is still good
        return ""


def _read_docx(path: Path) -> list[str]:
    import docx
    from docx.table import Table

    from bot.ingest.docx_notes import Notes
    from bot.ingest.docx_numbering import Numbering

    with path.open("rb") as fh:
        if fh.read(8) == _OLE_SIGNATURE:
            raise ReadError("DOCX-filen er beskyttet med adgangskode (eller er en gammel .doc-fil med endelsen .docx)")
    document = docx.Document(str(path))
    numbering, notes, lines = Numbering(document), Notes(document), []
    in_item = False  # the last paragraph was a list item's, numbered or going on under its number
    for block in document.iter_inner_content():  # paragraphs and tables in reading order
        if isinstance(block, Table):
            lines += [table_row([cell.text for cell in row.cells]) for row in block.rows]
            in_item = False
        else:
            number = numbering.label(block)
            if in_item and not number and _goes_on_under(block) and lines and not lines[-1]:
                lines.pop()  # the item's own next paragraph: no blank line, so it is not read as after the list
            in_item = bool(number) or (in_item and _goes_on_under(block))
            lines.append(_docx_paragraph(block, number))
        for note in notes.after(block):
            lines += ["", note]  # a line of its own, not run on into the paragraph or row
        lines.append("")
    return ["\n".join(lines)]


def _goes_on_under(para) -> bool:
    """Word's unnumbered list paragraph, indented as the item above it: what Enter and "no number"
    give inside a list item ("Listeafsnit" in Danish Word)."""
    style = (para.style.name or "").lower() if para.style is not None else ""
    indent = para.paragraph_format.left_indent
    return style in ("list paragraph", "listeafsnit") or bool(indent and indent > 0)


def _docx_paragraph(para, number: str) -> str:
    """number: what Word draws before it ("2. ", "Stk. 3. "), absent from python-docx's text."""
    text = para.text.strip()
    if not text:
        return ""
    style = (para.style.name or "").lower() if para.style is not None else ""
    if style.startswith(("heading", "overskrift", "title")):
        level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
        return "#" * level + " " + number + text
    return number + text


def _read_html(path: Path) -> list[str]:
    data = _text_bytes(path)
    return [html_lines(_decode(data, declared_charset(data)))]
