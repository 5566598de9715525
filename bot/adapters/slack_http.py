"""Slack's transports: the Events API over HTTP (bolt verifies the signature; this only carries
bytes in and out) and Socket Mode (no public URL needed)."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def socket_mode(app, app_token: str):
    """Socket Mode: Slack pushes events over a websocket we open, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token)


def serve_http(app, host: str, port: int) -> ThreadingHTTPServer:
    from slack_bolt.request import BoltRequest

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            response = app.dispatch(BoltRequest(body=body, headers={k.lower(): [v] for k, v in self.headers.items()}))
            payload = (response.body or "").encode("utf-8")
            self.send_response(response.status)
            for name, values in response.headers.items():
                for value in values:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):  # request lines could carry personal case text
            pass

    return ThreadingHTTPServer((host, port), Handler)
