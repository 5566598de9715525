"""Incremental indexing of knowledge/: read, chunk, embed only what is new, prune what is gone."""
from __future__ import annotations

import hashlib
import json
import re
import time
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bot.ingest.chunk import chunk_document
from bot.ingest.files import list_documents
from bot.ingest.manifest import describe, load_manifest
from bot.models import Unit
from bot.ingest.readers import ReadError, read_pages
from bot.text.sentences import sentence_spans


@dataclass
class IndexReport:
    documents: int = 0
    units: int = 0
    embedded: int = 0
    removed: int = 0
    unchanged_documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


class Indexer:
    """Keeps the index in step with a folder. A change is built as a new generation beside the
    served one and published when complete; state (file hash -> unit ids) is written last and
    atomically, so a crash leaves the previous, still served, index behind."""

    def __init__(self, generations, embedder, state_file: Path, max_bytes: int = 50 * 2**20):
        self.generations, self.embedder, self.state_file = generations, embedder, state_file
        self.max_bytes = max_bytes

    def run(self, root: Path, progress: Callable[[int, int, str], None] | None = None) -> IndexReport:
        started = time.perf_counter()
        report = IndexReport()
        state = load_state(self.state_file)
        manifest = load_manifest(root)
        listing = list_documents(root, self.max_bytes)
        report.skipped += listing.skipped
        files = listing.files
        existing = self.generations.current().ids()
        new_state, wanted, fresh = {}, set(), []
        seen_hashes: dict[str, str] = {}
        for n, path in enumerate(files, start=1):
            rel = path.relative_to(root).as_posix()
            if progress:
                progress(n, len(files), rel)
            try:
                before = path.stat()
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:  # vanished or unreadable since the folder was listed
                report.skipped.append((rel, _os_reason(exc)))
                continue
            if digest in seen_hashes:
                report.skipped.append((rel, f"samme indhold som {seen_hashes[digest]} (dublet)"))
                continue
            doc = describe(path, root, manifest)
            key = _key(digest, doc)
            previous = state.get(rel)
            if previous and previous["key"] == key and existing.issuperset(previous["ids"]):
                ids = previous["ids"]
                report.unchanged_documents += 1
            else:
                try:
                    units = chunk_document(doc, read_pages(path))
                except ReadError as exc:
                    report.skipped.append((rel, str(exc)))
                    continue
                except OSError as exc:
                    report.skipped.append((rel, _os_reason(exc)))
                    continue
                if _changed(path, before):  # what was hashed is not what was read
                    report.skipped.append((rel, "filen blev ændret under indekseringen; kør medbot index igen"))
                    continue
                if not units:
                    report.skipped.append((rel, "ingen tekst at indeksere"))
                    continue
                ids = [u.id for u in units]
                fresh.extend(units)
            seen_hashes[digest] = rel
            new_state[rel] = {"key": key, "ids": ids}
            wanted.update(ids)
            report.documents += 1
            report.units += len(ids)
        if not report.documents:  # every file failed (or a wrong folder): keep what was indexed before
            report.seconds = time.perf_counter() - started
            return report
        fresh = _unique(fresh)
        stale = sorted(existing - wanted)
        if fresh or stale:
            report.embedded = self._build(fresh, existing, stale)
            report.removed = len(stale)
        self._save_state(new_state)
        report.seconds = time.perf_counter() - started
        return report

    def _build(self, fresh: list[Unit], existing: set[str], stale: list[str]) -> int:
        """The next generation: the current one with these units added or updated and the stale
        ones removed, published once complete. Returns how many units were embedded."""
        store = self.generations.begin()
        to_embed = [u for u in fresh if u.id not in existing]
        kept = [u for u in fresh if u.id in existing]
        store.update_metadata(kept)  # moved along, or retitled in the manifest: no new vector
        resplit = self._resplit(store, kept)
        if to_embed or resplit:
            rows = [(u.id, a, b, u.text[a:b]) for u in to_embed + resplit for a, b in sentence_spans(u.text)]
            vectors = self.embedder.embed_passages(
                [u.with_heading() for u in to_embed] + [text for *_, text in rows]
            )
            store.delete_sentences([u.id for u in resplit])
            store.add_sentences(rows, vectors[len(to_embed):])
            store.add(to_embed, vectors[: len(to_embed)])
        store.delete(stale)
        self.generations.publish(store)
        return len(to_embed) + len(resplit)

    def _resplit(self, store, kept: list[Unit]) -> list[Unit]:
        """Units already stored whose sentences are now cut differently (the splitter changed):
        their stored sentence spans would quote the wrong stretch of text."""
        if not kept:
            return []
        stored = store.sentence_spans([u.id for u in kept])
        return [u for u in kept if stored[u.id] != sentence_spans(u.text)]

    def _save_state(self, state: dict) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.state_file)


def _key(digest: str, doc) -> str:
    """What a document's units depend on: its bytes, its manifest entry, the reading pipeline."""
    return digest + json.dumps(doc.__dict__, sort_keys=True) + _pipeline_fingerprint()


def pending(root: Path, state_file: Path, max_bytes: int) -> tuple[list[str], list[str]]:
    """(files new or changed since the last index run, files indexed then and gone now): what
    `medbot index` would do, without reading a document. A file the index skips shows as new."""
    state = load_state(state_file)
    manifest, listing = load_manifest(root), list_documents(root, max_bytes)
    changed, present, digests = [], set(), set()
    for path in listing.files:
        rel = path.relative_to(root).as_posix()
        present.add(rel)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        if digest in digests:  # a copy of another file: skipped as a duplicate, not pending
            continue
        digests.add(digest)
        if state.get(rel, {}).get("key") != _key(digest, describe(path, root, manifest)):
            changed.append(rel)
    return changed, sorted(set(state) - present)


def load_state(state_file: Path) -> dict:
    """The last completed run's state (file -> its key and unit ids); {} when there is none or it
    cannot be read (the next run then rebuilds it)."""
    try:
        state = json.loads(state_file.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def indexed_units(state_file: Path) -> int:
    """How many units the last completed index run left in the index (0: none, or never run)."""
    return sum(len(entry.get("ids", [])) for entry in load_state(state_file).values() if isinstance(entry, dict))


@lru_cache(maxsize=1)
def _pipeline_fingerprint() -> str:
    """Changing how text is read, cut or stored re-chunks every document; nothing else does."""
    return hashlib.sha1(b"".join(_source(m).read_bytes() for m in pipeline_modules())).hexdigest()[:12]


def pipeline_modules() -> list[str]:
    """This module and every module the readers and the chunker use, followed through their
    imports, so a new reader helper cannot be left out by hand."""
    seen, todo = {__name__}, ["bot.ingest.readers", "bot.ingest.chunk"]
    while todo:
        name = todo.pop()
        if name in seen or not _source(name).exists():
            continue
        seen.add(name)
        source = _source(name).read_text(encoding="utf-8")
        todo += re.findall(r"^\s*from (bot(?:\.\w+)+) import", source, re.M)
        todo += [f"{package}.{n.strip()}" for package, group in re.findall(r"^\s*from (bot(?:\.\w+)*) import ([\w, ]+)$", source, re.M)
                 for n in group.split(",")]
    return sorted(seen)


def _source(module: str) -> Path:
    return Path(__file__).parents[2].joinpath(*module.split(".")).with_suffix(".py")


def _unique(units: list[Unit]) -> list[Unit]:
    seen, out = set(), []
    for u in units:
        if u.id not in seen:
            seen.add(u.id)
            out.append(u)
    return out


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "filen forsvandt under indekseringen"
    if isinstance(exc, PermissionError):
        return "ingen adgang til at læse filen"
    return f"filen kan ikke læses ({exc.strerror or type(exc).__name__})"


def _changed(path: Path, before) -> bool:
    try:
        after = path.stat()
    except OSError:
        return True
    return (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
