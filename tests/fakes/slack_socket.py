"""A local websocket server playing Slack's Socket Mode endpoint: says hello, sends envelopes,
records the acknowledgements it gets back."""
from __future__ import annotations

import json
import queue
import threading
import time

from websockets.sync.server import serve


class FakeSocketMode:
    def __init__(self):
        self.outbox: queue.Queue[dict] = queue.Queue()
        self.acks: list[dict] = []

        def handler(connection):
            connection.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}}))
            while True:
                try:
                    connection.send(json.dumps(self.outbox.get(timeout=0.05)))
                except queue.Empty:
                    pass
                try:
                    self.acks.append(json.loads(connection.recv(timeout=0.05)))
                except TimeoutError:
                    pass
                except Exception:
                    return

        self.server = serve(handler, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"

    def send_event(self, envelope_id: str, body: dict) -> None:
        self.outbox.put({"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
                         "retry_attempt": 0, "retry_reason": "", "payload": body})

    def wait_for_ack(self, envelope_id: str, seconds: float = 30.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(a.get("envelope_id") == envelope_id for a in self.acks):
                return True
            time.sleep(0.05)
        return False

    def close(self):
        self.server.shutdown()
