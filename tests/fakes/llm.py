"""A local OpenAI-compatible endpoint that answers every request with one text, after a pause
(streamed over that pause when the request asks for a stream)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .http import send_json


class SleepyLLM:
    def __init__(self, reply: str, seconds: float):
        outer = self
        self.requests = 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests += 1
                if body.get("stream"):
                    return self.stream()
                time.sleep(seconds)
                try:
                    send_json(self, {"id": "x", "object": "chat.completion", "created": 0, "model": "sleepy",
                                     "choices": [{"index": 0, "finish_reason": "stop",
                                                  "message": {"role": "assistant", "content": reply}}],
                                     "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def stream(self):
                """The reply as server-sent events, a few words at a time, over the same pause."""
                words = reply.split(" ")
                parts = [" ".join(words[i:i + 4]) + " " for i in range(0, len(words), 4)]
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for part in parts:
                        time.sleep(seconds / len(parts))
                        self.wfile.write(_event({"role": "assistant", "content": part}, None))
                        self.wfile.flush()
                    self.wfile.write(_event({}, "stop") + b"data: [DONE]\n\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _event(delta: dict, finish: str | None) -> bytes:
    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "sleepy",
             "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()
