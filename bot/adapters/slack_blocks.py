"""Answers as Slack Block Kit: text with [n] markers, compact sources, confidence, buttons;
the whole-source modal and the triage post."""
from __future__ import annotations

import re

from bot.models import Answer, Citation
from bot.adapters.wording import source_label
from bot.models import confidence_level

SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section's text
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ])")


def to_blocks(answer: Answer, qid: str, share: bool = False) -> list[dict]:
    blocks = [_section(_fit(answer.answer))]
    if answer.note:
        blocks.append(_context(f"_{answer.note}_"))
    blocks.append(_context("*Kilder*" if answer.found else "*Nærmeste uddrag*"))
    for c in answer.citations:
        quote = " ".join(c.quote.split())[:600]
        block = _section(f"*[{c.n}] {source_label(c)}*\n> {quote}")
        block["accessory"] = _button("Vis hele kilden", "show_source", f"{qid}:{c.n}")
        blocks.append(block)
    blocks.append(_context(f"Sikkerhed: {confidence_level(answer.confidence)}"))
    buttons = [_button("👍", "feedback_up", qid), _button("👎", "feedback_down", qid)]
    if not answer.found:
        buttons.append(_button("Spørg en person", "ask_person", qid))
    if share:
        buttons.append(_button("Del i kanalen", "share", qid))
    blocks.append({"type": "actions", "elements": buttons})
    return blocks


def source_modal(citation: Citation) -> dict:
    """The whole unit, in as many sections as Slack's length limit needs."""
    text = citation.text
    parts = [text[i:i + SECTION_LIMIT] for i in range(0, len(text), SECTION_LIMIT)] or [""]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": f"Kilde [{citation.n}]"},
        "close": {"type": "plain_text", "text": "Luk"},
        "blocks": [_section(f"*{source_label(citation)}*"), *(_section(p) for p in parts)],
    }


def triage_blocks(answer: Answer, qid: str, asker: str, channel: str, usergroup: str, solved_by: str = "") -> list[dict]:
    tag = f"<!subteam^{usergroup}> " if usergroup else ""
    where = f" i <#{channel}>" if channel else ""
    blocks = [
        _section(f"{tag}<@{asker}> spurgte{where} og vil gerne have svar fra en person:"),
        _section(f"> {answer.question[:SECTION_LIMIT - 2]}"),
        _context("Dokumenterne svarede ikke sikkert." if not answer.found else "Dokumenterne gav et svar, men spørgeren vil gerne høre fra en person."),
    ]
    if solved_by:
        blocks.append(_context(f"✅ Markeret som løst af <@{solved_by}>"))
    else:
        blocks.append({"type": "actions", "elements": [_button("Markér som løst", "resolve_case", qid)]})
    return blocks


def _fit(text: str) -> str:
    """Within a section's limit, cut at a line's or sentence's end and said to be cut: a rule that
    stops mid-word reads as the whole rule."""
    if len(text) <= SECTION_LIMIT:
        return text
    more = "\n… (resten står i kilderne nedenfor)"
    head = text[: SECTION_LIMIT - len(more)]
    cut = head.rfind("\n")
    if cut < len(head) // 3:  # no line break late enough: the last sentence's end ("stk. 4" is none)
        cut = max((m.end() for m in _SENTENCE_END.finditer(head)), default=len(head))
    return head[:cut].rstrip() + more


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _button(text: str, action_id: str, value: str) -> dict:
    return {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": text}, "value": value}
