"""The check stage, shared by every composer: refuse what the evidence cannot answer, before and
after composing. A wrong rule is worse than "the documents do not say"."""
from __future__ import annotations

from bot.ask.amounts import states_amount, states_money, states_when
from bot.ask.evidence import Evidence, Sentence
from bot.ask.question import Question
from bot.ask.refusals import Refusals
from bot.ask.sections import citing, concerns, mentions
from bot.models import Answer
from bot.lang import da, en
from bot.params import HIGH_CONFIDENCE, LOOKUP_MAX, RUNNER_UP, TIMED_WITHIN
from bot.search.hybrid import Filter


class Checks:
    def __init__(self, retriever, threshold: float, refusals: Refusals):
        self.retriever, self.threshold, self.refusals = retriever, threshold, refusals

    def before(self, q: Question, ev: Evidence, flt: Filter) -> tuple[list[Sentence], Answer | None]:
        """The sentences that may answer, or the refusal: a § no document holds, a subject the
        agreement asked about never mentions, too little confidence, no sentence that states the
        figure or time asked for. A § asked for by number and found is shown: nothing to refuse."""
        if ev.named:
            return ev.sentences, None
        ev.on_subject(self.retriever, q, flt)  # what a refusal, now or after composing, offers to read
        refusal = self.not_held(q, ev, flt) or self.not_mentioned(q, ev, flt)
        if refusal:
            return [], refusal
        if not ev.sentences or ev.confidence < self.threshold:
            return [], self.refusals.not_found(q, ev, ev.confidence)
        fitting, lacking = self.fitting(q, ev.sentences)
        if not fitting:
            return [], self.refusals.not_found(q, ev, ev.confidence, lacking=lacking)
        return fitting, None

    def after(self, q: Question, ev: Evidence, fitting: list[Sentence], answer: Answer) -> Answer:
        """A composed answer to a question for a figure or a time cites a passage that states it:
        an LLM that answers "Hvor mange …?" with a number from a passage about something else is
        refused as the extractive composer would be."""
        if not answer.found or ev.named:
            return answer
        if answer.confidence < HIGH_CONFIDENCE:  # shown, with the paragraph to read: "middel"
            answer.note = " ".join(filter(None, [(en if q.english else da).NOT_SURE, answer.note]))
        if not (q.amount or q.when):
            return answer
        stating = {s.hit.unit.id for s in fitting}
        cited = {h.unit.id for c in answer.citations for h in ev.hits if (h.unit.document, h.unit.section, h.unit.text)
                 == (c.document, c.section, c.text)}
        if stating & cited:
            return answer
        return self.refusals.not_found(q, ev, answer.confidence, "time" if q.when else "amount")

    def not_held(self, q: Question, ev: Evidence, flt: Filter) -> Answer | None:
        """A question that names a § no indexed agreement holds ("Hvad siger rammeaftalens § 21?"
        with only the slides indexed) is told so, with the passages that cite that § to read: the
        answer by meaning quoted slides on other §s, and a wrong § is worse than none."""
        if not q.references:
            return None
        units, _ = self.retriever.lexical_index()
        allowed = [u for u in units if flt.allows(u)]
        cited = list({u.id: u for owner, label in q.references for u in citing(allowed, owner, label)}.values())
        return self.refusals.not_held(q, cited[:LOOKUP_MAX])

    def not_mentioned(self, q: Question, ev: Evidence, flt: Filter) -> Answer | None:
        """Asked whether an agreement says anything on a subject ("Står der noget om hjemmearbejde i
        aftalen?") that no word of the indexed agreement holds, not even inside a compound, the
        answer says so: by meaning, slides on retningslinjer were quoted as if the agreement said
        something. None when the agreement is not indexed, or it mentions the subject."""
        kinds, asked = q.on_subject  # a follow-up ("og om hjemmearbejde?") as it was understood
        if not asked:
            return None
        units, _ = self.retriever.lexical_index()
        agreements = [u for u in units if u.kind in kinds and flt.allows(u)]
        if not agreements or any(mentions(u, word) for u in agreements for word in asked):
            return None
        elsewhere = [h for h in ev.hits if h.unit.kind not in kinds and all(mentions(h.unit, w) for w in asked)][:3]
        return self.refusals.not_mentioned(q, " og ".join(sorted({u.title for u in agreements})), elsewhere)

    def fitting(self, q: Question, sentences: list[Sentence]) -> tuple[list[Sentence], str]:
        """The sentences that may answer what the question asks for, and what the answer lacks
        when none may ("amount", "time", or "" when the best sentence is a price of something
        else): a number for "hvor mange", a time for "hvornår", no stray price for anything."""
        priced = [s for s in sentences if self.priced_for_something_else(q, s)]
        if priced and priced[0] is sentences[0]:
            return [], "amount" if q.amount else ""
        sentences = [s for s in sentences if s not in priced]
        if q.amount:
            return _stating_amount(q, sentences), "amount"
        if q.when:
            return [s for s in _close(sentences, TIMED_WITHIN) if states_when(s.text)], "time"
        return sentences, ""

    def priced_for_something_else(self, q: Question, sentence: Sentence) -> bool:
        """Whether the sentence states a price (a sum, "gratis") in a passage that names nothing the
        question asks about, besides money and MED: the primer's trap of a price that belongs to a
        conference, not to a course."""
        if not states_money(sentence.text):
            return False
        _, index = self.retriever.lexical_index()
        unit = sentence.hit.unit
        return index.coverage(q.priced, f"{unit.title}\n{unit.with_heading()}") == 0.0


def _stating_amount(q: Question, sentences: list[Sentence]) -> list[Sentence]:
    """For a question that asks for a number, the close sentences that state one; and when the
    question names an agreement, in or about that agreement. "Hvad er opsigelsesvarslet for den
    lokale MED-aftale?" is not answered by the 3 months' notice of a kan-retningslinje."""
    kinds = q.agreements_asked
    return [s for s in _close(sentences)
            if states_amount(s.text, q.amount) and (not kinds or concerns(s.hit.unit, kinds))]


def _close(sentences: list[Sentence], within: float = RUNNER_UP) -> list[Sentence]:
    """The sentences that may stand in for the best: in its unit, or from another unit within
    `within` of its score (as close as a runner-up may be, by default)."""
    if not sentences:
        return []
    best = sentences[0]
    return [s for s in sentences if s.hit is best.hit or s.score >= best.score - within]
