"""`medbot bench --concurrency N --seconds S`: N askers, each asking and waiting for its answer
before the next, through the real Slack HTTP server (signed mentions) and the real Teams endpoint
(personal-chat activities), against a local stand-in for Slack's Web API and the Bot Framework
connector. Prints throughput, time to the posted answer and errors."""
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
from typing import Callable

ANSWER_WAIT = 60.0  # seconds an asker waits for its answer before counting an error


class _Platform:
    """Slack's Web API and the Bot Framework connector in one: every call answered with ok; the time
    each answer arrives is noted, by Slack thread (chat.postMessage's thread_ts) or by the Teams
    activity it replies to (…/activities/<id>, a message, not typing)."""

    def __init__(self):
        self.answered: dict[str, float] = {}
        self.arrived = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = None
                if self.path.endswith("/chat.postMessage"):
                    key = json.loads(raw or b"{}").get("thread_ts", "")
                elif "/v3/conversations/" in self.path and json.loads(raw or b"{}").get("type") == "message":
                    key = self.path.rstrip("/").split("/")[-1]
                if key is not None:
                    with outer.arrived:
                        outer.answered[key] = time.perf_counter()
                        outer.arrived.notify_all()
                payload = json.dumps({"ok": True, "ts": "1.1", "messages": [], "id": "r1"}).encode()
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
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def wait(self, key: str, seconds: float) -> float | None:
        deadline = time.perf_counter() + seconds
        with self.arrived:
            while key not in self.answered:
                left = deadline - time.perf_counter()
                if left <= 0 or not self.arrived.wait(left):
                    return self.answered.get(key)
            return self.answered[key]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def run_load(app, concurrencies: list[int], seconds: float, questions: list[str]) -> None:
    from bot.adapters import slack, teams_server
    from bot.chat.channels import ChannelConfig
    from bot.chat.conversation import Conversation
    from bot.chat.events import EventLog
    from bot.chat.feedback import FeedbackStore

    platform, secret = _Platform(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as tmp:  # the bench's answers never reach the real feedback store
        state = Path(tmp) / "bench.sqlite"
        # every chat allowed, as the default channel config allows: the bench measures answering
        chat = Conversation(app.answerer, FeedbackStore(state, 1), ChannelConfig(), app.settings.handover)
        bolt = slack.build_app(chat, {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": secret,
                                      "SLACK_API_URL": platform.url + "/api/"}, EventLog(state))
        server = slack.serve_http(bolt, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        teams = teams_server.InBackground(teams_server.build_web_app(chat, {}))
        for q in questions:  # warm: the model, the lexical index, the store's caches
            app.answerer.answer(q)
        surfaces = {"the Slack HTTP server": _slack_asker(f"http://127.0.0.1:{server.server_port}/slack/events", secret),
                    "the Teams endpoint": _teams_asker(teams.url, platform.url)}
        try:
            for name, ask in surfaces.items():
                print(f"load through {name}, {seconds:.0f} s each (time to the posted answer):")
                for n in concurrencies:
                    _report(n, *_drive(ask, platform, n, seconds, questions, app.retriever.forget_questions))
        finally:
            server.shutdown()
            server.server_close()
            teams.close()
            platform.close()


Asker = Callable[[str, int, int, int], tuple[int, str]]  # (question, askers, which asker, n) -> (status, key)


def _slack_asker(url: str, secret: str) -> Asker:
    """Sends a question as a signed app mention; returns (HTTP status, the key its answer arrives by)."""
    def ask(question: str, askers: int, me: int, n: int):
        ts = f"{1_700_000_000 + n}.{askers:06d}"
        body = json.dumps({"type": "event_callback", "team_id": "TBENCH", "event_id": f"EvB{askers}-{n}", "event": {
            "type": "app_mention", "user": "UBENCH", "text": f"<@UBOT> {question}", "ts": ts, "channel": "CBENCH"}})
        stamp = str(int(time.time()))
        signature = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        return _post(url, body, {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}), ts
    return ask


def _teams_asker(url: str, connector: str) -> Asker:
    """Sends a question as a personal-chat message activity; the answer replies to its id."""
    def ask(question: str, askers: int, me: int, n: int):
        activity = {"type": "message", "id": f"b{askers}-{n}", "channelId": "msteams", "serviceUrl": connector,
                    "from": {"id": f"29:bench-{askers}-{me}", "name": "Bench"}, "recipient": {"id": "28:medbot"},
                    "text": question, "conversation": {"id": f"a:bench-{askers}-{me}", "conversationType": "personal"}}
        return _post(url, json.dumps(activity), {}), f"b{askers}-{n}"
    return ask


def _drive(ask: Asker, platform: _Platform, askers: int, seconds: float, questions: list[str], forget):
    """forget: drops the embeddings of questions already asked, so each is embedded as a new one is."""
    numbers, latencies, errors, lock = itertools.count(), [], [], threading.Lock()
    stop = time.perf_counter() + seconds

    def asker(me: int):
        while time.perf_counter() < stop:
            n = next(numbers)
            forget()
            started = time.perf_counter()
            try:
                status, key = ask(questions[n % len(questions)], askers, me, n)
            except OSError as exc:  # a reset or refused connection
                status, key = type(exc).__name__, ""
            answered = platform.wait(key, ANSWER_WAIT) if status in (200, 201, 202) else None
            with lock:
                if answered is None:
                    errors.append(status)
                else:
                    latencies.append(answered - started)

    threads = [threading.Thread(target=asker, args=(me,)) for me in range(askers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + ANSWER_WAIT + 30)
    return latencies, errors, seconds


def _post(url: str, body: str, headers: dict) -> int:
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
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
