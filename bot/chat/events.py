"""Which chat events have been taken on, so each is answered once: Slack delivers an event again
when our acknowledgement was late or lost, and with two replicas either may receive it.

Kept in the same SQLite file as the feedback (so it survives a restart and processes on one data
folder share it). An event taken on but not finished within EVENT_STALE_SECONDS (the process died
mid-answer) may be taken on again by a retry; after EVENT_MEMORY_SECONDS it is forgotten."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from bot.params import EVENT_MEMORY_SECONDS, EVENT_STALE_SECONDS


class EventLog:
    def __init__(self, path: Path | str = ":memory:", clock=time.time):
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
        self._lock, self._clock, self._swept = threading.Lock(), clock, float("-inf")
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, taken REAL, done INTEGER DEFAULT 0)")

    def take(self, event_id: str) -> bool:
        """True for the one caller that is to answer this event now."""
        now = self._clock()
        with self._lock, self._db:
            if now - self._swept > EVENT_MEMORY_SECONDS / 10:
                self._db.execute("DELETE FROM events WHERE taken < ?", (now - EVENT_MEMORY_SECONDS,))
                self._swept = now
            if self._db.execute("INSERT OR IGNORE INTO events (id, taken) VALUES (?, ?)", (event_id, now)).rowcount:
                return True
            return bool(self._db.execute("UPDATE events SET taken = ? WHERE id = ? AND NOT done AND taken < ?",
                                         (now, event_id, now - EVENT_STALE_SECONDS)).rowcount)

    def done(self, event_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("UPDATE events SET done = 1 WHERE id = ?", (event_id,))
