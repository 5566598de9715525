"""The conversation service every chat adapter uses: may this chat ask, the welcome on an empty
question, answer and remember, a thread's earlier turns, feedback, hand-over to a person and
marking it solved. Adapters translate platform events to these calls and replies back."""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field, replace
from typing import Callable

from bot.ask.question import asks_nothing
from bot.lang import da, language
from bot.models import Answer, Citation
from bot.params import HISTORY_SECONDS, HISTORY_TURNS, MAX_QUESTION_CHARS
from bot.text.redact import redact

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
    user: str = ""  # the platform's id of who asked (for the audit log, as a pseudonym)


@dataclass(frozen=True)
class Reply:
    text: str
    answer: Answer | None = None  # None for the welcome, a refusal to answer here, an error
    qid: str = ""


def kept(answer: Answer) -> Answer:
    """The answer as it is stored: CPR numbers, e-mails and phone numbers in the question (and in
    an answer that repeats them) masked. The passages are the documents' own and stay verbatim."""
    return replace(answer, question=redact(answer.question), answer=redact(answer.answer))


class Conversation:
    def __init__(self, answerer, feedback, channels, handover: str, audit=None, limits=None):
        self.answerer, self.feedback, self.channels, self.handover = answerer, feedback, channels, handover
        self.audit, self.limits = audit, limits

    def ask(self, turn: Turn, on_start: Callable[[], None] = lambda: None,
            drafts: Callable[[str], None] | None = None) -> Reply:
        """The reply to a turn. on_start: called when answering starts (a working sign), not for a
        welcome or a chat that may not ask. drafts: shown the answer as an LLM writes it, before it
        is checked (the reply is what passed)."""
        flt = self.channels.filter_for(turn.platform, list(turn.places), turn.direct)
        if flt is None:
            return Reply(da.NOT_ALLOWED)
        if asks_nothing(turn.question):  # "@MED-assistenten" alone
            return Reply(da.WELCOME)
        words = language.words(turn.question)
        if len(turn.question) > MAX_QUESTION_CHARS:
            return Reply(words.TOO_LONG.format(length=len(turn.question), limit=MAX_QUESTION_CHARS))
        if self.limits is not None and (wait := self.limits.wait(turn.user, turn.where)):
            return Reply(words.SLOW_DOWN.format(seconds=math.ceil(wait)))
        on_start()
        try:
            answer = self.answerer.answer(turn.question, list(turn.history) or None, flt, drafts=drafts)
            if self.audit is not None:
                self.audit.record(turn.platform, turn.user, answer)
            return Reply(answer.answer, answer, self.feedback.remember(kept(answer), turn.where))
        except Exception:
            log.exception("answering failed")
            return Reply(da.WORKING_ERROR)

    def thread(self, key: str) -> tuple[tuple[str, str], ...]:
        """The recent turns of a thread the platform does not keep for us (Teams)."""
        return tuple((q, a) for q, a, _ in self._recent(key))

    def remember_turn(self, key: str, reply: Reply, question: str) -> None:
        self.feedback.remember_place(key, {"turns": [*self._recent(key), [redact(question), redact(reply.text), time.time()]]})

    def _recent(self, key: str) -> list[list]:
        turns = (self.feedback.place(key) or {}).get("turns", [])
        return [t for t in turns if time.time() - t[2] < HISTORY_SECONDS][-HISTORY_TURNS:]

    def vote(self, qid: str, vote: str, user: str, where: str) -> None:
        if vote in ("up", "down"):  # who voted is kept as the audit log's pseudonym, not the platform's id
            self.feedback.vote(qid, vote, self.audit.pseudonym(user) if self.audit else user, where)

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
