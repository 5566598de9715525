"""The retrieve stage: the passages for a Question. Hybrid search ranks by meaning and words;
on top, what the question names goes first: the §s it names by number, the §s titled with the
subject it asks an agreement about, and the passages of an agreement it names."""
from __future__ import annotations

from bot.ask.question import Question
from bot.ask.sections import named_units, units_on_subject
from bot.models import Hit
from bot.params import DENSE_WEIGHT, DENSE_WEIGHT_ENGLISH, NAMED_AGREEMENT_WITHIN
from bot.search.hybrid import Filter, HybridSearch
from bot.search.lexical import words


class Retriever:
    """Question in, hits out. Text is parsed as a question first (`medbot search`, eval)."""

    def __init__(self, search: HybridSearch):
        self.search_engine = search

    def search(self, question: Question | str, k: int = 5, mode: str = "hybrid", flt: Filter = Filter()) -> list[Hit]:
        q = question if isinstance(question, Question) else Question.parse(question)
        # an English question meets the Danish passages' words only through the glossary
        weight = DENSE_WEIGHT_ENGLISH if q.english else DENSE_WEIGHT
        ranking = self.search_engine.rank(q.dense_text, q.lexical_text, mode, flt, weight)
        named: dict[str, None] = {}
        if mode == "hybrid":
            snapshot = self.search_engine.snapshot()
            ranked = _agreement_named_first(q, ranking.ranked, snapshot)
            # the sections the question names by number come first, or the §s on the subject it
            # asks an agreement about (sections.py)
            named = {u.id: None for u in named_units(q.sections, snapshot.units, flt.allows)
                     or units_on_subject(q.on_subject, snapshot.units, flt.allows)}
            ranking = ranking._replace(ranked=[*named, *(uid for uid in ranked if uid not in named)])
        return self.search_engine.hits(ranking, k, named)

    def lexical_index(self):
        return self.search_engine.lexical_index()

    def query_vector(self, text: str):
        return self.search_engine.query_vector(text)

    def forget_questions(self) -> None:
        self.search_engine.forget_questions()


def _agreement_named_first(q: Question, ranked: list[str], snapshot) -> list[str]:
    """"Hvad siger rammeaftalen om retningslinjer?" is answered from the framework agreement when
    it is indexed, not from the slides that quote it. Of its first NAMED_AGREEMENT_WITHIN
    passages in the ranking, however far down, those that share a word with the question besides
    the agreement's name come first, in their order ("formålet med den lokale MED-aftale" found
    its § 2, stk. 1 twelfth, behind slides on the purpose of "the" agreement). Those among the
    first NAMED_AGREEMENT_WITHIN that match by the name alone (its title page) go behind the
    others there: an agreement that says nothing of "tavshedspligt" must not push the slide that
    does out of the answer."""
    kinds = q.agreements
    about = q.subject
    if not kinds or not words(about):
        return ranked
    index, by_id = snapshot.index, snapshot.by_id
    named = [uid for uid in ranked if by_id[uid].kind in kinds][:NAMED_AGREEMENT_WITHIN]
    on_subject = [uid for uid in named if index.coverage(about, by_id[uid].with_heading())]
    top = [uid for uid in ranked[:NAMED_AGREEMENT_WITHIN] if uid not in on_subject]
    by_name = [uid for uid in top if by_id[uid].kind in kinds]
    placed = {*on_subject, *top}
    return [*on_subject, *(uid for uid in top if uid not in by_name), *by_name,
            *(uid for uid in ranked if uid not in placed)]


