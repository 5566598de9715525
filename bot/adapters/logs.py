"""Log lines of a serving bot: one JSON object per line, with the id of the request it belongs to.
What people asked is never logged; should a CPR number, e-mail or phone number reach a message or
a traceback all the same, it is masked here. Tokens are never logged (nothing logs them)."""
from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from bot.text.redact import redact

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def new_request(given: str | None = None) -> str:
    """Start a request's id (the platform's own when it sends one)."""
    rid = (given or uuid.uuid4().hex)[:32]
    request_id.set(rid)
    return rid


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
                "level": record.levelname.lower(), "logger": record.name, "request": request_id.get(),
                "message": redact(record.getMessage())}
        if record.exc_info:
            line["error"] = f"{record.exc_info[0].__name__}"
            line["trace"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


def log_as_json(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "urllib3", "chromadb", "sentence_transformers", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class CarryingExecutor(ThreadPoolExecutor):
    """A thread pool whose tasks run in the context of the code that handed them over, so an
    answer worked on in the pool logs the id of the request it answers."""

    def submit(self, fn, /, *args, **kwargs):
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)
