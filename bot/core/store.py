"""The vector store: chromadb on disk, fed our own vectors, telemetry off."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from .models import Unit

COLLECTION = "med_units"


class Store:
    def __init__(self, path: Path, embedder_identity: str):
        os.environ["ANONYMIZED_TELEMETRY"] = "False"
        import chromadb
        from chromadb.config import Settings

        path.mkdir(parents=True, exist_ok=True)
        self.client = chromadb.PersistentClient(
            path=str(path), settings=Settings(anonymized_telemetry=False, allow_reset=True)
        )
        # vectors from another embedder would be meaningless: one collection per embedder
        name = f"{COLLECTION}_{hashlib.sha1(embedder_identity.encode()).hexdigest()[:8]}"
        self.collection = self.client.get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine", "embedder": embedder_identity}
        )
        self._units: list[Unit] | None = None

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def add(self, units: list[Unit], vectors: np.ndarray, batch: int = 500) -> None:
        for i in range(0, len(units), batch):
            part = units[i : i + batch]
            self.collection.upsert(
                ids=[u.id for u in part], embeddings=vectors[i : i + batch].tolist(),
                documents=[u.text for u in part], metadatas=[u.to_metadata() for u in part],
            )
        self._units = None

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=list(ids))
            self._units = None

    def units(self) -> list[Unit]:
        """Every unit, in a stable order (document, position): the lexical index is built from this."""
        if self._units is None:
            got = self.collection.get(include=["documents", "metadatas"])
            units = [Unit.from_metadata(t, m) for t, m in zip(got["documents"], got["metadatas"])]
            self._units = sorted(units, key=lambda u: (u.document, u.position))
        return self._units

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[Unit, float]]:
        count = self.collection.count()
        if not count:
            return []
        got = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=min(k, count), where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            (Unit.from_metadata(t, m), 1.0 - d)
            for t, m, d in zip(got["documents"][0], got["metadatas"][0], got["distances"][0])
        ]
