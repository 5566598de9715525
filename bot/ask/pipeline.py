"""The one place the order of the answer stages is written: parse the question, gather the
evidence, check it, compose, check the composed answer. Composers (extractive, LLM) differ only
in how they understand a follow-up and compose; the checks are the same for both."""
from __future__ import annotations

from bot.ask.checks import Checks
from bot.ask.compose_llm import Fallback
from bot.ask.evidence import Evidence, Weigher
from bot.ask.question import Question
from bot.models import Answer
from bot.search.hybrid import Filter


class Answerer:
    def __init__(self, weigher: Weigher, checks: Checks, composer, fallback: "Answerer | None" = None):
        self.weigher, self.checks, self.composer, self.fallback = weigher, checks, composer, fallback

    @property
    def mode(self) -> str:
        return self.composer.mode

    def answer(self, asked: str, history=None, flt: Filter = Filter(), drafts=None) -> Answer:
        """drafts: called with the answer as written so far, when the composer writes as it goes
        (an LLM's stream); what is finally returned has passed the checks, a draft has not."""
        try:
            return self.answer_question(self.composer.understand(asked, history), flt, drafts)
        except Fallback as failed:  # the LLM did not answer, or its answer did not hold
            answer = self.fallback.answer(failed.text, failed.history, flt)
            answer.question, answer.note = asked, failed.note
            return answer

    def answer_question(self, q: Question, flt: Filter = Filter(), drafts=None) -> Answer:
        evidence = self.weigher.gather(q, flt, self.composer.k)
        fitting, refusal = self.checks.before(q, evidence, flt)
        if refusal:
            return refusal
        answer = self.composer.compose(q, evidence, fitting, drafts)
        return self._within(self.checks.after(q, evidence, fitting, answer), q, flt)

    def _within(self, answer: Answer, q: Question, flt: Filter) -> Answer:
        """The last guard of a chat's document sets, whatever any stage added: an answer citing a
        document the chat may not see is not shown; nor is that document's passage among the nearest."""
        units, _ = self.weigher.retriever.lexical_index()
        allowed = {u.document for u in units if flt.allows(u)}
        if all(c.document in allowed for c in answer.citations):
            return answer
        return self.checks.refusals.not_found(q, Evidence([]), 0.0)
