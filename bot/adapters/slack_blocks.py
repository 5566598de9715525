"""Answers as Slack Block Kit: text with [n] markers, compact sources, confidence, buttons;
the whole-source modal and the triage post."""
from __future__ import annotations

import re

from bot.adapters.escape import slack as safe, slack_document as document
from bot.adapters.wording import adds_to, by_document, confidence_line, link, place, quote_line, source_label, words_for
from bot.lang import da
from bot.models import Answer, Citation
from bot.text.redact import holds_personal_data

SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section's text
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ])")


def to_blocks(answer: Answer, qid: str, private: bool = False) -> list[dict]:
    """private: the asker alone sees it (/med), so it offers to share it in the channel or keep it."""
    words = words_for(answer)
    blocks = [_section(_fit(document(answer.answer)))]
    if answer.note:
        blocks.append(_context(f"_{safe(answer.note)}_"))
    blocks.append(_context(f"*{words.SOURCES if answer.found else words.NEAREST}*"))
    for cited in by_document(answer.citations):
        blocks += _sources(answer, cited, qid, words)
    if line := confidence_line(answer):
        blocks.append(_context(line))
    buttons = []
    if not answer.found:  # the way on comes first; the question as asked rides along only when it holds what is masked
        carried = f"{qid}\n{answer.question[:1800]}" if holds_personal_data(answer.question) else qid
        buttons.append(_button(words.ASK_PERSON, "ask_person", carried) | {"style": "primary"})
    if private:
        buttons += [_button(words.SHARE, "share", qid), _button(words.KEEP, "keep", qid)]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    blocks.append(feedback(words, qid))
    return blocks


def _sources(answer: Answer, cited: list[Citation], qid: str, words) -> list[dict]:
    """One document's sources: its title once, a line per source ("[n] § 8, stk. 3", with the quote
    where it adds to the answer text), and "Vis kilde": a button for one source, a menu of them for
    several. More than a section holds goes on in the next section."""
    title = f"<{url}|{safe(cited[0].title)}>" if (url := link(cited[0])) else safe(cited[0].title)
    lines = [f"*{title}*"]
    for c in cited:
        lines.append(f"[{c.n}] {safe(place(c))}")
        if adds_to(answer, c):
            lines.append(f"> {document(quote_line(c))}")
    sections = [_section(text) for text in _packed(lines)]
    if len(cited) == 1:
        sections[0]["accessory"] = _button(words.SHOW_SOURCE, "show_source", f"{qid}:{cited[0].n}")
    else:
        sections[0]["accessory"] = {
            "type": "static_select", "action_id": "show_source",
            "placeholder": {"type": "plain_text", "text": words.SHOW_SOURCE},
            "options": [{"text": {"type": "plain_text", "text": f"[{c.n}] {place(c)}"[:75]}, "value": f"{qid}:{c.n}"}
                        for c in cited[:100]]}
    return sections


def _packed(lines: list[str]) -> list[str]:
    """Lines joined into as few texts as fit a section each."""
    texts = [""]
    for line in lines:
        if texts[-1] and len(texts[-1]) + 1 + len(line) > SECTION_LIMIT:
            texts.append("")
        texts[-1] = f"{texts[-1]}\n{line}" if texts[-1] else line
    return texts


def feedback(words, qid: str) -> dict:
    """Slack's own feedback buttons (a context_actions block), one vote per answer."""
    def side(label: str, said: str, vote: str) -> dict:
        return {"text": {"type": "plain_text", "text": label}, "accessibility_label": said, "value": f"{vote}:{qid}"}

    return {"type": "context_actions", "elements": [{
        "type": "feedback_buttons", "action_id": "feedback",
        "positive_button": side("👍", words.FEEDBACK_UP, "up"), "negative_button": side("👎", words.FEEDBACK_DOWN, "down")}]}


def source_modal(citation: Citation) -> dict:
    """The whole unit, in as many sections as Slack's length limit needs."""
    text = citation.text
    parts = [document(text[i:i + SECTION_LIMIT]) for i in range(0, len(text), SECTION_LIMIT)] or [""]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": f"Kilde [{citation.n}]"},
        "close": {"type": "plain_text", "text": "Luk"},
        "blocks": [_section(f"*{safe(source_label(citation))}*"), *(_section(p) for p in parts)],
    }


def triage_preview(shown: str, carried: str) -> list[dict]:
    """Before a question holding personal data goes to triage: what will be posted, and the choice."""
    qid = carried.partition("\n")[0]
    send = _button(da.SEND_REDACTED, "ask_person_send", qid)
    send["style"] = "primary"
    return [_section(da.PREVIEW_PERSONAL), _section(f"> {safe(shown[:SECTION_LIMIT // 2])}"),
            {"type": "actions", "elements": [send, _button(da.SEND_AS_WRITTEN, "ask_person_as_written", carried)]}]


def triage_blocks(answer: Answer, qid: str, asker: str, channel: str, usergroup: str, solved_by: str = "") -> list[dict]:
    tag = f"<!subteam^{usergroup}> " if usergroup else ""
    where = f" i <#{channel}>" if channel else ""
    blocks = [
        _section(f"{tag}<@{asker}> spurgte{where} og vil gerne have svar fra en person:"),
        _section(f"> {safe(answer.question[:SECTION_LIMIT // 2])}"),
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
