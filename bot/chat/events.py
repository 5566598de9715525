"""Which chat events have been taken on, so each is answered once: Slack delivers an event again
when our acknowledgement was late or lost, and with two replicas either may receive it.

Kept in the database of bot.chat.db (so it survives a restart and the processes and replicas on
it share it). An event taken on but not finished within EVENT_STALE_SECONDS (the process died
mid-answer) may be taken on again by a retry; after EVENT_MEMORY_SECONDS it is forgotten."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Engine, delete, update

from bot.chat import db
from bot.chat.db import events
from bot.params import EVENT_MEMORY_SECONDS, EVENT_STALE_SECONDS


class EventLog:
    def __init__(self, target: Path | str | Engine = ":memory:", clock=time.time):
        """target: a SQLite file, a database URL, or an engine (bot.chat.db.connect)."""
        self._db = db.connect(target)
        self._clock, self._swept = clock, float("-inf")
        self._lock = threading.Lock()  # one at a time per process: in memory, all share one connection

    def take(self, event_id: str) -> bool:
        """True for the one caller that is to answer this event now."""
        now = self._clock()
        with self._lock, self._db.begin() as conn:
            if now - self._swept > EVENT_MEMORY_SECONDS / 10:
                conn.execute(delete(events).where(events.c.taken < now - EVENT_MEMORY_SECONDS))
                self._swept = now
            if db.inserted(conn, db.insert(conn, events).values(id=event_id, taken=now).on_conflict_do_nothing()):
                return True
            return bool(conn.execute(update(events).where(events.c.id == event_id, events.c.done == 0,
                                                          events.c.taken < now - EVENT_STALE_SECONDS)
                                     .values(taken=now)).rowcount)

    def done(self, event_id: str) -> None:
        with self._lock, self._db.begin() as conn:
            conn.execute(update(events).where(events.c.id == event_id).values(done=1))
