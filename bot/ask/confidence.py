"""How confident an answer may be: a small logistic model over named features of the evidence,
fitted on the seen gold batches only (`medbot fit-confidence` writes confidence.json; held-out
batches are measured by `medbot eval`, never fitted on). Its output is the probability that the
answer cites the passage that answers."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.models import AGREEMENT_KINDS

MODEL = Path(__file__).with_name("confidence.json")
FEATURES = (
    "best_sentence",  # the best sentence's cosine to the question, less its unit's place (calibrated step)
    "coverage",  # IDF-weighted share of the question's terms in that sentence's unit
    "top_dense",  # the first passage's cosine to the question
    "top_hybrid",  # the first passage's mixed score (z-scores) ...
    "gap",  # ... and how far ahead of the second it is
    "sentence_rank",  # the place of the best sentence's passage among the hits
    "agreement",  # the best sentence is an agreement's
    "english",  # asked in English: matched across languages
    "asks_figure",  # asks for a number, a sum, a span or a time
    "yes_or_no",
    "question_words",  # how many words the question has (short ones say little)
)


def features(q, hits, sentences, lexical) -> dict[str, float]:
    strongest = max(sentences, key=lambda s: s.evidence, default=None)
    top = strongest.hit.unit if strongest else hits[0].unit
    return {
        "best_sentence": strongest.evidence if strongest else hits[0].dense,
        "coverage": lexical.coverage(q.terms, top.with_heading()),
        "top_dense": hits[0].dense,
        "top_hybrid": hits[0].score,
        "gap": hits[0].score - hits[1].score if len(hits) > 1 else 1.0,
        "sentence_rank": float(strongest.hit_rank) if strongest else 0.0,
        "agreement": float(top.kind in AGREEMENT_KINDS),
        "english": float(q.english),
        "asks_figure": float(bool(q.amount or q.when)),
        "yes_or_no": float(q.yes_or_no),
        "question_words": float(len(q.asked.split())),
    }


@dataclass(frozen=True)
class ConfidenceModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, values: dict[str, float]) -> float:
        x = (np.array([values[n] for n in self.names]) - self.mean) / self.scale
        return float(1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept))))

    @classmethod
    def from_json(cls, data: dict) -> "ConfidenceModel":
        return cls(tuple(data["features"]), np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                   float(data["intercept"]))


@lru_cache(maxsize=1)
def fitted() -> ConfidenceModel | None:
    if not MODEL.exists():
        return None
    return ConfidenceModel.from_json(json.loads(MODEL.read_text(encoding="utf-8")))
