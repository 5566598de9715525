"""Teams adapter (botbuilder CloudAdapter on aiohttp): activities in, core answer, Adaptive Cards out.
Everything Bot-Framework-specific lives here, so moving to the Microsoft 365 Agents SDK is this module."""
from __future__ import annotations

import asyncio
import logging
import time

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse, ConversationReference, Entity

from ..core.answer import asks_nothing
from . import wording
from .teams_cards import ai_entity, answer_card, attachment, triage_card

log = logging.getLogger(__name__)
HISTORY_TURNS, HISTORY_SECONDS = 3, 30 * 60


class TeamsSettings:
    """Bot registration from the environment, in the attribute names botbuilder reads."""

    def __init__(self, env: dict):
        self.APP_ID = env.get("MicrosoftAppId", "")
        self.APP_PASSWORD = env.get("MicrosoftAppPassword", "")
        self.APP_TENANTID = env.get("MicrosoftAppTenantId", "")
        self.APP_TYPE = env.get("MicrosoftAppType", "MultiTenant")


class _RawEntity(Entity):
    """An entity sent as given: botbuilder's Entity would drop every field but "type"."""

    _attribute_map = {"type": {"key": "type", "type": "str"}, "additional_properties": {"key": "", "type": "{object}"}}


def _entity(fields: dict) -> Entity:
    entity = _RawEntity(type=fields["type"])
    entity.additional_properties = {k: v for k, v in fields.items() if k != "type"}
    return entity


class MedBot(ActivityHandler):
    def __init__(self, core, adapter: CloudAdapter, app_id: str):
        self.core, self.adapter, self.app_id = core, adapter, app_id
        self.triage = core.channels.platform("teams")
        self._channels: dict[str, dict] = {}  # channel id -> the reference last stored for it

    async def on_turn(self, turn_context: TurnContext):
        self._remember_channel(turn_context.activity)
        await super().on_turn(turn_context)

    async def on_members_added_activity(self, members_added, turn_context: TurnContext):
        if any(m.id == turn_context.activity.recipient.id for m in members_added):
            await turn_context.send_activity(wording.WELCOME)

    async def on_message_activity(self, turn_context: TurnContext):
        activity = turn_context.activity
        if isinstance(activity.value, dict) and activity.value.get("medbot"):
            await self._card_action(turn_context, activity.value)
            return
        flt = self.core.channels.filter_for("teams", _places(activity), _is_personal(activity))
        if flt is None:
            await turn_context.send_activity(wording.NOT_ALLOWED)
            return
        question = _without_bot_mention(activity)
        if asks_nothing(question):
            await turn_context.send_activity(wording.WELCOME)
            return
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        history_key = f"teams-thread:{activity.conversation.id}"
        history = _recent_turns(self.core.feedback.place(history_key))
        answer = await asyncio.get_running_loop().run_in_executor(
            None, self.core.answerer.answer, question, [(q, a) for q, a, _ in history] or None, flt)
        qid = self.core.feedback.remember(answer, _chat_id(activity))
        reply = MessageFactory.attachment(attachment(answer_card(answer, qid)))
        reply.entities = [_entity(ai_entity(answer))]
        reply.channel_data = {"feedbackLoopEnabled": True}
        sent = await turn_context.send_activity(reply)
        if sent and sent.id:
            self.core.feedback.remember_place(f"teams-msg:{sent.id}", {"qid": qid})
        self.core.feedback.remember_place(history_key, {"turns": [*history, [question, answer.answer, time.time()]]})

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name == "message/submitAction":  # Teams' own 👍/👎 feedback loop
            reaction = ((activity.value or {}).get("actionValue") or {}).get("reaction")
            known = self.core.feedback.place(f"teams-msg:{activity.reply_to_id}")
            if known and reaction in ("like", "dislike"):
                self.core.feedback.vote(known["qid"], "up" if reaction == "like" else "down",
                                        activity.from_property.id, _chat_id(activity))
            return InvokeResponse(status=200)
        if activity.name == "adaptiveCard/action":  # Action.Execute from newer clients
            data = ((activity.value or {}).get("action") or {}).get("data") or {}
            await self._card_action(turn_context, data)
            return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
                status_code=200, type="application/vnd.microsoft.activity.message", value="OK"))
        return await super().on_invoke_activity(turn_context)

    async def _card_action(self, turn_context: TurnContext, data: dict) -> None:
        activity, qid, action = turn_context.activity, str(data.get("qid", "")), data.get("medbot")
        user = activity.from_property
        if action == "feedback" and data.get("vote") in ("up", "down"):
            self.core.feedback.vote(qid, data["vote"], user.id, _chat_id(activity))
        elif action == "ask_person":
            await turn_context.send_activity(await self._ask_person(qid, user.name or "En bruger", activity))
        elif action == "resolve":
            answer, case = self.core.feedback.answer(qid), self.core.feedback.case(qid)
            if answer is None or case is None:
                return
            self.core.feedback.resolve_case(qid, user.name or user.id)
            case = self.core.feedback.case(qid)
            solved = Activity(type=ActivityTypes.message, id=activity.reply_to_id,
                              attachments=[attachment(triage_card(answer, qid, case.asker, "", case.resolved_by))])
            await turn_context.update_activity(solved)

    async def _ask_person(self, qid: str, asker: str, activity: Activity) -> str:
        answer = self.core.feedback.answer(qid)
        reference = self.core.feedback.place(f"teams-conv:{self.triage.triage_channel}") if self.triage.triage_channel else None
        if answer is None or reference is None:
            return f"{wording.NO_TRIAGE} {self.core.settings.handover}"
        if not self.core.feedback.open_case(qid, asker, _chat_id(activity)):
            return wording.ALREADY_SENT
        card = attachment(triage_card(answer, qid, asker, _where(activity)))

        async def post(turn_context: TurnContext):  # a new post in the channel, not a reply to anything
            message = TurnContext.apply_conversation_reference(
                MessageFactory.attachment(card), turn_context.activity.get_conversation_reference())
            message.reply_to_id = None
            await turn_context.adapter.send_activities(turn_context, [message])

        await self.adapter.continue_conversation(ConversationReference().deserialize(reference), post, self.app_id)
        return wording.SENT_TO_PERSON

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
            self.core.feedback.remember_place(f"teams-conv:{channel}", reference, lasting=True)
            self._channels[channel] = reference


def build_web_app(core, env: dict) -> web.Application:
    """env: the Microsoft* registration values, read by the caller."""
    settings = TeamsSettings(env)
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(settings))
    bot = MedBot(core, adapter, settings.APP_ID)
    allowed = core.channels.platform("teams").tenants or ((settings.APP_TENANTID,) if settings.APP_TENANTID else ())

    async def on_error(turn_context: TurnContext, error: Exception):
        log.error("answering failed", exc_info=error)
        await turn_context.send_activity(wording.WORKING_ERROR)

    adapter.on_turn_error = on_error

    async def messages(request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400, text="expected a JSON activity")
        tenant = _tenant(body)
        if allowed and tenant not in allowed:
            log.warning("refused an activity from tenant %s (not in the allowlist)", tenant or "(none)")
            return web.Response(status=403, text="tenant not allowed")
        started = False

        class Turn:  # tells a refused token (no turn started) from a failure inside the turn
            async def on_turn(self, turn_context):
                nonlocal started
                started = True
                await bot.on_turn(turn_context)

        try:
            return await adapter.process(request, Turn())
        except web.HTTPException:
            raise
        except Exception:
            if started:
                raise
            log.warning("refused a request whose token could not be validated")
            raise web.HTTPUnauthorized()

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


async def start(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(web_app, access_log=None)  # access lines could carry ids of people
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]


def _without_bot_mention(activity: Activity) -> str:
    text = activity.text or ""
    for entity in activity.entities or []:
        props = entity.additional_properties or {}
        if entity.type == "mention" and (props.get("mentioned") or {}).get("id") == activity.recipient.id:
            text = text.replace(props.get("text") or "", " ")
    return " ".join(text.replace("&nbsp;", " ").split())


def _is_personal(activity: Activity) -> bool:
    return (activity.conversation.conversation_type or "personal") == "personal"


def _chat_id(activity: Activity) -> str:
    return activity.conversation.id.split(";")[0]


def _places(activity: Activity) -> list[str]:
    data = activity.channel_data or {}
    ids = [(data.get("channel") or {}).get("id"), (data.get("team") or {}).get("id"), _chat_id(activity),
           (data.get("tenant") or {}).get("id") or activity.conversation.tenant_id]
    return [i for i in ids if i]


def _where(activity: Activity) -> str:
    channel = ((activity.channel_data or {}).get("channel") or {}).get("name")
    if channel:
        return f" i kanalen «{channel}»"
    return " i en personlig chat" if _is_personal(activity) else " i en gruppechat"


def _tenant(body: dict) -> str:
    return (body.get("conversation") or {}).get("tenantId") or ((body.get("channelData") or {}).get("tenant") or {}).get("id") or ""


def _recent_turns(stored: dict | None) -> list[list]:
    turns = (stored or {}).get("turns", [])
    return [t for t in turns if time.time() - t[2] < HISTORY_SECONDS][-HISTORY_TURNS:]
