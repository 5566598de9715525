"""Slack adapter (slack-bolt): an event becomes a Turn for the conversation service, its Reply
becomes Block Kit. Nothing else lives here."""
from __future__ import annotations

import logging
import re
from dataclasses import replace

from bot.adapters.escape import slack as safe, slack_document as document
from bot.adapters.logs import CarryingExecutor
from bot.adapters.slack_blocks import source_modal, to_blocks, triage_blocks, triage_preview
from bot.adapters.slack_http import serve_http, socket_mode  # noqa: F401  (the transports, for callers)
from bot.adapters.slack_client import web_client
from bot.adapters.slack_drafts import Drafts
from bot.chat.conversation import Conversation, Turn
from bot.chat.events import EventLog
from bot.lang import da, language
from bot.params import ANSWER_WORKERS
from bot.text.redact import redact

_MENTION = re.compile(r"<@[A-Z0-9]+>")
WORKING = "hourglass_flowing_sand"
log = logging.getLogger(__name__)


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

        def react():
            reacted.append(_react(client.reactions_add, channel, event["ts"]))

        try:
            asked = turn(body.get("team_id", ""), channel, event.get("channel_type") == "im", question, history,
                         event.get("user", ""))
            drafts = Drafts(client, channel, thread_ts, language.words(question))  # an LLM's, as it writes
            answered = chat.ask(asked, working or react, drafts)
            drafts.final(document(answered.text), to_blocks(answered.answer, answered.qid) if answered.answer else None)
        finally:
            if any(reacted):
                _react(client.reactions_remove, channel, event["ts"])
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
            _courtesy(set_title, _title(redact(question)))
        reply(client, body, payload, question, history,
              working=lambda: _courtesy(set_status, language.words(question).STATUS))

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

    @app.action("share")
    def on_share(ack, body, client, action, respond):
        """Posted in the channel for everyone; the private copy goes, so it is not there twice."""
        ack()
        if answer := chat.answer(action["value"]):
            client.chat_postMessage(channel=body["channel"]["id"], text=document(answer.answer),
                                    blocks=to_blocks(answer, action["value"]))
            respond(delete_original=True)
        else:
            _tell(client, body, da.SOURCE_GONE)

    @app.action("keep")
    def on_keep(ack, action, respond):
        """The private answer stays, without the choice."""
        ack()
        if answer := chat.answer(action["value"]):
            respond(replace_original=True, text=document(answer.answer), blocks=to_blocks(answer, action["value"]))

    @app.action(re.compile(r"feedback(_up|_down)?"))
    def on_feedback(ack, body, action):
        """Slack's feedback buttons ("up:<qid>"), and the 👍/👎 buttons of answers posted before them."""
        ack()
        vote, _, qid = action.get("value", "").rpartition(":")
        vote = vote or action["action_id"].removeprefix("feedback_")
        chat.vote(qid, vote, body["user"]["id"], (body.get("channel") or {}).get("id", ""))

    @app.action("show_source")
    def on_show_source(ack, body, client, action):
        ack()
        # a button's value, or the option chosen in a document's menu of sources
        qid, _, n = ((action.get("selected_option") or {}).get("value") or action.get("value", "")).rpartition(":")
        citation = chat.source(qid, n)
        if citation is None:
            _tell(client, body, da.SOURCE_GONE)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=source_modal(citation))

    @app.action("ask_person")
    def on_ask_person(ack, body, client, action):
        ack()
        qid, _, as_written = action["value"].partition("\n")
        stored = chat.answer(qid)
        if as_written and stored is not None:  # personal data in it: show what would be posted, and ask
            client.chat_postEphemeral(channel=(body.get("channel") or {}).get("id", ""), user=body["user"]["id"],
                                      text=da.PREVIEW_PERSONAL, blocks=triage_preview(stored.question, action["value"]))
            return
        hand_over(body, client, qid)

    @app.action("ask_person_send")
    def on_send_redacted(ack, body, client, action):
        ack()
        hand_over(body, client, action["value"])

    @app.action("ask_person_as_written")
    def on_send_as_written(ack, body, client, action):
        ack()
        qid, _, as_written = action["value"].partition("\n")
        hand_over(body, client, qid, as_written)

    def hand_over(body, client, qid: str, as_written: str = "") -> None:
        user, channel = body["user"]["id"], (body.get("channel") or {}).get("id", "")
        told, answer = chat.hand_over(qid, user, channel, bool(triage.triage_channel))
        if answer:
            if as_written:  # the asker chose to send it as they wrote it
                answer = replace(answer, question=as_written)
            client.chat_postMessage(channel=triage.triage_channel, text=f"Spørgsmål til en person: {safe(answer.question)}",
                                    blocks=triage_blocks(answer, qid, user, channel, triage.triage_usergroup))
        _tell(client, body, told)

    @app.action("resolve_case")
    def on_resolve(ack, body, client, action):
        ack()
        if solved := chat.resolve(action["value"], body["user"]["id"]):
            answer, case = solved
            client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text=f"Løst: {safe(answer.question)}",
                               blocks=triage_blocks(answer, action["value"], case.asker, case.channel,
                                                    triage.triage_usergroup, case.resolved_by))

    return app


def _react(call, channel: str, ts: str) -> bool:
    """The working sign is a courtesy: a reaction Slack refuses (even after retries) never stops
    the answer. True when it was set."""
    from slack_sdk.errors import SlackApiError

    try:
        call(channel=channel, timestamp=ts, name=WORKING)
        return True
    except (SlackApiError, OSError) as exc:
        log.warning("reaction %s not %s (%s)", WORKING, call.__name__, type(exc).__name__)
        return False


def _courtesy(call, *args) -> None:
    """A call that only makes the panel nicer (status, title): Slack refusing it never stops the answer."""
    from slack_sdk.errors import SlackApiError

    try:
        call(*args)
    except (SlackApiError, OSError) as exc:
        log.warning("assistant panel call refused (%s)", type(exc).__name__)


def _title(question: str, limit: int = 60) -> str:
    """A thread's title in the panel's history: the question's first words, cut at a word."""
    return question if len(question) <= limit else question[:limit].rsplit(" ", 1)[0] + "…"


def _tell(client, body: dict, text: str) -> None:
    """A message only the clicking user sees, in the channel where they clicked."""
    if channel := (body.get("channel") or {}).get("id"):
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)


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
