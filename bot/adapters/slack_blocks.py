"""Answers as Slack Block Kit: text with [n] markers, compact sources, confidence, buttons."""
from __future__ import annotations

from ..core.models import Answer
from .wording import confidence_words


def to_blocks(answer: Answer, qid: str, share: bool = False) -> list[dict]:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": answer.answer[:2900]}}]
    if answer.note:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"_{answer.note}_"}]})
    heading = "Kilder" if answer.found else "Nærmeste uddrag"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{heading}*"}]})
    for c in answer.citations:
        page = f" (s. {c.page})" if c.page else ""
        quote = " ".join(c.quote.split())[:600]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*[{c.n}] {c.title} — {c.section}{page}*\n> {quote}"}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"Sikkerhed: {confidence_words(answer.confidence)}"}]})
    buttons = [
        {"type": "button", "action_id": "feedback_up", "text": {"type": "plain_text", "text": "👍"}, "value": qid},
        {"type": "button", "action_id": "feedback_down", "text": {"type": "plain_text", "text": "👎"}, "value": qid},
    ]
    if share:
        buttons.append({"type": "button", "action_id": "share", "text": {"type": "plain_text", "text": "Del i kanalen"}, "value": qid})
    blocks.append({"type": "actions", "elements": buttons})
    return blocks
