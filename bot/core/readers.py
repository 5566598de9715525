"""Read each supported file format into pages of plain text, or say clearly why not.

pypdf (pure Python, maintained, handles encryption flags), python-docx (heading styles),
BeautifulSoup with lxml (tolerant HTML). Headings from DOCX/HTML come out as Markdown
"#" lines so one chunker serves every format.
"""
from __future__ import annotations

from pathlib import Path

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


class ReadError(Exception):
    """A file that cannot be indexed; the message is the reason a person reads."""


def read_pages(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"filtypen {suffix or '(ingen)'} understøttes ikke (kun {', '.join(SUPPORTED)})")
    if path.stat().st_size == 0:
        raise ReadError("filen er tom")
    reader = {".pdf": _read_pdf, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}
    pages = reader.get(suffix, _read_text)(path)
    if not any(p.strip() for p in pages):
        raise ReadError("filen indeholder ingen tekst" + (" (skannet PDF uden tekstlag?)" if suffix == ".pdf" else ""))
    return pages


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"teksten er ikke UTF-8 (ugyldig byte ved position {exc.start}); gem filen som UTF-8"
        ) from None


def _read_text(path: Path) -> list[str]:
    return _decode(path).split("\f")


def _read_pdf(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pdf = PdfReader(str(path))
        if pdf.is_encrypted:
            raise ReadError("PDF'en er krypteret/beskyttet med adgangskode")
        return [page.extract_text() or "" for page in pdf.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"PDF'en er beskadiget og kan ikke læses ({type(exc).__name__})") from None


def _read_docx(path: Path) -> list[str]:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"DOCX-filen er beskadiget og kan ikke læses ({type(exc).__name__})") from None
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        style = (para.style.name or "").lower() if para.style is not None else ""
        if text and style.startswith(("heading", "overskrift", "title")):
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            lines.append("#" * level + " " + text)
        else:
            lines.append(text)
        lines.append("")
    return ["\n".join(lines)]


def _read_html(path: Path) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path), "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    lines = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre", "blockquote"]):
        if el.find(["p", "li", "td"]):  # its children are visited on their own
            continue
        text = " ".join(el.get_text(" ").split())
        if text:
            prefix = "#" * int(el.name[1]) + " " if el.name[0] == "h" and el.name[1:].isdigit() else ""
            lines += [prefix + text, ""]
    return ["\n".join(lines)]
