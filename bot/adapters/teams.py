"""Teams adapter (botbuilder): an activity becomes a Turn for the conversation service, its Reply
becomes an Adaptive Card. Everything Bot-Framework-specific lives here and in teams_server.py, so
moving to the Microsoft 365 Agents SDK is those two modules."""
from __future__ import annotations

import asyncio
import logging

from botbuilder.core import ActivityHandler, InvokeResponse, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse, ConversationReference

from bot.adapters.escape import teams as safe
from bot.adapters.logs import CarryingExecutor
from bot.adapters.teams_actions import CardActions
from bot.adapters.teams_activity import chat_id, entity, is_personal, places, without_bot_mention
from bot.adapters.teams_stream import Stream, unstreamed
from bot.adapters.teams_cards import ai_entity, answer_card, attachment, message_text, summary
from bot.chat.conversation import Conversation, Turn
from bot.lang import da, language
from bot.params import ANSWER_WORKERS, TEAMS_STREAM_WAIT

log = logging.getLogger(__name__)


class MedBot(ActivityHandler):
    def __init__(self, chat: Conversation, adapter: CloudAdapter, app_id: str):
        self.chat, self.adapter, self.app_id = chat, adapter, app_id
        self.actions = CardActions(chat, adapter, app_id)
        self._channels: dict[str, dict] = {}  # channel id -> the reference last stored for it
        self._answering: set[asyncio.Task] = set()
        self._pool = CarryingExecutor(ANSWER_WORKERS, "answer")

    async def on_turn(self, turn_context: TurnContext):
        self._remember_channel(turn_context.activity)
        await super().on_turn(turn_context)

    async def on_members_added_activity(self, members_added, turn_context: TurnContext):
        if any(m.id == turn_context.activity.recipient.id for m in members_added):
            await turn_context.send_activity(da.WELCOME)

    async def on_message_activity(self, turn_context: TurnContext):
        activity = turn_context.activity
        if isinstance(activity.value, dict) and activity.value.get("medbot"):
            await self.actions.handle(turn_context, activity.value)
            return
        thread = f"teams-thread:{activity.conversation.id}"
        turn = Turn("teams", tuple(places(activity)), is_personal(activity), without_bot_mention(activity),
                    chat_id(activity), self.chat.thread(thread), getattr(activity.from_property, "id", "") or "")
        # acknowledged at once: the Bot Framework gives a turn 15 s, an answer may take longer
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        task = asyncio.create_task(self._answer(turn, thread, TurnContext.get_conversation_reference(activity)))
        self._answering.add(task)  # held until done: the loop keeps only a weak reference
        task.add_done_callback(self._answering.discard)

    async def _answer(self, turn: Turn, thread: str, reference: ConversationReference) -> None:
        """Answer off the turn, then post in the same conversation and thread from its reference;
        in a personal chat, an LLM's answer is streamed as it is written (teams_stream.py)."""
        loop = asyncio.get_running_loop()
        stream = Stream(self._poster(reference, loop), language.words(turn.question)) if turn.direct else None
        try:
            answered = await loop.run_in_executor(self._pool, self.chat.ask, turn, lambda: None, stream)
        except Exception:  # noqa: BLE001 - the asker is told, not left waiting
            log.exception("answering failed")
            answered = None
        if answered is None or answered.answer is None:
            reply = MessageFactory.text(safe(answered.text) if answered else da.WORKING_ERROR)
        else:
            reply = MessageFactory.attachment(attachment(answer_card(answered.answer, answered.qid)),
                                              text=message_text(answered.answer))
            reply.text_format = "markdown"
            reply.entities = [entity(ai_entity(answered.answer))]
            reply.channel_data = {"feedbackLoopEnabled": True}
            reply.summary = summary(answered.answer)  # what a notification and the chat list show
        if stream:
            reply = stream.close(reply)

        async def send(turn_context: TurnContext):
            # as a reply to the question (the continuation's own activity has a new id of its own)
            message = TurnContext.apply_conversation_reference(reply, reference)
            try:
                [sent] = await turn_context.adapter.send_activities(turn_context, [message])
            except Exception:  # noqa: BLE001 - Teams would not close the stream with it: a message of its own
                if not (stream and stream.stream_id):
                    raise
                [sent] = await turn_context.adapter.send_activities(turn_context, [unstreamed(message)])
            if answered and answered.answer and sent and sent.id:
                self.chat.feedback.remember_place(f"teams-msg:{sent.id}", {"qid": answered.qid})

        try:
            await self.adapter.continue_conversation(reference, send, self.app_id)
        except Exception:  # noqa: BLE001 - the connector is unreachable: nothing to tell anyone through
            log.exception("the answer could not be posted")
            return
        if answered and answered.answer:
            self.chat.remember_turn(thread, answered, turn.question)

    def _poster(self, reference: ConversationReference, loop: asyncio.AbstractEventLoop):
        """From the answering thread: post an activity into the chat on the event loop, wait for it,
        and return its id."""
        def post(activity: Activity) -> str:
            async def send(turn_context: TurnContext):
                try:  # caught here: the adapter's turn-error handler would tell the asker something went wrong
                    [sent] = await turn_context.adapter.send_activities(
                        turn_context, [TurnContext.apply_conversation_reference(activity, reference)])
                    got.append(sent.id if sent else "")
                except Exception as refused:  # noqa: BLE001 - handed to the caller
                    got.append(refused)

            got: list = []
            asyncio.run_coroutine_threadsafe(self.adapter.continue_conversation(reference, send, self.app_id),
                                             loop).result(TEAMS_STREAM_WAIT)
            if isinstance(got[0], Exception):
                raise got[0]
            return got[0]

        return post

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name == "message/submitAction":  # Teams' own 👍/👎 feedback loop
            reaction = ((activity.value or {}).get("actionValue") or {}).get("reaction")
            known = self.chat.feedback.place(f"teams-msg:{activity.reply_to_id}")
            if known and reaction in ("like", "dislike"):
                self.chat.vote(known["qid"], "up" if reaction == "like" else "down", activity.from_property.id, chat_id(activity))
            return InvokeResponse(status=200)
        if activity.name == "adaptiveCard/action":  # Action.Execute from newer clients
            await self.actions.handle(turn_context, ((activity.value or {}).get("action") or {}).get("data") or {})
            return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
                status_code=200, type="application/vnd.microsoft.activity.message", value="OK"))
        return await super().on_invoke_activity(turn_context)

    def _remember_channel(self, activity: Activity) -> None:
        """Keep a reference to every channel the bot is in, so triage can post there later."""
        channel = ((activity.channel_data or {}).get("channel") or {}).get("id")
        if not channel or not activity.service_url:
            return
        reference = activity.get_conversation_reference().serialize()  # a copy: the activity stays as it came
        for per_message in ("activityId", "user"):  # the channel's reference, not this message's
            reference.pop(per_message, None)
        reference["conversation"]["id"] = channel  # a new post in the channel, not a reply in this thread
        if self._channels.get(channel) != reference:  # written once per channel, not on every message
            self.chat.feedback.remember_place(f"teams-conv:{channel}", reference, lasting=True)
            self._channels[channel] = reference
