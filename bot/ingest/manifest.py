"""The knowledge manifest: what each file in knowledge/ is (title, kind, issuer, date, url)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.models import UNKNOWN_KIND, Document

MANIFEST = "manifest.yaml"
CONFIG_FILES = {MANIFEST, "channels.yaml"}  # configuration beside the documents, never indexed
KINDS = {"rammeaftale", "lokalaftale", "vejledning", "pjece", "slides", "rapport", "invitation", UNKNOWN_KIND}


class ManifestError(Exception):
    pass


def load_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path}: not valid YAML ({exc})") from None
    entries = data.get("documents", data)
    if not isinstance(entries, dict):
        raise ManifestError(f"{path}: expected 'documents:' mapping file names to their details")
    for name, entry in entries.items():
        kind = (entry or {}).get("kind", UNKNOWN_KIND)
        if kind not in KINDS:
            raise ManifestError(f"{path}: {name} has kind '{kind}'; use one of {', '.join(sorted(KINDS))}")
    return entries


def describe(path: Path, root: Path, manifest: dict[str, dict]) -> Document:
    rel = path.relative_to(root).as_posix()
    entry = manifest.get(rel) or manifest.get(path.name) or {}
    return Document(
        file=rel,
        title=str(entry.get("title") or title_from_name(path)),
        kind=str(entry.get("kind", UNKNOWN_KIND)),
        issuer=str(entry.get("issuer", "")),
        date=str(entry.get("date", "")),
        url=str(entry.get("url", "")),
        doc_set=str(entry.get("doc_set", "default")),
    )


def title_from_name(path: Path) -> str:
    words = re.sub(r"[_\-.]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name
