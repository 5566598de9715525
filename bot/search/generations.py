"""Index generations: `medbot index` builds a new generation beside the one being served and then
moves one pointer to it, so running bots switch between requests and never see half an index.

A generation is a pair of collections (units, sentences) named with its number; the pointer is
the metadata of one more collection, in the same chromadb, so every process (and every replica on
a Chroma server) reads the same one. Readers look at the pointer at most every
GENERATION_CHECK_SECONDS; the previous generation is kept for answers still running on it."""
from __future__ import annotations

import logging
import os
import re
import threading
import time
from pathlib import Path

from bot.errors import Unusable
from bot.params import GENERATION_CHECK_SECONDS
from bot.search.store import UNITS, Store

log = logging.getLogger(__name__)
POINTER = "med_current"
REBUILD = "medbot index --rebuild"


class IndexDamaged(Unusable):
    """The index cannot be served; the message says what is wrong and how to rebuild it."""


def open_client(path: Path):
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    import chromadb
    from chromadb.config import Settings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False, allow_reset=True))


def open_server(url: str):
    """A Chroma server (`chroma run --path … --port …`), shared by every replica."""
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    from urllib.parse import urlsplit

    import chromadb
    from chromadb.config import Settings

    parts = urlsplit(url)
    https = parts.scheme == "https"
    client = chromadb.HttpClient(host=parts.hostname, port=parts.port or (443 if https else 80), ssl=https,
                                 settings=Settings(anonymized_telemetry=False))
    client.heartbeat()  # unreachable: said now, not at the first question
    return client


class Generations:
    def __init__(self, connect, tag: str, where: str, check_seconds: float = GENERATION_CHECK_SECONDS,
                 server: bool = False):
        """connect: makes the chromadb client (opened on first use); where: the index's place, for
        messages; server: a Chroma server, which is started or fixed, not rebuilt, when unreachable."""
        self._connect, self.tag, self.where, self.check_seconds = connect, tag, where, check_seconds
        self.server = server
        self._client = None
        self._store: Store | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    @property
    def client(self):
        if self._client is None:
            try:
                self._client = self._connect()
            except Exception as exc:
                if self.server:
                    raise IndexDamaged(f"Chroma-serveren på {self.where} svarer ikke ({_reason(exc)}). "
                                       "Start den, eller ret MEDBOT_CHROMA_URL") from None
                raise IndexDamaged(f"Indekset i {self.where} kan ikke åbnes ({_reason(exc)}). "
                                   f"Byg det igen: {REBUILD}") from None
        return self._client

    def current(self) -> Store:
        """The generation to answer from. A pointer that cannot be read, or a generation that cannot
        be opened, keeps the last good one (a serving bot goes on answering)."""
        with self._lock:
            now = time.monotonic()
            if self._store is not None and now - self._checked < self.check_seconds:
                return self._store
            self._checked = now
            try:
                number = self._pointer()
                if self._store is None or number != self._store.generation:
                    self._store = Store(self.client, self.tag, number, create=number == 0)
            except IndexDamaged:
                raise
            except Exception as exc:
                if self._store is None:
                    raise IndexDamaged(f"Indekset i {self.where} kan ikke læses ({_reason(exc)}). "
                                       f"Byg det igen: {REBUILD}") from None
                log.warning("index generation %d kept: the next could not be opened (%s)", self._store.generation, _reason(exc))
            return self._store

    def begin(self) -> Store:
        """A new generation, started as a copy of the current one; not served until published."""
        current = self._fresh()
        for number in self._numbers():
            if number > current.generation:  # left by an index run that did not finish
                Store(self.client, self.tag, number).drop()
        store = Store(self.client, self.tag, current.generation + 1, create=True)
        store.copy_from(current)
        return store

    def publish(self, store: Store) -> None:
        """Serve this generation from now on; generations before the previous one are dropped."""
        self.client.get_or_create_collection(f"{POINTER}_{self.tag}").modify(metadata={"generation": store.generation})
        with self._lock:
            self._store, self._checked = store, time.monotonic()
        for number in self._numbers():
            if number < store.generation - 1:
                Store(self.client, self.tag, number).drop()

    def drop_all(self) -> None:
        """Every generation and the pointer gone (`medbot index --rebuild` on a Chroma server)."""
        pattern = re.compile(rf"^med_\w+_{self.tag}(?:-g\d+)?$")
        for collection in self.client.list_collections():
            if pattern.match(collection.name):
                self.client.delete_collection(collection.name)
        with self._lock:
            self._store, self._checked = None, 0.0

    def _fresh(self) -> Store:
        with self._lock:
            self._checked = 0.0
        return self.current()

    def _pointer(self) -> int:
        found = [c for c in self.client.list_collections() if c.name == f"{POINTER}_{self.tag}"]
        return int((found[0].metadata or {}).get("generation", 0)) if found else 0

    def _numbers(self) -> list[int]:
        pattern = re.compile(rf"^{UNITS}_{self.tag}(?:-g(\d+))?$")
        return sorted(int(m.group(1) or 0) for c in self.client.list_collections() if (m := pattern.match(c.name)))


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
