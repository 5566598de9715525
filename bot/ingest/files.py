"""Which files in the knowledge folder are documents, and why each of the others is left out.

A name that is not UTF-8, a link out of the folder, a file too big: each is reported by name and
skipped, never fatal, and never read (a link to /etc/passwd must not become searchable).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.ingest.manifest import CONFIG_FILES


@dataclass(frozen=True)
class Listing:
    files: list[Path]
    skipped: list[tuple[str, str]]  # (the name shown safely, why)


def list_documents(root: Path, max_bytes: int) -> Listing:
    files, skipped = [], []
    real_root = root.resolve()
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .git, .venv, the index's own .medbot/
        for entry in sorted(dirs):  # a linked folder is not walked into by os.walk: say so, do not follow
            if os.path.islink(os.path.join(folder, entry)):
                skipped.append((shown(Path(folder, entry).relative_to(root)), "mappen er et link; læg dokumenterne i selve mappen"))
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(root)
            if name.startswith(".") or name in CONFIG_FILES:
                continue
            reason = _why_not(path, rel, real_root, max_bytes)
            if reason:
                skipped.append((shown(rel), reason))
            else:
                files.append(path)
    return Listing(sorted(files), skipped)


def _why_not(path: Path, rel: Path, real_root: Path, max_bytes: int) -> str:
    if not _utf8(str(rel)):
        return "filnavnet er ikke gyldigt UTF-8; omdøb filen"
    if path.is_symlink() and not path.resolve().is_relative_to(real_root):
        return "linket peger uden for vidensmappen"
    try:
        info = path.stat()
    except FileNotFoundError:
        return "filen findes ikke (forsvundet, eller et link der peger på intet)"
    except OSError as exc:
        return f"filen kan ikke læses ({exc.strerror or type(exc).__name__})"
    if not path.is_file():
        return "ikke en almindelig fil"
    if info.st_size > max_bytes:
        return f"filen er {info.st_size / 2**20:.0f} MB; grænsen er {max_bytes / 2**20:.0f} MB (MEDBOT_MAX_FILE_MB)"
    return ""


def shown(rel: Path) -> str:
    """A name as a person can read it and a terminal or log can print it: bytes that are not
    UTF-8 become U+FFFD instead of an encoding error."""
    return os.fsencode(rel).decode("utf-8", "replace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # Python keeps undecodable bytes as lone surrogates
        return False
    return True
