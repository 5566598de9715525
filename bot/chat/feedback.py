"""Answers given, the 👍/👎 they got, and questions handed to a person ("cases"), in the database
of bot.chat.db (a SQLite file, or PostgreSQL shared by replicas), used by Slack and Teams alike. Also where a chat adapter keeps the places it may post to.

A question can describe a person's own case, so nothing that holds one is kept for ever: after
`retention_days` an answer (question included) is forgotten unless a person still has its case
open, a solved case is forgotten, a vote keeps only its 👍/👎 (not who gave it), and a place that
is not lasting (a chat thread's recent turns) is dropped."""
from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine, delete, select, update

from bot.chat import db
from bot.chat.db import answers, cases, feedback, places
from bot.models import Answer, Citation


class Case(NamedTuple):
    id: str
    asker: str
    channel: str
    opened: float
    resolved_by: str | None
    resolved: float | None


_SWEEP_EVERY = 3600.0  # seconds between sweeps for expired rows


class FeedbackStore:
    def __init__(self, target: Path | str | Engine, retention_days: float, clock=time.time):
        """target: a SQLite file, a database URL, or an engine (bot.chat.db.connect)."""
        self._db = db.connect(target)
        self.retention_seconds, self._clock, self._swept = retention_days * 86400, clock, float("-inf")
        with self._db.begin() as conn:  # places from a file before retention count from now
            conn.execute(update(places).where(places.c.at.is_(None)).values(at=clock()))
        self.forget_expired()

    def forget_expired(self) -> None:
        cutoff = self._clock() - self.retention_seconds
        open_cases = select(cases.c.id).where(cases.c.resolved.is_(None))
        with self._db.begin() as conn:
            conn.execute(delete(answers).where(answers.c.at < cutoff, answers.c.id.not_in(open_cases)))
            conn.execute(delete(cases).where(cases.c.resolved < cutoff))
            conn.execute(update(feedback).where(feedback.c.at < cutoff).values(user=""))
            conn.execute(delete(places).where(places.c.at < cutoff, places.c.lasting == 0))
        self._swept = self._clock()

    def _sweep_now_and_then(self) -> None:
        if self._clock() - self._swept >= _SWEEP_EVERY:
            self.forget_expired()

    def remember(self, answer: Answer, channel: str) -> str:
        self._sweep_now_and_then()
        qid = uuid.uuid4().hex[:16]
        with self._db.begin() as conn:
            conn.execute(answers.insert().values(id=qid, channel=channel, at=self._clock(),
                                                 answer=json.dumps(answer.to_json())))
        return qid

    def answer(self, qid: str) -> Answer | None:
        with self._db.connect() as conn:
            row = conn.execute(select(answers.c.answer).where(answers.c.id == qid)).first()
        if not row:
            return None
        data = json.loads(row[0])
        citations = [Citation(**c) for c in data.pop("citations")]
        return Answer(citations=citations, **data)

    def vote(self, qid: str, vote: str, user: str, channel: str) -> None:
        with self._db.begin() as conn:
            conn.execute(feedback.insert().values(id=qid, vote=vote, user=user, channel=channel, at=self._clock()))

    def votes(self) -> list[tuple]:
        with self._db.connect() as conn:
            return [tuple(r) for r in conn.execute(select(feedback.c.id, feedback.c.vote, feedback.c.channel,
                                                          feedback.c.at).order_by(feedback.c.at))]

    def open_case(self, qid: str, asker: str, channel: str) -> bool:
        """Hand an answered question to a person. False when it already was (a double click)."""
        with self._db.begin() as conn:
            return db.inserted(conn, db.insert(conn, cases).values(id=qid, asker=asker, channel=channel,
                                                                   opened=self._clock()).on_conflict_do_nothing())

    def resolve_case(self, qid: str, user: str) -> bool:
        """Mark a case solved. False when it was not open."""
        with self._db.begin() as conn:
            done = conn.execute(update(cases).where(cases.c.id == qid, cases.c.resolved.is_(None))
                                .values(resolved_by=user, resolved=self._clock()))
        return done.rowcount == 1

    def cases(self) -> list[Case]:
        with self._db.connect() as conn:
            return [Case(*row) for row in conn.execute(select(cases).order_by(cases.c.opened))]

    def days_open(self, case: Case) -> float:
        """How long an open case has waited for a person."""
        return (self._clock() - case.opened) / 86400.0

    def case(self, qid: str) -> Case | None:
        with self._db.connect() as conn:
            row = conn.execute(select(cases).where(cases.c.id == qid)).first()
        return Case(*row) if row else None

    def remember_place(self, key: str, value: dict, lasting: bool = False) -> None:
        """lasting: kept past the retention period (where to post, not what was said)."""
        row = {"key": key, "value": json.dumps(value), "at": self._clock(), "lasting": int(lasting)}
        with self._db.begin() as conn:
            stmt = db.insert(conn, places).values(**row)
            conn.execute(stmt.on_conflict_do_update(index_elements=[places.c.key],
                                                    set_={k: stmt.excluded[k] for k in ("value", "at", "lasting")}))

    def place(self, key: str) -> dict | None:
        with self._db.connect() as conn:
            row = conn.execute(select(places.c.value).where(places.c.key == key)).first()
        return json.loads(row[0]) if row else None
