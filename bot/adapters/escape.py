"""Text from people and documents, made safe to show on each platform: it can never ping anyone
(Slack's <!channel>, <!here>, <!subteam^…>, <@U…>; Teams' <at> tags) or pass for our own markup.
One function per platform; every message builder uses it for every piece of such text."""
from __future__ import annotations

import re

_SLACK_BARE = re.compile(r"@(channel|here|everyone)\b", re.I)
_TEAMS_TAG = re.compile(r"<(/?at\b)", re.I)
WORD_JOINER = "\u2060"  # invisible: "@here" still reads as written, but is no longer the keyword


def slack(text: str) -> str:
    """For Slack mrkdwn and `text` fields: &, <, > as Slack's escapes, and the bare @words Slack
    could turn into a broadcast with link_names."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SLACK_BARE.sub(lambda m: "@" + WORD_JOINER + m.group(1), text)


def teams(text: str) -> str:
    """For Teams message text and Adaptive Card text: an <at> tag is broken up, so it is shown and
    never becomes a mention."""
    return _TEAMS_TAG.sub(lambda m: "<" + WORD_JOINER + m.group(1), text)
