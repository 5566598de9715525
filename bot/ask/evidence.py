"""The evidence stage: what retrieval found for a Question, each of its sentences scored against
the question, and how confident that makes an answer. Every composer reads the same Evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.ask.confidence import features, fitted
from bot.ask.question import Question
from bot.models import Hit
from bot.params import (ASKS_A_QUESTION, BEHIND_WEIGHT, CALIBRATED_RANK_STEP, FOCUS_BONUS, FOCUS_VECTOR,
                        MIN_SENTENCE_WORDS, NEAREST, RANK_STEP, SENTENCE_COVERAGE, SENTENCES_FROM)
from bot.search.hybrid import Filter
from bot.text.cases import is_case


@dataclass
class Sentence:
    hit_rank: int
    hit: Hit
    start: int
    end: int
    score: float
    item: bool = False  # a line of a list (lists.py), shown on a line of its own
    held_back: float = 0.0  # what its unit's place took off its score (RANK_STEP, BEHIND_WEIGHT)
    evidence: float = 0.0  # its score as the refusal threshold was calibrated on (confidence)

    @property
    def text(self) -> str:
        return self.hit.unit.text[self.start : self.end]


@dataclass
class Evidence:
    hits: list[Hit]
    sentences: list[Sentence] = field(default_factory=list)
    confidence: float = 0.0
    features: dict[str, float] = field(default_factory=dict)  # what the confidence was computed from
    nearest: list[Hit] = field(default_factory=list)  # for a refusal: the first hits on the subject
    covers: tuple[str, ...] = ()  # … and when none is, the titles of the documents searched

    def on_subject(self, retriever, q: Question, flt: Filter) -> "Evidence":
        """The passages a refusal may offer: of the first NEAREST hits, those holding a term of the
        question. An off-subject passage (a "STOP — tak for i dag" slide for a holiday question)
        does not help; then the refusal says which documents it searched instead. Measured on the
        gold refusals: on seen batches 4 of 4 passages that answer kept, 50 of 123 out-of-scope
        passages dropped; on held-out 93 of 96 kept, 9 of 84 dropped (any higher share of terms
        lost more answering passages than it dropped off-subject ones)."""
        units, lexical = retriever.lexical_index()
        self.nearest = [h for h in self.hits[:NEAREST] if lexical.coverage(q.terms, h.unit.with_heading()) > 0]
        if not self.nearest:
            self.covers = tuple(sorted({u.title for u in units if flt.allows(u)}))
        return self

    @property
    def named(self) -> list[Hit]:
        """The passages the question names by number ("§ 8"), first among the hits when any is."""
        return [h for h in self.hits if h.named] if self.hits and self.hits[0].named else []


class Weigher:
    """Scores sentences and confidence over one retriever and store."""

    def __init__(self, retriever, store):
        self.retriever, self.store = retriever, store

    def gather(self, q: Question, flt: Filter, k: int) -> Evidence:
        """What retrieval found, its sentences scored, and how confident that makes an answer.
        A follow-up's units get up to FOCUS_BONUS (one standard deviation of the hybrid score)
        for holding the new turn's words: retrieval ranks the words of both turns alike, so "og i
        Fredericia?" after "Hvornår er MED26 i København?" could rank København first."""
        hits = self.retriever.search(q, k=k, flt=flt)
        if not hits:
            return Evidence([])
        if q.focus and not hits[0].named:  # a § named by number keeps its own order
            _, lexical = self.retriever.lexical_index()
            hits = sorted(hits, key=lambda h: -(h.score + FOCUS_BONUS * lexical.coverage(
                q.focus_terms, h.unit.with_heading())))
        sentences = self.score_sentences(q, hits)
        if hits[0].named:  # a § asked for by number is there: no doubt to weigh
            return Evidence(hits, sentences, 1.0)
        values = self.features(q, hits, sentences)
        return Evidence(hits, sentences, probability(values), values)

    def score_sentences(self, q: Question, hits: list[Hit], sentences_from: int = SENTENCES_FROM,
                        focus: bool = True) -> list[Sentence]:
        """The sentences of the first SENTENCES_FROM hits that are not a discussion case, each scored:
        cosine to the question, plus the question terms the sentence (and its heading) holds,
        minus what its unit's place holds back (RANK_STEP, BEHIND_WEIGHT); a sentence that asks a
        question (a slide exercise) answers nothing, nor does one that only names a §, nor one that
        only repeats the question's words (but to a yes/no question), nor a discussion case unless
        the question is about it (cases.py). Scored against the question as asked: with English
        questions' MED terms put in Danish, half of the English questions that passed the
        threshold cited the wrong passage (development gold, 3 of 6). focus: a follow-up's new turn
        weighs in (FOCUS_VECTOR)."""
        qv = self.retriever.query_vector(q.text)
        if focus and q.focus:  # a follow-up: what the new turn asks, in the thread's context
            qv = (1 - FOCUS_VECTOR) * qv + FOCUS_VECTOR * self.retriever.query_vector(q.focus)
            qv = qv / np.linalg.norm(qv)
        _, lexical = self.retriever.lexical_index()
        # a discussion case is a claim put up for debate (cases.py); rank stays the retrieval rank
        read = [(rank, hit) for rank, hit in enumerate(hits)
                if q.about_case or not is_case(hit.unit.text)][:sentences_from]
        vectors = self.store.sentence_vectors([hit.unit.id for _, hit in read])
        behind = _behind(hits)
        out = []
        for rank, hit in read:
            for start, end, vec in vectors.get(hit.unit.id, []):
                text = hit.unit.text[start:end]
                if len(text.split()) < MIN_SENTENCE_WORDS:
                    continue
                # the question's own words answer nothing, but to a question for a yes or a no, where
                # they say yes; a lead-in to a list does (compose.list_after)
                if not q.yes_or_no and lexical.only_repeats(f"{q.text} {q.terms}", text) and not text.rstrip().endswith(":"):
                    continue
                held_back = RANK_STEP * rank + BEHIND_WEIGHT * behind[rank]
                score = float(vec @ qv) - held_back
                score += SENTENCE_COVERAGE * lexical.coverage(q.terms, f"{hit.unit.heading} {text}")
                score -= ASKS_A_QUESTION if text.rstrip().endswith("?") and not q.wants_questions else 0.0
                evidence = score + held_back - CALIBRATED_RANK_STEP * rank
                out.append(Sentence(rank, hit, start, end, score, held_back=held_back, evidence=evidence))
        return sorted(out, key=lambda s: -s.score)

    def confidence(self, q: Question, hits: list[Hit], sentences: list[Sentence]) -> float:
        """The probability that an answer from these sentences cites the passage that answers."""
        return probability(self.features(q, hits, sentences))

    def features(self, q: Question, hits: list[Hit], sentences: list[Sentence]) -> dict[str, float]:
        _, lexical = self.retriever.lexical_index()
        return features(q, hits, sentences, lexical)


def probability(values: dict[str, float]) -> float:
    model = fitted()
    return model.probability(values) if model else 0.5  # not fitted yet: `medbot fit-confidence`


def _behind(hits: list[Hit]) -> list[float]:
    """For each hit, how far its score is behind the best hit ranked above it (0 for one ahead of
    all above it): a passage put first because the question names its agreement, or a follow-up's
    new words, is not held back for scoring lower."""
    out, best = [], float("-inf")
    for hit in hits:
        best = max(best, hit.score)
        out.append(best - hit.score)
    return out
