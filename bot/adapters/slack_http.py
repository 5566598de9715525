"""Slack's transports: the Events API over HTTP (bolt verifies the signature; this only carries
bytes in and out) and Socket Mode (no public URL needed)."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.adapters.logs import new_request
from bot.params import HTTP_BACKLOG, HTTP_MAX_BODY, HTTP_READ_SECONDS


def socket_mode(app, app_token: str):
    """Socket Mode: Slack pushes events over a websocket we open, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token)


class _Server(ThreadingHTTPServer):
    request_queue_size = HTTP_BACKLOG  # a burst of askers waits in the queue instead of being reset
    daemon_threads = True


def serve_http(app, host: str, port: int, ready=None) -> ThreadingHTTPServer:
    """ready: says whether the bot can answer, (ready, what each part says), for /readyz."""
    from slack_bolt.request import BoltRequest

    class Handler(BaseHTTPRequestHandler):
        timeout = HTTP_READ_SECONDS  # an idle or trickling client gives up its thread

        def do_GET(self):
            if self.path == "/healthz":  # the process is up and serving HTTP
                return self._send(200, '{"status": "ok"}', {"Content-Type": ["application/json"]})
            if self.path == "/readyz" and ready is not None:
                ok, parts = ready()
                body = json.dumps({"status": "ready" if ok else "not ready", **parts}, ensure_ascii=False)
                return self._send(200 if ok else 503, body, {"Content-Type": ["application/json"]})
            self._send(404, "not found")

        def do_POST(self):
            new_request(self.headers.get("X-Slack-Request-Id"))
            length = self.headers.get("Content-Length", "")
            if not length.isdigit():
                return self._send(411 if not length else 400, "a Content-Length is needed")
            if int(length) > HTTP_MAX_BODY:  # refused before a byte of it is read
                self.close_connection = True
                return self._send(413, f"the body is over {HTTP_MAX_BODY} bytes")
            raw = self.rfile.read(int(length))
            try:
                body = raw.decode("utf-8")
                if "json" in self.headers.get("Content-Type", ""):
                    json.loads(body)
            except ValueError:  # UnicodeDecodeError and JSONDecodeError both
                return self._send(400, "the body is not UTF-8 JSON")
            response = app.dispatch(BoltRequest(body=body, headers={k.lower(): [v] for k, v in self.headers.items()}))
            self._send(response.status, response.body or "", response.headers)

        def _send(self, status: int, text: str, headers: dict | None = None) -> None:
            payload = text.encode("utf-8")
            self.send_response(status)
            for name, values in (headers or {}).items():
                for value in values:
                    if name.lower() != "content-length":
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):  # request lines could carry personal case text
            pass

    return _Server((host, port), Handler)
