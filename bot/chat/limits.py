"""How many questions one person, and one channel, may ask in a minute: one user or a script
cannot keep the bot busy for everyone. Counted per process (with replicas, each counts its own)."""
from __future__ import annotations

import threading
import time
from collections import deque

WINDOW = 60.0


class RateLimits:
    def __init__(self, per_user: float, per_channel: float, clock=time.monotonic):
        self.limits = {"user": per_user, "channel": per_channel}
        self._clock, self._seen, self._lock = clock, {}, threading.Lock()

    def wait(self, user: str, channel: str) -> float:
        """0 when this question may be answered now (and it is counted); else the seconds until
        one may."""
        now = self._clock()
        keys = [(kind, key) for kind, key in (("user", user), ("channel", channel)) if key]
        with self._lock:
            if len(self._seen) > 10_000:  # forget who has not asked for a minute
                self._seen = {k: q for k, q in self._seen.items() if q and now - q[-1] < WINDOW}
            waits = []
            for kind, key in keys:
                times = self._seen.setdefault((kind, key), deque())
                while times and now - times[0] >= WINDOW:
                    times.popleft()
                if len(times) >= self.limits[kind]:
                    waits.append(WINDOW - (now - times[0]))
            if waits:
                return max(waits)
            for kind, key in keys:
                self._seen[(kind, key)].append(now)
            return 0.0
