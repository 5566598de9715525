"""Hand-built inputs for the answer stages: units, hits, scored sentences, and the index as a stage
sees it (the real lexical index over just these units)."""
from __future__ import annotations

from bot.ask.evidence import Evidence, Sentence
from bot.models import Hit, Unit
from bot.search.lexical import LexicalIndex
from bot.text.sentences import sentence_spans


def unit(section: str, text: str, kind: str = "lokalaftale", position: int = 0, document: str = "aftale.md",
         title: str = "Prøveaftale (fiktiv)", refs: tuple[str, ...] = ()) -> Unit:
    return Unit(document=document, title=title, kind=kind, section=section, text=text, position=position, refs=refs)


class Index:
    """What the checks and composers ask of retrieval: the units and their lexical index."""

    def __init__(self, units: list[Unit]):
        self.units, self.index = units, LexicalIndex([f"{u.title}\n{u.with_heading()}" for u in units])

    def lexical_index(self):
        return self.units, self.index


def sentences(hit: Hit, rank: int, top: float) -> list[Sentence]:
    """The hit's sentences, scored from `top` down by 0.001 each, in reading order."""
    return [Sentence(rank, hit, start, end, top - 0.001 * n, evidence=top - 0.001 * n)
            for n, (start, end) in enumerate(sentence_spans(hit.unit.text))]


def evidence(units_and_scores: list[tuple[Unit, float]], confidence: float = 0.9) -> Evidence:
    hits = [Hit(u, 1.0 - 0.1 * n) for n, (u, _) in enumerate(units_and_scores)]
    scored = [s for n, (hit, (_, top)) in enumerate(zip(hits, units_and_scores)) for s in sentences(hit, n, top)]
    return Evidence(hits, sorted(scored, key=lambda s: -s.score), confidence)
