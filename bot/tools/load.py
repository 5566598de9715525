"""`medbot bench --concurrency N --seconds S`: N askers, each sending a signed Slack mention and
waiting for its answer before the next, through the real Slack HTTP server, against a local
stand-in for Slack's Web API. Prints throughput, time to the posted answer and errors."""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ANSWER_WAIT = 60.0  # seconds an asker waits for its answer before counting an error


class _WebApi:
    """Answers every Web API call with ok; notes when each thread got its answer."""

    def __init__(self):
        self.answered: dict[str, float] = {}
        self.arrived = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                method = self.path.rstrip("/").split("/")[-1]
                if method == "chat.postMessage":
                    thread = json.loads(raw or b"{}").get("thread_ts", "")
                    with outer.arrived:
                        outer.answered[thread] = time.perf_counter()
                        outer.arrived.notify_all()
                payload = json.dumps({"ok": True, "ts": "1.1", "messages": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/"

    def wait(self, thread: str, seconds: float) -> float | None:
        deadline = time.perf_counter() + seconds
        with self.arrived:
            while thread not in self.answered:
                left = deadline - time.perf_counter()
                if left <= 0 or not self.arrived.wait(left):
                    return self.answered.get(thread)
            return self.answered[thread]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def run_load(app, concurrencies: list[int], seconds: float, questions: list[str]) -> None:
    from bot.adapters import slack
    from bot.chat.conversation import Conversation
    from bot.chat.events import EventLog
    from bot.chat.feedback import FeedbackStore

    web_api, secret = _WebApi(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as tmp:  # the bench's answers never reach the real feedback store
        state = Path(tmp) / "bench.sqlite"
        chat = Conversation(app.answerer, FeedbackStore(state, 1), app.channels, app.settings.handover)
        bolt = slack.build_app(chat, {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": secret,
                                      "SLACK_API_URL": web_api.url}, EventLog(state))
        server = slack.serve_http(bolt, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/slack/events"
        for q in questions:  # warm: the model, the lexical index, the store's caches
            app.answerer.answer(q)
        print(f"load through the Slack HTTP server, {seconds:.0f} s each (time to the posted answer):")
        try:
            for n in concurrencies:
                _report(n, *_drive(url, secret, web_api, n, seconds, questions, app.retriever.forget_questions))
        finally:
            server.shutdown()
            server.server_close()
            web_api.close()


def _drive(url: str, secret: str, web_api: _WebApi, askers: int, seconds: float, questions: list[str], forget):
    """forget: drops the embeddings of questions already asked, so each is embedded as a new one is."""
    numbers, latencies, errors, lock = itertools.count(), [], [], threading.Lock()
    stop = time.perf_counter() + seconds

    def asker():
        while time.perf_counter() < stop:
            n = next(numbers)
            ts = f"{1_700_000_000 + n}.{askers:06d}"
            body = json.dumps({"type": "event_callback", "team_id": "TBENCH", "event_id": f"EvB{askers}-{n}", "event": {
                "type": "app_mention", "user": "UBENCH", "text": f"<@UBOT> {questions[n % len(questions)]}",
                "ts": ts, "channel": "CBENCH"}})
            forget()
            started = time.perf_counter()
            try:
                status = _post(url, body, secret)
            except OSError as exc:  # a reset or refused connection
                status = type(exc).__name__
            answered = web_api.wait(ts, ANSWER_WAIT) if status == 200 else None
            with lock:
                if answered is None:
                    errors.append(status)
                else:
                    latencies.append(answered - started)

    threads = [threading.Thread(target=asker) for _ in range(askers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + ANSWER_WAIT + 30)
    return latencies, errors, seconds


def _post(url: str, body: str, secret: str) -> int:
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _report(askers: int, latencies: list[float], errors: list, seconds: float) -> None:
    done = sorted(latencies)

    def at(p: float) -> float:
        return done[min(len(done) - 1, int(p * len(done)))] * 1000 if done else float("nan")

    print(f"  {askers:3d} askers: {len(done) / seconds:6.1f} answers/s   p50 {statistics.median(done) * 1000 if done else float('nan'):7.0f} ms"
          f"   p95 {at(0.95):7.0f} ms   p99 {at(0.99):7.0f} ms   errors {len(errors)}"
          + (f" ({', '.join(sorted({str(e) for e in errors}))})" if errors else ""))
