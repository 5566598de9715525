"""How many questions one person, and one channel, may ask in a minute: one user or a script
cannot keep the bot busy for everyone. Counted in the shared database, so replicas behind a load
balancer count together (a person does not get one allowance per replica)."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from sqlalchemy import Engine, delete, select, text

from bot.chat import db
from bot.chat.db import asked

WINDOW = 60.0


class RateLimits:
    def __init__(self, target: Path | str | Engine, per_user: float, per_channel: float, clock=time.time):
        """clock: wall time, the same on every replica."""
        self._db = db.connect(target)
        self.limits = {"user": per_user, "channel": per_channel}
        self._clock = clock

    def wait(self, user: str, channel: str) -> float:
        """0 when this question may be answered now (and it is counted); else the seconds until
        one may."""
        now = self._clock()
        keys = [(kind, _key(kind, who)) for kind, who in (("user", user), ("channel", channel)) if who]
        with self._db.begin() as conn:
            if conn.dialect.name == "postgresql":  # replicas check and count one at a time
                conn.execute(text("SELECT pg_advisory_xact_lock(4242002)"))
            conn.execute(delete(asked).where(asked.c.at <= now - WINDOW))  # a minute ago is forgotten
            waits = []
            for kind, key in keys:
                times = conn.execute(select(asked.c.at).where(asked.c.key == key).order_by(asked.c.at)).scalars().all()
                if len(times) >= self.limits[kind]:
                    waits.append(WINDOW - (now - times[-int(self.limits[kind])]))
            if waits:
                return max(waits)
            if keys:
                conn.execute(asked.insert(), [{"key": key, "at": now} for _, key in keys])
            return 0.0


def _key(kind: str, who: str) -> str:
    """Who is counted, hashed: the count lives a minute and needs no one's id in clear."""
    return hashlib.sha256(f"{kind}:{who}".encode()).hexdigest()[:24]
