"""The conversation service every chat adapter uses: may this chat ask, the welcome on an empty
question, answer and remember, a thread's earlier turns, feedback, hand-over to a person and
marking it solved. Adapters translate platform events to these calls and replies back."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from bot.ask.question import asks_nothing
from bot.lang import da
from bot.models import Answer, Citation
from bot.params import HISTORY_SECONDS, HISTORY_TURNS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    """One question in a chat: the platform, the chat's ids (most specific first), whether it is a
    direct chat, the question, the thread's earlier questions, and the chat to remember it under."""

    platform: str
    places: tuple[str, ...]
    direct: bool
    question: str
    where: str
    history: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Reply:
    text: str
    answer: Answer | None = None  # None for the welcome, a refusal to answer here, an error
    qid: str = ""


class Conversation:
    def __init__(self, answerer, feedback, channels, handover: str):
        self.answerer, self.feedback, self.channels, self.handover = answerer, feedback, channels, handover

    def ask(self, turn: Turn, on_start: Callable[[], None] = lambda: None) -> Reply:
        """The reply to a turn. on_start: called when answering starts (a working sign), not for a
        welcome or a chat that may not ask."""
        flt = self.channels.filter_for(turn.platform, list(turn.places), turn.direct)
        if flt is None:
            return Reply(da.NOT_ALLOWED)
        if asks_nothing(turn.question):  # "@MED-assistenten" alone
            return Reply(da.WELCOME)
        on_start()
        try:
            answer = self.answerer.answer(turn.question, list(turn.history) or None, flt)
            return Reply(answer.answer, answer, self.feedback.remember(answer, turn.where))
        except Exception:
            log.exception("answering failed")
            return Reply(da.WORKING_ERROR)

    def thread(self, key: str) -> tuple[tuple[str, str], ...]:
        """The recent turns of a thread the platform does not keep for us (Teams)."""
        return tuple((q, a) for q, a, _ in self._recent(key))

    def remember_turn(self, key: str, reply: Reply, question: str) -> None:
        self.feedback.remember_place(key, {"turns": [*self._recent(key), [question, reply.text, time.time()]]})

    def _recent(self, key: str) -> list[list]:
        turns = (self.feedback.place(key) or {}).get("turns", [])
        return [t for t in turns if time.time() - t[2] < HISTORY_SECONDS][-HISTORY_TURNS:]

    def vote(self, qid: str, vote: str, user: str, where: str) -> None:
        if vote in ("up", "down"):
            self.feedback.vote(qid, vote, user, where)

    def answer(self, qid: str) -> Answer | None:
        return self.feedback.answer(qid)

    def source(self, qid: str, n: str) -> Citation | None:
        answer = self.feedback.answer(qid)
        return next((c for c in answer.citations if str(c.n) == n), None) if answer else None

    def hand_over(self, qid: str, asker: str, where: str, triage_ready: bool) -> tuple[str, Answer | None]:
        """What the asker is told, and the answer to post for a person (None: nothing to post)."""
        answer = self.feedback.answer(qid)
        if answer is None or not triage_ready:
            return f"{da.NO_TRIAGE} {self.handover}", None
        if not self.feedback.open_case(qid, asker, where):
            return da.ALREADY_SENT, None
        return da.SENT_TO_PERSON, answer

    def resolve(self, qid: str, user: str):
        """(answer, case) once marked solved; None when there is no such case. A second click keeps
        the first solver."""
        answer = self.feedback.answer(qid)
        if answer is None or self.feedback.case(qid) is None:
            return None
        self.feedback.resolve_case(qid, user)
        return answer, self.feedback.case(qid)
