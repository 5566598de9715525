"""How every adapter words an answer the same way: the language of its labels, its sources, its
confidence in plain words, and which quotes add to what the answer already says."""
from types import ModuleType

from bot.adapters.escape import WEB_ADDRESS
from bot.lang.language import words
from bot.models import Answer, Citation
from bot.params import HIGH_CONFIDENCE


def source_label(c: Citation) -> str:
    """ "Titel — § 8, stk. 3 (s. 12)": how a person finds the passage again."""
    return f"{c.title} — {c.section}{_page(c)}"


def place(c: Citation) -> str:
    """ "§ 8, stk. 3 (s. 12)": where in its document, for a source listed under the document's title."""
    return f"{c.section}{_page(c)}" if c.section else _page(c).strip(" ()") or c.title


def _page(c: Citation) -> str:
    return f" (s. {c.page})" if c.page else ""


def quote_line(c: Citation, limit: int = 600) -> str:
    """A source's quote on one line, as shown under its label."""
    return " ".join(c.quote.split())[:limit]


def by_document(citations: list[Citation]) -> list[list[Citation]]:
    """The sources grouped by document, in the order each document is first cited: a § looked up
    whole is six sources from one document, and its title six times over made the list twice as tall."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.document, c.title), []).append(c)
    return list(groups.values())


def link(c: Citation) -> str:
    """The document's address, when it is one a person can open (http or https, nothing that
    could break out of a platform's link markup); else ""."""
    return c.url if WEB_ADDRESS.fullmatch(c.url or "") else ""


def words_for(answer: Answer) -> ModuleType:
    """The labels follow the question's language."""
    return words(answer.question)


def confidence_line(answer: Answer) -> str:
    """The confidence in plain words; none where the answer says it itself (a refusal, or the
    composer's "not sure" note)."""
    words = words_for(answer)
    if not answer.found or words.NOT_SURE in answer.note:
        return ""
    return words.SURE if answer.confidence >= HIGH_CONFIDENCE else words.UNSURE


def adds_to(answer: Answer, c: Citation) -> bool:
    """Whether a source's quote says more than the answer text: an extractive answer is its
    quotes, and showing them twice made a § looked up whole twice as long."""
    said = " ".join(answer.answer.split())
    return " ".join(c.quote.split()) not in said
