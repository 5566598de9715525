"""The vector store: chromadb, fed our own vectors, telemetry off. A Store is one generation of the
index (its unit and sentence collections); bot.search.generations decides which one is served."""
from __future__ import annotations

import numpy as np

from bot.models import Unit

UNITS, SENTENCES = "med_units", "med_sentences"
COPY_BATCH = 1000


class Store:
    def __init__(self, client, tag: str, generation: int, create: bool = False):
        """tag: the embedder's (vectors from another embedder would be meaningless)."""
        self.client, self.tag, self.generation = client, tag, generation
        open_ = client.get_or_create_collection if create else client.get_collection
        self.collection = open_(collection_name(UNITS, tag, generation), embedding_function=None,
                                **({"metadata": {"hnsw:space": "cosine"}} if create else {}))
        # sentence vectors let the extractive answerer pick sentences without embedding at ask time
        self.sentences = open_(collection_name(SENTENCES, tag, generation), embedding_function=None,
                               **({"metadata": {"hnsw:space": "cosine"}} if create else {}))
        self._units: list[Unit] | None = None

    def copy_from(self, other: "Store") -> None:
        """Every unit and sentence of another generation, vectors included: a new generation starts
        as the old one, so only what changed is embedded."""
        for source, target in ((other.collection, self.collection), (other.sentences, self.sentences)):
            total = source.count()
            for offset in range(0, total, COPY_BATCH):
                got = source.get(include=["embeddings", "documents", "metadatas"], limit=COPY_BATCH, offset=offset)
                if got["ids"]:
                    target.upsert(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"],
                                  metadatas=got["metadatas"])
        self._units = None

    def count(self) -> int:
        return self.collection.count()

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

    def add_sentences(self, rows: list[tuple[str, int, int, str]], vectors: np.ndarray, batch: int = 1000) -> None:
        """rows: (unit id, start, end, sentence text)."""
        for i in range(0, len(rows), batch):
            part = rows[i : i + batch]
            self.sentences.upsert(
                ids=[f"{uid}:{a}" for uid, a, _, _ in part], embeddings=vectors[i : i + batch].tolist(),
                documents=[t for *_, t in part],
                metadatas=[{"unit_id": uid, "start": a, "end": b} for uid, a, b, _ in part],
            )

    def sentence_spans(self, unit_ids: list[str]) -> dict[str, list[tuple[int, int]]]:
        return {uid: [(a, b) for a, b, _ in rows] for uid, rows in self._sentences(unit_ids, False).items()}

    def sentence_vectors(self, unit_ids: list[str]) -> dict[str, list[tuple[int, int, np.ndarray]]]:
        return self._sentences(unit_ids, True)

    def delete_sentences(self, unit_ids: list[str]) -> None:
        if unit_ids:
            self.sentences.delete(where={"unit_id": {"$in": list(unit_ids)}})

    def _sentences(self, unit_ids: list[str], with_vectors: bool) -> dict[str, list[tuple]]:
        """(start, end, vector or None) per unit, in text order."""
        include = ["metadatas", "embeddings"] if with_vectors else ["metadatas"]
        got = self.sentences.get(where={"unit_id": {"$in": list(unit_ids)}}, include=include)
        vectors = got["embeddings"] if with_vectors else [None] * len(got["metadatas"])
        out: dict[str, list] = {uid: [] for uid in unit_ids}
        for meta, vec in zip(got["metadatas"], vectors):
            out[meta["unit_id"]].append((meta["start"], meta["end"], None if vec is None else np.asarray(vec, np.float32)))
        for rows in out.values():
            rows.sort(key=lambda r: r[0])
        return out

    def update_metadata(self, units: list[Unit], batch: int = 500) -> None:
        """New position, title or page for units whose text (and so vector) is unchanged."""
        if not units:
            return
        for i in range(0, len(units), batch):
            part = units[i : i + batch]
            self.collection.update(ids=[u.id for u in part], metadatas=[u.to_metadata() for u in part])
        self._units = None

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.delete_sentences(ids)
            self.collection.delete(ids=list(ids))
            self._units = None

    def drop(self) -> None:
        for name in (self.collection.name, self.sentences.name):
            self.client.delete_collection(name)

    def units(self) -> list[Unit]:
        """Every unit, in a stable order (document, position): the lexical index is built from this."""
        if self._units is None:
            got = self.collection.get(include=["documents", "metadatas"])
            units = [Unit.from_metadata(t, m) for t, m in zip(got["documents"], got["metadatas"])]
            self._units = sorted(units, key=lambda u: (u.document, u.position))
        return self._units

    def similarities(self, vector: np.ndarray, where: dict | None = None) -> dict[str, float]:
        """Cosine similarity to every unit that matches `where`: hybrid retrieval puts the whole
        distribution on one scale with the lexical scores, so it asks for all of them."""
        count = self.collection.count()
        if not count:
            return {}
        got = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=count, where=where or None, include=["distances"],
        )
        return {uid: 1.0 - d for uid, d in zip(got["ids"][0], got["distances"][0])}


def collection_name(kind: str, tag: str, generation: int) -> str:
    """Generation 0 keeps the name an index had before generations (no rebuild needed)."""
    return f"{kind}_{tag}" if generation == 0 else f"{kind}_{tag}-g{generation}"
