"""Answers given and the 👍/👎 they got, in one local SQLite file shared by Slack and Teams."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from .models import Answer, Citation


class FeedbackStore:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, channel TEXT, at REAL, answer TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS feedback (id TEXT, vote TEXT, user TEXT, channel TEXT, at REAL)")

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
