"""Answers given, the 👍/👎 they got, and questions handed to a person ("cases"), in one local
SQLite file shared by Slack and Teams. Also where a chat adapter keeps the places it may post to."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import NamedTuple

from .models import Answer, Citation


class Case(NamedTuple):
    id: str
    asker: str
    channel: str
    opened: float
    resolved_by: str | None
    resolved: float | None


class FeedbackStore:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, channel TEXT, at REAL, answer TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS feedback (id TEXT, vote TEXT, user TEXT, channel TEXT, at REAL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, asker TEXT, channel TEXT, "
                             "opened REAL, resolved_by TEXT, resolved REAL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS places (key TEXT PRIMARY KEY, value TEXT)")

    def remember(self, answer: Answer, channel: str) -> str:
        qid = uuid.uuid4().hex[:16]
        with self._lock, self._db:
            self._db.execute("INSERT INTO answers VALUES (?, ?, ?, ?)", (qid, channel, time.time(), json.dumps(answer.to_json())))
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
            self._db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?)", (qid, vote, user, channel, time.time()))

    def votes(self) -> list[tuple]:
        return self._db.execute("SELECT id, vote, channel, at FROM feedback ORDER BY at").fetchall()

    def open_case(self, qid: str, asker: str, channel: str) -> bool:
        """Hand an answered question to a person. False when it already was (a double click)."""
        with self._lock, self._db:
            cursor = self._db.execute("INSERT OR IGNORE INTO cases VALUES (?, ?, ?, ?, NULL, NULL)",
                                      (qid, asker, channel, time.time()))
        return cursor.rowcount == 1

    def resolve_case(self, qid: str, user: str) -> bool:
        """Mark a case solved. False when it was not open."""
        with self._lock, self._db:
            cursor = self._db.execute("UPDATE cases SET resolved_by = ?, resolved = ? WHERE id = ? AND resolved IS NULL",
                                      (user, time.time(), qid))
        return cursor.rowcount == 1

    def cases(self) -> list[Case]:
        return [Case(*row) for row in self._db.execute("SELECT * FROM cases ORDER BY opened")]

    def case(self, qid: str) -> Case | None:
        row = self._db.execute("SELECT * FROM cases WHERE id = ?", (qid,)).fetchone()
        return Case(*row) if row else None

    def remember_place(self, key: str, value: dict) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO places VALUES (?, ?)", (key, json.dumps(value)))

    def place(self, key: str) -> dict | None:
        row = self._db.execute("SELECT value FROM places WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None
