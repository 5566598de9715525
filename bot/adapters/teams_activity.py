"""What a Teams activity says (its question without the bot's mention, where it was asked), and
entities sent as given."""
from __future__ import annotations

from botbuilder.schema import Activity, Entity


class _RawEntity(Entity):
    """An entity sent as given: botbuilder's Entity would drop every field but "type"."""

    _attribute_map = {"type": {"key": "type", "type": "str"}, "additional_properties": {"key": "", "type": "{object}"}}


def entity(fields: dict) -> Entity:
    entity = _RawEntity(type=fields["type"])
    entity.additional_properties = {k: v for k, v in fields.items() if k != "type"}
    return entity


def without_bot_mention(activity: Activity) -> str:
    text = activity.text or ""
    for entity in activity.entities or []:
        props = entity.additional_properties or {}
        if entity.type == "mention" and (props.get("mentioned") or {}).get("id") == activity.recipient.id:
            text = text.replace(props.get("text") or "", " ")
    return " ".join(text.replace("&nbsp;", " ").split())


def is_personal(activity: Activity) -> bool:
    return (activity.conversation.conversation_type or "personal") == "personal"


def chat_id(activity: Activity) -> str:
    return activity.conversation.id.split(";")[0]


def places(activity: Activity) -> list[str]:
    data = activity.channel_data or {}
    ids = [(data.get("channel") or {}).get("id"), (data.get("team") or {}).get("id"), chat_id(activity),
           (data.get("tenant") or {}).get("id") or activity.conversation.tenant_id]
    return [i for i in ids if i]


def where(activity: Activity) -> str:
    channel = ((activity.channel_data or {}).get("channel") or {}).get("name")
    if channel:
        return f" i kanalen «{channel}»"
    return " i en personlig chat" if is_personal(activity) else " i en gruppechat"
