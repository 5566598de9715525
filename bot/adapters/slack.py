"""Slack adapter (slack-bolt): events in, core answer, Block Kit out. Nothing else lives here."""
from __future__ import annotations

import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..core.answer import asks_nothing
from . import wording
from .slack_blocks import source_modal, to_blocks, triage_blocks

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[A-Z0-9]+>")
WORKING = "hourglass_flowing_sand"


def build_app(core, env: dict):
    """core: the wired App (answerer, feedback, channels). env: SLACK_* values, read by the caller."""
    from slack_bolt import App
    from slack_bolt.response import BoltResponse
    from slack_sdk import WebClient

    client = WebClient(token=env["SLACK_BOT_TOKEN"], base_url=env.get("SLACK_API_URL") or WebClient.BASE_URL)
    app = App(client=client, signing_secret=env.get("SLACK_SIGNING_SECRET"), token_verification_enabled=False)
    triage = core.channels.platform("slack")
    seen: set[str] = set()
    seen_lock = threading.Lock()

    @app.middleware
    def skip_retries(body, request, next):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        with seen_lock:
            retry = (request.headers.get("x-slack-retry-num") or ["0"])[0] != "0"  # Socket Mode sends "0" first
            duplicate = retry or (event_id and event_id in seen)
            if event_id:
                seen.add(event_id)
        return BoltResponse(status=200, body="") if duplicate else next()

    def chat_filter(team: str, channel: str, direct: bool):
        return core.channels.filter_for("slack", [f"{team}/{channel}", channel, team], direct)

    def reply(client, team: str, event: dict, question: str, history=None) -> None:
        channel, thread_ts = event["channel"], event.get("thread_ts") or event["ts"]
        flt = chat_filter(team, channel, event.get("channel_type") == "im")
        if flt is None:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=wording.NOT_ALLOWED)
            return
        if asks_nothing(question):  # "@MED-assistenten" alone
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=wording.WELCOME)
            return
        client.reactions_add(channel=channel, timestamp=event["ts"], name=WORKING)
        try:
            answer = core.answerer.answer(question, history, flt)
            qid = core.feedback.remember(answer, channel)
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=answer.answer, blocks=to_blocks(answer, qid))
        except Exception:
            log.exception("answering failed")
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=wording.WORKING_ERROR)
        finally:
            client.reactions_remove(channel=channel, timestamp=event["ts"], name=WORKING)

    @app.event("app_mention")
    def on_mention(body, event, client):
        reply(client, body.get("team_id", ""), event, _MENTION.sub("", event["text"]).strip(), _thread_history(client, event))

    @app.event("message")
    def on_message(body, event, client, context):
        if event.get("bot_id") or event.get("subtype") or not event.get("text", "").strip():
            return
        me = context.get("bot_user_id") or ""
        if event.get("channel_type") == "im":
            reply(client, body.get("team_id", ""), event, _MENTION.sub("", event["text"]).strip(), _thread_history(client, event))
        elif event.get("thread_ts") and f"<@{me}>" not in event["text"]:  # mentions come as app_mention
            replies = client.conversations_replies(channel=event["channel"], ts=event["thread_ts"]).get("messages", [])
            if any(m.get("bot_id") and m.get("bot_id") == context.get("bot_id") for m in replies):
                history = _questions(replies, event["ts"])
                reply(client, body.get("team_id", ""), event, event["text"].strip(), history)

    @app.command("/med")
    def on_command(ack, command, respond):
        ack()
        flt = chat_filter(command.get("team_id", ""), command["channel_id"], command.get("channel_name") == "directmessage")
        if flt is None:
            respond(response_type="ephemeral", text=wording.NOT_ALLOWED)
            return
        if asks_nothing(command.get("text", "")):
            respond(response_type="ephemeral", text=wording.WELCOME)
            return
        try:
            answer = core.answerer.answer(command.get("text", "").strip(), None, flt)
            qid = core.feedback.remember(answer, command["channel_id"])
            respond(response_type="ephemeral", text=answer.answer, blocks=to_blocks(answer, qid, share=True))
        except Exception:
            log.exception("answering failed")
            respond(response_type="ephemeral", text=wording.WORKING_ERROR)

    @app.action("share")
    def on_share(ack, body, client, action):
        ack()
        answer = core.feedback.answer(action["value"])
        if answer:
            client.chat_postMessage(channel=body["channel"]["id"], text=answer.answer, blocks=to_blocks(answer, action["value"]))

    @app.action(re.compile("feedback_(up|down)"))
    def on_feedback(ack, body, action):
        ack()
        core.feedback.vote(action["value"], action["action_id"].split("_")[1], body["user"]["id"],
                           (body.get("channel") or {}).get("id", ""))

    @app.action("show_source")
    def on_show_source(ack, body, client, action):
        ack()
        qid, _, n = action["value"].rpartition(":")
        answer = core.feedback.answer(qid)
        citation = next((c for c in answer.citations if str(c.n) == n), None) if answer else None
        if citation is None:
            _tell(client, body, wording.SOURCE_GONE)
            return
        client.views_open(trigger_id=body["trigger_id"], view=source_modal(citation))

    @app.action("ask_person")
    def on_ask_person(ack, body, client, action):
        ack()
        qid, user = action["value"], body["user"]["id"]
        channel = (body.get("channel") or {}).get("id", "")
        answer = core.feedback.answer(qid)
        if answer is None or not triage.triage_channel:
            _tell(client, body, f"{wording.NO_TRIAGE} {core.settings.handover}")
            return
        if not core.feedback.open_case(qid, user, channel):
            _tell(client, body, wording.ALREADY_SENT)
            return
        client.chat_postMessage(channel=triage.triage_channel, text=f"Spørgsmål til en person: {answer.question}",
                                blocks=triage_blocks(answer, qid, user, channel, triage.triage_usergroup))
        _tell(client, body, wording.SENT_TO_PERSON)

    @app.action("resolve_case")
    def on_resolve(ack, body, client, action):
        ack()
        qid, user = action["value"], body["user"]["id"]
        answer = core.feedback.answer(qid)
        if answer is None or core.feedback.case(qid) is None:
            return
        core.feedback.resolve_case(qid, user)  # a second click keeps the first solver
        case = core.feedback.case(qid)
        client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text=f"Løst: {answer.question}",
                           blocks=triage_blocks(answer, qid, case.asker, case.channel, triage.triage_usergroup, case.resolved_by))

    return app


def _tell(client, body: dict, text: str) -> None:
    """A message only the clicking user sees, in the channel where they clicked."""
    channel = (body.get("channel") or {}).get("id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)


def _thread_history(client, event: dict) -> list[tuple[str, str]] | None:
    """The earlier questions of the thread the event is in; None outside a thread."""
    if not event.get("thread_ts"):
        return None
    replies = client.conversations_replies(channel=event["channel"], ts=event["thread_ts"]).get("messages", [])
    return _questions(replies, event["ts"])


def _questions(messages: list[dict], current_ts: str) -> list[tuple[str, str]]:
    """Earlier questions in the thread (people's messages, not the bot's), oldest first."""
    questions = [_MENTION.sub("", m.get("text", "")).strip() for m in messages
                 if not m.get("bot_id") and m.get("ts") != current_ts]
    return [(q, "") for q in questions if q]


def socket_mode(app, app_token: str):
    """Socket Mode: Slack pushes events over a websocket we open, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token)


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
