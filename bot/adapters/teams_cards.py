"""Answers as Teams Adaptive Cards (answer with [n] markers, sources, "Vis kilde", confidence,
buttons), the triage card, and Teams' AI-label/citation entity."""
from __future__ import annotations

from bot.adapters.escape import teams as safe, teams_document
from bot.adapters.wording import adds_to, by_document, confidence_line, link, place, quote_line, source_label, words_for
from bot.lang import da
from bot.models import Answer, Citation
from bot.text.redact import holds_personal_data

CARD = "application/vnd.microsoft.card.adaptive"


def message_text(answer: Answer) -> str:
    """The answer as the message's own text, with its [n] markers: Teams shows them as citations
    (the ai_entity's), and the chat list and a notification quote it. The card below holds the rest."""
    return teams_document(_lines(answer.answer))


def answer_card(answer: Answer, qid: str) -> dict:
    """What goes with the message text: the way on after a refusal, the sources with "Vis kilde",
    the confidence. 👍/👎 are Teams' own (the message's feedback loop), not buttons on the card."""
    words = words_for(answer)
    body = []
    if not answer.found:  # the way on, first; the question as asked rides along only when it holds what is masked
        carried = {"q": answer.question[:1800]} if holds_personal_data(answer.question) else {}
        body.append({"type": "ActionSet", "actions": [_submit(words.ASK_PERSON, "ask_person", qid, **carried)
                                                      | {"style": "positive"}]})
    if answer.note:
        body.append(_text(answer.note, isSubtle=True, size="Small"))
    body.append(_text(words.SOURCES if answer.found else words.NEAREST, weight="Bolder", spacing="Medium"))
    for cited in by_document(answer.citations):
        title = cited[0].title.replace("[", "(").replace("]", ")")
        items = [_text(f"[{title}]({url})" if (url := link(cited[0])) else title, weight="Bolder")]
        for c in cited:
            items += _source(c, words, adds_to(answer, c))
        body.append({"type": "Container", "separator": True, "items": items})
    if line := confidence_line(answer):
        body.append(_text(line, size="Small", isSubtle=True))
    return _card(body, [])


def _source(c: Citation, words, quoted: bool) -> list[dict]:
    """One source under its document's title: "[n] § 8, stk. 3" and "Vis kilde" on one line, which
    unfolds the whole passage in place (Teams' toggle, no round trip), and the quote where it adds
    to the answer text."""
    target = f"kilde-{c.n}"
    row = {"type": "ColumnSet", "selectAction": {"type": "Action.ToggleVisibility", "title": words.SHOW_SOURCE,
                                                 "targetElements": [target]},
           "columns": [{"type": "Column", "width": "stretch", "items": [_text(f"[{c.n}] {place(c)}")]},
                       {"type": "Column", "width": "auto", "items": [_text(words.SHOW_SOURCE, color="Accent")]}]}
    shown = [row]
    if quoted:
        shown.append(_document(f"“{quote_line(c)}”", isSubtle=True, spacing="Small"))
    shown.append({"type": "Container", "id": target, "isVisible": False, "style": "emphasis",
                  "items": [_document(_lines(c.text))]})
    return shown


def triage_preview(shown: str, qid: str, as_written: str) -> dict:
    """Before a question holding personal data goes to triage: what will be posted, and the choice."""
    body = [_text(da.PREVIEW_PERSONAL), _text(shown, isSubtle=True)]
    return _card(body, [_submit(da.SEND_REDACTED, "ask_person_send", qid) | {"style": "positive"},
                        _submit(da.SEND_AS_WRITTEN, "ask_person_as_written", qid, q=as_written)])


def triage_card(answer: Answer, qid: str, asker: str, where: str, solved_by: str = "") -> dict:
    body = [
        _text(f"{asker} spurgte{where} og vil gerne have svar fra en person:", weight="Bolder"),
        _text(answer.question),
        _text("Dokumenterne svarede ikke sikkert." if not answer.found
              else "Dokumenterne gav et svar, men spørgeren vil gerne høre fra en person.", isSubtle=True),
    ]
    if solved_by:
        body.append(_text(f"✅ Markeret som løst af {solved_by}"))
        return _card(body, [])
    return _card(body, [_submit("Markér som løst", "resolve", qid)])


def ai_entity(answer: Answer) -> dict:
    """Teams' AI-generated label plus one citation per source (shown where the client supports them):
    name ≤ 80 characters, abstract ≤ 160, a keyword (the section) ≤ 28, each cut at a word."""
    return {
        "type": "https://schema.org/Message", "@type": "Message", "@context": "https://schema.org", "@id": "",
        "additionalType": ["AIGeneratedContent"],
        "citation": [
            {"@type": "Claim", "position": c.n, "appearance": {
                "@type": "DigitalDocument", "name": _cut(safe(source_label(c)), 80),
                "abstract": _cut(safe(" ".join(c.quote.split())), 160), **({"url": link(c)} if link(c) else {}),
                **({"keywords": [_cut(safe(c.section), 28)]} if c.section else {})}}
            for c in answer.citations
        ],
    }


def summary(answer: Answer) -> str:
    """The answer's first words, for Teams' notification and chat list (a card alone shows as
    "sent a card")."""
    return _cut(safe(" ".join(answer.answer.split())), 120)


def _cut(text: str, limit: int) -> str:
    """Within Teams' limit, at a word's end, marked as cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"


def attachment(card: dict) -> dict:
    return {"contentType": CARD, "content": card}


def _card(body: list[dict], actions: list[dict]) -> dict:
    card = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.5", "body": body}
    if actions:
        card["actions"] = actions
    return card


def _lines(text: str) -> str:
    """Teams runs a TextBlock's single line breaks together outside markdown lists; a lookup's one
    unit a line, or a slide's bullets, need "\n\n" to stay apart."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _text(text: str, escape=safe, **style) -> dict:
    """Every TextBlock's text passes here: no <at> tag from a question or a document survives."""
    return {"type": "TextBlock", "text": escape(text), "wrap": True, **style}


def _document(text: str, **style) -> dict:
    """A TextBlock of document or answer text: its Markdown links kept as links where they lead somewhere."""
    return _text(text, teams_document, **style)


def _submit(title: str, action: str, qid: str, **data) -> dict:
    return {"type": "Action.Submit", "title": title, "data": {"medbot": action, "qid": qid, **data}}
