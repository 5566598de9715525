"""The audit log, for a data-access request and for knowing what the bot told whom: when, on which
surface, a pseudonym of the user (a keyed hash: the key is the organisation's, from the
environment), the question with personal data masked, the units cited, found or not, confidence,
mode. Kept MEDBOT_RETENTION_DAYS, purged by itself at most a day apart while a bot serves."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
from pathlib import Path

from sqlalchemy import Engine, delete, select, update

from bot.chat import db
from bot.chat.db import audit, cases, feedback
from bot.models import Answer
from bot.text.redact import redact

PURGE_EVERY = 86400.0
PSEUDONYM = re.compile(r"[0-9a-f]{16}")  # what pseudonym() makes; no Slack or Teams id looks so


def pseudonym_key(env_value: str, data_dir: Path) -> bytes:
    """MEDBOT_PSEUDONYM_KEY, or (one machine) a random key kept beside the data, readable by the
    owner only. Replicas must share the environment's key, or one person has two pseudonyms."""
    if env_value:
        return env_value.encode()
    path = data_dir / "pseudonym.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _when(at: float | None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at or 0.0))


class AuditLog:
    def __init__(self, target: Path | str | Engine, key: bytes, retention_days: float, clock=time.time):
        self._db = db.connect(target)
        self.key, self.retention_seconds, self._clock = key, retention_days * 86400, clock
        self._purged = float("-inf")
        self._pseudonymise_votes()

    def pseudonym(self, user: str) -> str:
        return hmac.new(self.key, user.encode(), hashlib.sha256).hexdigest()[:16]

    def _pseudonymise_votes(self) -> None:
        """Votes given before who voted was kept as a pseudonym still hold the platform's id (a
        vote past retention holds none): made pseudonyms when the log is opened. Replicas may do
        it at once; a row another did is a pseudonym already."""
        with self._db.begin() as conn:
            raw = [u for (u,) in conn.execute(select(feedback.c.user).distinct()) if u and not PSEUDONYM.fullmatch(u)]
            for user in raw:
                conn.execute(update(feedback).where(feedback.c.user == user).values(user=self.pseudonym(user)))

    def record(self, surface: str, user: str, answer: Answer) -> None:
        if self._clock() - self._purged >= PURGE_EVERY:
            self.purge()
        with self._db.begin() as conn:
            conn.execute(audit.insert().values(
                at=self._clock(), surface=surface, user=self.pseudonym(user), question=redact(answer.question),
                units=json.dumps([[c.document, c.section] for c in answer.citations], ensure_ascii=False),
                found=int(answer.found), confidence=round(answer.confidence, 3), mode=answer.mode))

    def export(self, user: str) -> list[dict]:
        """Everything kept about one person (by their platform id), oldest first: the questions
        they asked, their 👍/👎 (kept under the same pseudonym) and the questions they handed to a
        person (kept under their id, which the triage post mentions)."""
        with self._db.connect() as conn:
            asked = conn.execute(select(audit).where(audit.c.user == self.pseudonym(user)))
            rows = [(r.at, {"kind": "question", "surface": r.surface, "question": r.question,
                            "cited": json.loads(r.units), "found": bool(r.found), "confidence": r.confidence,
                            "mode": r.mode}) for r in asked]
            votes = conn.execute(select(feedback).where(feedback.c.user == self.pseudonym(user)))
            rows += [(r.at, {"kind": "vote", "answer": r.id, "vote": r.vote, "channel": r.channel}) for r in votes]
            handed = conn.execute(select(cases).where(cases.c.asker == user))
            rows += [(r.opened, {"kind": "hand-over", "answer": r.id, "channel": r.channel,
                                 "solved": bool(r.resolved)}) for r in handed]
        return [{"at": _when(at), **row} for at, row in sorted(rows, key=lambda r: r[0] or 0.0)]

    def purge(self) -> int:
        """Rows past retention deleted; how many."""
        self._purged = self._clock()
        with self._db.begin() as conn:
            return conn.execute(delete(audit).where(audit.c.at < self._clock() - self.retention_seconds)).rowcount
