"""A local HTTP server playing the Bot Framework connector (an activity's serviceUrl):
records every activity the bot sends or updates, and gives each an id."""
from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .http import send_json


class FakeConnector:
    def __init__(self, refuse=lambda activity: False):
        """refuse: which activities to answer with 403, as Teams does a stream it does not allow."""
        self.calls: list[tuple[str, str, dict]] = []  # (method, decoded path, activity)
        self.given: list[str | None] = []  # the id each call was given (None: refused)
        ids = itertools.count(1)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                activity = json.loads(raw or "{}")
                given = None if refuse(activity) else f"activity-{next(ids)}"
                outer.calls.append((self.command, urllib.parse.unquote(self.path), activity))
                outer.given.append(given)
                if given is None:
                    send_json(self, {"error": {"code": "ContentStreamNotAllowed", "message": "Content stream is not allowed"}},
                              403)
                    return
                send_json(self, {"id": given})

            do_POST = do_PUT = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def messages(self, method: str = "POST") -> list[tuple[str, dict]]:
        """(path, activity) of every message (not typing) sent, in order."""
        return [(path, body) for m, path, body in self.calls if m == method and body.get("type") == "message"]

    def wait_for_messages(self, count: int = 1, method: str = "POST", seconds: float = 30.0) -> list[tuple[str, dict]]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and len(self.messages(method)) < count:
            time.sleep(0.05)
        return self.messages(method)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
