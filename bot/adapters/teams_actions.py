"""The clicks on a Teams answer card ("Spørg en person" with its preview, "Markér som løst", the
card's 👍/👎 of older answers): each becomes a call on the conversation service and a card or a
proactive post. Nothing else lives here."""
from __future__ import annotations

from dataclasses import replace

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, ConversationReference

from bot.adapters.teams_activity import chat_id, where
from bot.adapters.teams_cards import attachment, triage_card, triage_preview
from bot.chat.conversation import Conversation


class CardActions:
    def __init__(self, chat: Conversation, adapter: CloudAdapter, app_id: str):
        self.chat, self.adapter, self.app_id = chat, adapter, app_id
        self.triage = chat.channels.platform("teams")

    async def handle(self, turn_context: TurnContext, data: dict) -> None:
        activity, qid, action, user = turn_context.activity, str(data.get("qid", "")), data.get("medbot"), turn_context.activity.from_property
        if action == "feedback":
            self.chat.vote(qid, data.get("vote"), user.id, chat_id(activity))
        elif action == "ask_person" and data.get("q") and (stored := self.chat.answer(qid)) is not None:
            # personal data in it: show what would be posted, and ask
            await turn_context.send_activity(MessageFactory.attachment(attachment(triage_preview(stored.question, qid, data["q"]))))
        elif action in ("ask_person", "ask_person_send"):
            await turn_context.send_activity(await self._ask_person(qid, user.name or "En bruger", activity))
        elif action == "ask_person_as_written":
            await turn_context.send_activity(await self._ask_person(qid, user.name or "En bruger", activity, str(data.get("q", ""))))
        elif action == "resolve" and (solved := self.chat.resolve(qid, user.name or user.id)):
            answer, case = solved
            await turn_context.update_activity(Activity(type=ActivityTypes.message, id=activity.reply_to_id, attachments=[
                attachment(triage_card(answer, qid, case.asker, "", case.resolved_by))]))

    async def _ask_person(self, qid: str, asker: str, activity: Activity, as_written: str = "") -> str:
        channel = self.triage.triage_channel
        reference = self.chat.feedback.place(f"teams-conv:{channel}") if channel else None
        told, answer = self.chat.hand_over(qid, asker, chat_id(activity), reference is not None)
        if answer is None:
            return told
        if as_written:  # the asker chose to send it as they wrote it
            answer = replace(answer, question=as_written)
        card = attachment(triage_card(answer, qid, asker, where(activity)))

        async def post(turn_context: TurnContext):  # a new post in the channel, not a reply to anything
            message = TurnContext.apply_conversation_reference(
                MessageFactory.attachment(card), turn_context.activity.get_conversation_reference())
            message.reply_to_id = None
            await turn_context.adapter.send_activities(turn_context, [message])

        await self.adapter.continue_conversation(ConversationReference().deserialize(reference), post, self.app_id)
        return told
