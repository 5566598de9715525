"""A local HTTP server playing Slack's Web API; it records every call it receives."""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .http import send_json


class FakeSlack:
    def __init__(self):
        self.calls: list[tuple[str, dict]] = []  # the calls answered with ok
        self.faults: dict[str, list[tuple[int, dict]]] = {}  # method -> (status, headers) to answer first, in turn
        self.refused: list[tuple[str, int]] = []  # (method, status) of each call answered with a fault
        self.replies: dict[str, dict] = {"auth.test": {"user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"}}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if "json" in self.headers.get("Content-Type", ""):
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                method = self.path.rstrip("/").split("/")[-1]
                if outer.faults.get(method):
                    status, headers = outer.faults[method].pop(0)
                    outer.refused.append((method, status))
                    return send_json(self, {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"},
                                     status, headers)
                outer.calls.append((method, args))
                base = {"ok": True, "ts": "1700000000.000200", "channel": args.get("channel", "C1"), "messages": []}
                send_json(self, {**base, **outer.replies.get(method, {})})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/"

    def posted(self, method: str) -> list[dict]:
        return [args for name, args in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, seconds: float = 30.0) -> list[dict]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(self.posted(method)) >= count:
                return self.posted(method)
            time.sleep(0.05)
        return self.posted(method)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
