"""Slack adapter (slack-bolt): an event becomes a Turn for the conversation service, its Reply
becomes Block Kit (the clicks under an answer: slack_actions.py). Nothing else lives here."""
from __future__ import annotations

import re

from bot.adapters import slack_actions
from bot.adapters.escape import slack_document as document
from bot.adapters.logs import CarryingExecutor
from bot.adapters.slack_blocks import to_blocks
from bot.adapters.slack_http import serve_http, socket_mode  # noqa: F401  (the transports, for callers)
from bot.adapters.slack_client import courtesy, web_client
from bot.adapters.slack_drafts import Drafts
from bot.chat.conversation import Conversation, Turn
from bot.chat.events import EventLog
from bot.lang import da, language
from bot.params import ANSWER_WORKERS
from bot.text.redact import redact

_MENTION = re.compile(r"<@[A-Z0-9]+>")
WORKING = "hourglass_flowing_sand"  # the reaction that says an answer is on its way


def build_app(chat: Conversation, env: dict, events: EventLog | None = None):
    """env: SLACK_* values, read by the caller; events: where events taken on are kept (shared by
    the processes on one data folder), by default in memory."""
    from slack_bolt import App, Assistant
    from slack_bolt.response import BoltResponse

    client = web_client(env["SLACK_BOT_TOKEN"], env.get("SLACK_API_URL"))
    # answers run in this pool, after the acknowledgement: a slow one holds one worker, not the door
    app = App(client=client, signing_secret=env.get("SLACK_SIGNING_SECRET"),
              token_verification_enabled=False, listener_executor=CarryingExecutor(ANSWER_WORKERS, "answer"))
    triage = chat.channels.platform("slack")
    events = events or EventLog()

    @app.middleware
    def once(body, next):
        """A delivery of an event already taken on (a retry, or the same event at another replica)
        is acknowledged and dropped; a retry of one never received is answered."""
        event_id = body.get("event_id") if isinstance(body, dict) else None
        return BoltResponse(status=200, body="") if event_id and not events.take(event_id) else next()

    def turn(team: str, channel: str, direct: bool, question: str, history=(), user: str = "") -> Turn:
        return Turn("slack", (f"{team}/{channel}", channel, team), direct, question, channel, tuple(history), user)

    def reply(client, body: dict, event: dict, question: str, history=(), working=None) -> None:
        """Answer an event's question in its thread. working: the sign that an answer is on its way
        (an ⏳ reaction on the question, or in the assistant panel its status line)."""
        channel, thread_ts, reacted = event["channel"], event.get("thread_ts") or event["ts"], []

        def hourglass():
            reacted.append(courtesy(client.reactions_add, channel=channel, timestamp=event["ts"], name=WORKING))

        try:
            asked = turn(body.get("team_id", ""), channel, event.get("channel_type") == "im", question, history,
                         event.get("user", ""))
            drafts = Drafts(client, channel, thread_ts, language.words(question))  # an LLM's, as it writes
            answered = chat.ask(asked, working or hourglass, drafts)
            drafts.final(document(answered.text), to_blocks(answered.answer, answered.qid) if answered.answer else None)
        finally:
            if any(reacted):
                courtesy(client.reactions_remove, channel=channel, timestamp=event["ts"], name=WORKING)
            if body.get("event_id"):
                events.done(body["event_id"])

    assistant = Assistant()  # Slack's assistant panel: a thread per conversation, in the app's DM

    @assistant.thread_started
    def on_thread_started(say, set_suggested_prompts):
        say(da.ASSISTANT_WELCOME)
        set_suggested_prompts(prompts=[{"title": t, "message": m} for t, m in da.PROMPTS], title=da.PROMPTS_TITLE)

    @assistant.thread_context_changed
    def on_context_changed():
        """The channel the user looks at does not choose the documents: nothing to keep."""

    @assistant.user_message
    def on_assistant_message(body, payload, client, set_status, set_title):
        question, history = _MENTION.sub("", payload.get("text", "")).strip(), _thread_history(client, payload)
        if not history and question:  # the thread's first question names it in the panel's history
            courtesy(set_title, _title(redact(question)))
        reply(client, body, payload, question, history,
              working=lambda: courtesy(set_status, language.words(question).STATUS))

    app.use(assistant)

    @app.event("app_mention")
    def on_mention(body, event, client):
        reply(client, body, event, _MENTION.sub("", event["text"]).strip(), _thread_history(client, event))

    @app.event("message")
    def on_message(body, event, client, context):
        if event.get("bot_id") or event.get("subtype") or not event.get("text", "").strip():
            return
        me = context.get("bot_user_id") or ""
        if event.get("channel_type") == "im":
            reply(client, body, event, _MENTION.sub("", event["text"]).strip(), _thread_history(client, event))
        elif event.get("thread_ts") and f"<@{me}>" not in event["text"]:  # mentions come as app_mention
            replies = client.conversations_replies(channel=event["channel"], ts=event["thread_ts"]).get("messages", [])
            if any(m.get("bot_id") and m.get("bot_id") == context.get("bot_id") for m in replies):
                reply(client, body, event, event["text"].strip(), _questions(replies, event["ts"]))

    @app.command("/med")
    def on_command(ack, command, respond):
        ack()
        asked = turn(command.get("team_id", ""), command["channel_id"], command.get("channel_name") == "directmessage",
                     command.get("text", "").strip(), (), command.get("user_id", ""))
        answered = chat.ask(asked)
        blocks = to_blocks(answered.answer, answered.qid, private=True) if answered.answer else None
        respond(response_type="ephemeral", text=document(answered.text), blocks=blocks)

    slack_actions.register(app, chat, triage)
    return app


def _title(question: str, limit: int = 60) -> str:
    """A thread's title in the panel's history: the question's first words, cut at a word."""
    return question if len(question) <= limit else question[:limit].rsplit(" ", 1)[0] + "…"


def _thread_history(client, event: dict) -> list[tuple[str, str]]:
    """The earlier questions of the thread the event is in; none outside a thread."""
    if not event.get("thread_ts"):
        return []
    replies = client.conversations_replies(channel=event["channel"], ts=event["thread_ts"]).get("messages", [])
    return _questions(replies, event["ts"])


def _questions(messages: list[dict], current_ts: str) -> list[tuple[str, str]]:
    """Earlier questions in the thread (people's messages, not the bot's), oldest first."""
    questions = [_MENTION.sub("", m.get("text", "")).strip() for m in messages
                 if not m.get("bot_id") and m.get("ts") != current_ts]
    return [(q, "") for q in questions if q]
