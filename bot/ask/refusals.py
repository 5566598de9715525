"""What the bot says when it does not answer, in the asker's language, with passages to read and
who to ask. The checks (checks.py) and the composers decide; this module only words it."""
from __future__ import annotations

from dataclasses import dataclass

from bot.ask.evidence import Evidence
from bot.ask.question import Question
from bot.lang import da, en
from bot.models import Answer, Citation, Hit, Unit


@dataclass(frozen=True)
class Refusals:
    handover: str  # who to ask, told to a Danish question
    handover_en: str  # … to an English one
    mode: str = "extractive"

    def not_found(self, q: Question, ev: Evidence, confidence: float = 0.0, lacking: str = "") -> Answer:
        """'I found no sure answer', with the nearest passages on the subject to read, or when none
        is, which documents were searched. lacking: the question asks for a number ("amount") or a
        time ("time") and the passages that would answer it state none. Not "the documents do not
        say": for most refusals on the gold sets the passage that answers is among the nearest shown."""
        words = en if q.english else da
        nearest = []
        for n, hit in enumerate(ev.nearest, start=1):
            best = next((s for s in ev.sentences if s.hit is hit), None)
            nearest.append(Citation.of(n, hit, best.text if best else hit.unit.text[:200]))
        figure = "time" if lacking == "time" else "money" if q.amount and q.amount.money else "amount"
        text = words.NO_FIGURE.format(figure=words.FIGURES[figure]) if lacking else words.NOT_FOUND
        more = words.NEAREST_BELOW if nearest else self._covers(words, ev.covers)
        return Answer(q.asked, f"{text}{more} {self._handover(q)}", False, confidence, self.mode, nearest)

    @staticmethod
    def _covers(words, titles: tuple[str, ...], shown: int = 5) -> str:
        if not titles:
            return ""
        named = ", ".join(titles[:shown]) + (words.AND_MORE.format(more=len(titles) - shown) if len(titles) > shown else "")
        return words.COVERS.format(titles=named)

    def not_held(self, q: Question, citing: list[Unit]) -> Answer:
        """The § asked for is in no indexed agreement: said so, with the passages that cite it."""
        words = en if q.english else da
        names = words.AND.join(f"{owner} {label}".strip() for owner, label in q.references)
        more = words.REFERRING_BELOW if citing else ""
        citations = [Citation.of(n, Hit(u, 0.0), u.text) for n, u in enumerate(citing, 1)]
        return Answer(q.asked, f"{words.NOT_HELD.format(names=names)}{more} {self._handover(q)}", False, 0.0,
                      self.mode, citations)

    def not_mentioned(self, q: Question, titles: str, elsewhere: list[Hit]) -> Answer:
        """The agreement asked about has no word of the subject: said so, with the passages of other
        documents that mention it."""
        words = en if q.english else da
        text = words.NOT_MENTIONED.format(said=" ".join(q.on_subject[1]), titles=titles)
        more = words.MENTIONED_ELSEWHERE if elsewhere else ""
        citations = [Citation.of(n, h, h.unit.text) for n, h in enumerate(elsewhere, 1)]
        return Answer(q.asked, f"{text}{more} {self._handover(q)}", False, 0.0, self.mode, citations)

    def _handover(self, q: Question) -> str:
        return self.handover_en if q.english else self.handover
