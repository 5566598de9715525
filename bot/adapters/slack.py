"""Slack adapter (slack-bolt): events in, core answer, Block Kit out. Nothing else lives here."""
from __future__ import annotations

import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .slack_blocks import to_blocks

log = logging.getLogger(__name__)
FRIENDLY_ERROR = "Beklager, der gik noget galt, så jeg kunne ikke svare. Prøv igen om lidt, eller spørg en person."
_MENTION = re.compile(r"<@[A-Z0-9]+>")


def build_app(core, env: dict):
    """core: the wired App (answerer + feedback). env: SLACK_* values, read by the caller."""
    from slack_bolt import App
    from slack_bolt.response import BoltResponse
    from slack_sdk import WebClient

    client = WebClient(token=env["SLACK_BOT_TOKEN"], base_url=env.get("SLACK_API_URL") or WebClient.BASE_URL)
    app = App(client=client, signing_secret=env.get("SLACK_SIGNING_SECRET"), token_verification_enabled=False)
    seen: set[str] = set()
    seen_lock = threading.Lock()

    @app.middleware
    def skip_retries(body, request, next):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        with seen_lock:
            duplicate = request.headers.get("x-slack-retry-num") or (event_id and event_id in seen)
            if event_id:
                seen.add(event_id)
        return BoltResponse(status=200, body="") if duplicate else next()

    def reply(client, channel: str, thread_ts: str, question: str, history=None) -> None:
        client.reactions_add(channel=channel, timestamp=thread_ts, name="hourglass_flowing_sand")
        try:
            answer = core.answerer.answer(question, history)
            qid = core.feedback.remember(answer, channel)
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=answer.answer, blocks=to_blocks(answer, qid))
        except Exception:
            log.exception("answering failed")
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=FRIENDLY_ERROR)
        finally:
            client.reactions_remove(channel=channel, timestamp=thread_ts, name="hourglass_flowing_sand")

    @app.event("app_mention")
    def on_mention(event, client):
        thread = event.get("thread_ts") or event["ts"]
        history = _thread_history(client, event["channel"], thread) if event.get("thread_ts") else None
        reply(client, event["channel"], thread, _MENTION.sub("", event["text"]).strip(), history)

    @app.event("message")
    def on_direct_message(event, client):
        if event.get("channel_type") == "im" and not event.get("bot_id") and not event.get("subtype"):
            reply(client, event["channel"], event.get("thread_ts") or event["ts"], event.get("text", "").strip())

    @app.command("/med")
    def on_command(ack, command, respond):
        ack()
        answer = core.answerer.answer(command.get("text", "").strip())
        qid = core.feedback.remember(answer, command["channel_id"])
        respond(response_type="ephemeral", text=answer.answer, blocks=to_blocks(answer, qid, share=True))

    @app.action("share")
    def on_share(ack, body, client, action):
        ack()
        answer = core.feedback.answer(action["value"])
        if answer:
            client.chat_postMessage(channel=body["channel"]["id"], text=answer.answer,
                                    blocks=to_blocks(answer, action["value"]))

    @app.action(re.compile("feedback_(up|down)"))
    def on_feedback(ack, body, action):
        ack()
        core.feedback.vote(action["value"], action["action_id"].split("_")[1], body["user"]["id"],
                           (body.get("channel") or {}).get("id", ""))

    return app


def _thread_history(client, channel: str, thread_ts: str) -> list[tuple[str, str]]:
    messages = client.conversations_replies(channel=channel, ts=thread_ts).get("messages", [])
    questions = [_MENTION.sub("", m.get("text", "")).strip() for m in messages[:-1] if not m.get("bot_id")]
    return [(q, "") for q in questions if q]


def serve_http(app, host: str, port: int) -> ThreadingHTTPServer:
    """Events API over HTTP: bolt verifies the signature; this only carries bytes in and out."""
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
