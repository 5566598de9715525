"""Who may ask what: the channel config maps chats to the document sets they may be answered from.

The file (knowledge/channels.yaml by default) is shared by Slack and Teams:

    default: [default]              # any channel not listed
    direct: [default, hr-intern]    # Slack DMs and Teams personal chats
    slack:
      triage_channel: C0TRIAGE      # where "Spørg en person" posts
      triage_usergroup: S0HRSUPPORT # tagged in that post
      channels:
        C0HR: [default, hr-intern]  # a channel id, a workspace id, or "workspace/channel"
        C0OPEN: []                  # listed with no sets: not answered here
    teams:
      triage_channel: "19:...@thread.tacv2"
      tenants: [<tenant id>]        # only these Microsoft 365 tenants may use the bot
      channels:
        "19:...@thread.tacv2": [default]   # a channel, team or tenant id

Without the file, chats see only the set "default" (a document's set when the manifest names none),
so a document put in another set is never answered in a chat until the file says where.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.search.hybrid import Filter

CHANNELS = "channels.yaml"


class ChannelConfigError(Exception):
    pass


@dataclass(frozen=True)
class Platform:
    """One platform's part of the config: triage target and per-chat document sets."""

    triage_channel: str = ""
    triage_usergroup: str = ""
    channels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tenants: tuple[str, ...] = ()  # Teams: tenant ids allowed to use the bot; empty: any


@dataclass(frozen=True)
class ChannelConfig:
    default: tuple[str, ...] = ("default",)
    direct: tuple[str, ...] = ("default",)
    platforms: dict[str, Platform] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "ChannelConfig":
        if not path.exists():
            return cls()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ChannelConfigError(f"{path}: not valid YAML ({exc})") from None
        if not isinstance(data, dict):
            raise ChannelConfigError(f"{path}: expected a mapping with default, direct, slack, teams")
        default = _sets(path, "default", data.get("default", ["default"]))
        platforms = {}
        for name in ("slack", "teams"):
            part = data.get(name) or {}
            channels = {str(k): _sets(path, f"{name}.channels.{k}", v) for k, v in (part.get("channels") or {}).items()}
            platforms[name] = Platform(str(part.get("triage_channel", "")), str(part.get("triage_usergroup", "")), channels,
                                       _sets(path, f"{name}.tenants", part.get("tenants")))
        return cls(default, _sets(path, "direct", data.get("direct", list(default))), platforms)

    def platform(self, name: str) -> Platform:
        return self.platforms.get(name, Platform())

    def filter_for(self, platform: str, places: list[str], direct: bool = False) -> Filter | None:
        """The filter for a chat, or None when the chat may not be answered at all.
        places: the chat's ids, most specific first (e.g. "T1/C1", "C1", "T1")."""
        if direct:
            sets = self.direct
        else:
            channels = self.platform(platform).channels
            sets = next((channels[p] for p in places if p in channels), self.default)
        return Filter(doc_sets=sets) if sets else None


def _sets(path: Path, where: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ChannelConfigError(f"{path}: {where} must be a list of document sets, e.g. [default, hr-intern]")
    return tuple(value)
