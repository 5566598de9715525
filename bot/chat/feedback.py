"""Answers given, the 👍/👎 they got, and questions handed to a person ("cases"), in one local
SQLite file shared by Slack and Teams. Also where a chat adapter keeps the places it may post to.

A question can describe a person's own case, so nothing that holds one is kept for ever: after
`retention_days` an answer (question included) is forgotten unless a person still has its case
open, a solved case is forgotten, a vote keeps only its 👍/👎 (not who gave it), and a place that
is not lasting (a chat thread's recent turns) is dropped."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import NamedTuple

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
    def __init__(self, path: Path, retention_days: float, clock=time.time):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        self.retention_seconds, self._clock, self._swept = retention_days * 86400, clock, float("-inf")
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, channel TEXT, at REAL, answer TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS feedback (id TEXT, vote TEXT, user TEXT, channel TEXT, at REAL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, asker TEXT, channel TEXT, "
                             "opened REAL, resolved_by TEXT, resolved REAL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS places (key TEXT PRIMARY KEY, value TEXT, at REAL, "
                             "lasting INTEGER DEFAULT 0)")
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(places)")}
            if "at" not in columns:  # a file from before retention: its places count from now, and
                # the Bot Framework conversation references among them (where to post) are lasting
                self._db.execute("ALTER TABLE places ADD COLUMN at REAL")
                self._db.execute("ALTER TABLE places ADD COLUMN lasting INTEGER DEFAULT 0")
                self._db.execute("UPDATE places SET at = ?, lasting = json_extract(value, '$.serviceUrl') "
                                 "IS NOT NULL", (clock(),))
        self.forget_expired()

    def forget_expired(self) -> None:
        cutoff = self._clock() - self.retention_seconds
        with self._lock, self._db:
            self._db.execute("DELETE FROM answers WHERE at < ? AND id NOT IN "
                             "(SELECT id FROM cases WHERE resolved IS NULL)", (cutoff,))
            self._db.execute("DELETE FROM cases WHERE resolved < ?", (cutoff,))
            self._db.execute("UPDATE feedback SET user = '' WHERE at < ?", (cutoff,))
            self._db.execute("DELETE FROM places WHERE at < ? AND NOT lasting", (cutoff,))
        self._swept = self._clock()

    def _sweep_now_and_then(self) -> None:
        if self._clock() - self._swept >= _SWEEP_EVERY:
            self.forget_expired()

    def remember(self, answer: Answer, channel: str) -> str:
        self._sweep_now_and_then()
        qid = uuid.uuid4().hex[:16]
        with self._lock, self._db:
            self._db.execute("INSERT INTO answers VALUES (?, ?, ?, ?)", (qid, channel, self._clock(), json.dumps(answer.to_json())))
        return qid

    def answer(self, qid: str) -> Answer | None:
        row = self._db.execute("SELECT answer FROM answers WHERE id = ?", (qid,)).fetchone()
        if not row:
            return None
        data = json.loads(row[0])
        citations = [Citation(**c) for c in data.pop("citations")]
        return Answer(citations=citations, **data)

    def vote(self, qid: str, vote: str, user: str, channel: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?)", (qid, vote, user, channel, self._clock()))

    def votes(self) -> list[tuple]:
        return self._db.execute("SELECT id, vote, channel, at FROM feedback ORDER BY at").fetchall()

    def open_case(self, qid: str, asker: str, channel: str) -> bool:
        """Hand an answered question to a person. False when it already was (a double click)."""
        with self._lock, self._db:
            cursor = self._db.execute("INSERT OR IGNORE INTO cases VALUES (?, ?, ?, ?, NULL, NULL)",
                                      (qid, asker, channel, self._clock()))
        return cursor.rowcount == 1

    def resolve_case(self, qid: str, user: str) -> bool:
        """Mark a case solved. False when it was not open."""
        with self._lock, self._db:
            cursor = self._db.execute("UPDATE cases SET resolved_by = ?, resolved = ? WHERE id = ? AND resolved IS NULL",
                                      (user, self._clock(), qid))
        return cursor.rowcount == 1

    def cases(self) -> list[Case]:
        return [Case(*row) for row in self._db.execute("SELECT * FROM cases ORDER BY opened")]

    def days_open(self, case: Case) -> float:
        """How long an open case has waited for a person."""
        return (self._clock() - case.opened) / 86400.0

    def case(self, qid: str) -> Case | None:
        row = self._db.execute("SELECT * FROM cases WHERE id = ?", (qid,)).fetchone()
        return Case(*row) if row else None

    def remember_place(self, key: str, value: dict, lasting: bool = False) -> None:
        """lasting: kept past the retention period (where to post, not what was said)."""
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO places (key, value, at, lasting) VALUES (?, ?, ?, ?)",
                             (key, json.dumps(value), self._clock(), int(lasting)))

    def place(self, key: str) -> dict | None:
        row = self._db.execute("SELECT value FROM places WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None
