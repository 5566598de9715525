"""Text from people and documents, made safe to show on each platform: it can never ping anyone
(Slack's <!channel>, <!here>, <!subteam^…>, <@U…>; Teams' <at> tags) or pass for our own markup.
One function per platform; every message builder uses it for every piece of such text."""
from __future__ import annotations

import re

_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)\)")  # [Klik her](https://…), as a Markdown document has it
WEB_ADDRESS = re.compile(r"https?://[^\s<>|\[\]()\"]+")  # one a person can open, and no markup can break out of
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


def slack_document(text: str) -> str:
    """Document or answer text for Slack mrkdwn: escaped as slack() does, and a Markdown link as a
    Slack link (<url|label>) when its address is a web address; else its label alone ("[Tilmeld
    jer her](#)" reads "Tilmeld jer her")."""
    return _links(text, slack, lambda label, url: f"<{url}|{slack(label)}>")


def teams_document(text: str) -> str:
    """Document or answer text for a Teams card or message: escaped as teams() does; a Markdown
    link kept as one when its address is a web address, else its label alone."""
    return _links(text, teams, lambda label, url: f"[{teams(label)}]({url})")


def _links(text: str, escape, as_link) -> str:
    out, at = [], 0
    for m in _MD_LINK.finditer(text):
        label, url = m.groups()
        out += [escape(text[at:m.start()]), as_link(label, url) if WEB_ADDRESS.fullmatch(url) else escape(label)]
        at = m.end()
    return "".join(out) + escape(text[at:])
