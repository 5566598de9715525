"""What the local fake servers share: writing a JSON reply."""
import json


def send_json(handler, body: dict, status: int = 200, headers: dict | None = None) -> None:
    payload = json.dumps(body).encode()
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)
