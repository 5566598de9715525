"""The Question, parsed once at the door: what was asked, the standalone question a follow-up
stands for, its language, what it asks for and what it names. Every later stage reads this
object, never the raw string."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ask import naming
from bot.params import UNDERSTOOD_FROM
from bot.lang import da, en
from bot.lang.glossary import expand, translate
from bot.lang.language import is_english


def _either(name: str, wrap: str = "{}") -> re.Pattern:
    """Danish's and English's pattern of that name as one, case-insensitive."""
    parts = [getattr(lang, name) for lang in (da, en) if hasattr(lang, name)]
    return re.compile(wrap.format("|".join(parts)), re.IGNORECASE)


_YES_OR_NO = _either("ASKS_YES_OR_NO")
_WHICH = _either("ASKS_WHICH")
_WHEN = _either("ASKS_WHEN", r"^\W*({})\b")
_COUNT = _either("ASKS_COUNT", r"\b({})\b")
_SPAN = re.compile(rf"\b({da.ASKS_SPAN}|{en.ASKS_SPAN})\b|{da.ASKS_SPAN_NOUN}", re.IGNORECASE)
_MONEY = _either("ASKS_MONEY", r"\b({})\b")
_MONEY_WORDS = _either("MONEY_WORDS", r"\b({})\b")
_COUNTED = re.compile(da.COUNTED, re.IGNORECASE)
_ABOUT_A_CASE = _either("ABOUT_A_CASE", r"\b(?:{})\b")
_ASKS_FOR_QUESTIONS = _either("ASKS_FOR_QUESTIONS", r"\b(?:{})\b")
_FOLLOW_UP_OPENERS = (*da.FOLLOW_UP_OPENERS, *en.FOLLOW_UP_OPENERS)
_POINTING_BACK = da.POINTING_BACK | en.POINTING_BACK


@dataclass(frozen=True)
class Wanted:
    """The figure a question asks for: a sum for money, a number of `counted`, a span of time or
    a date for a notice or deadline (`span`), else any number."""

    money: bool = False
    counted: str = ""
    span: bool = False


@dataclass(frozen=True)
class Question:
    asked: str  # as asked, trimmed
    text: str  # standalone: a follow-up read with the turn it follows
    focus: str | None  # a follow-up's new turn, which says what is asked now
    english: bool  # asked in English: answered in an English frame
    yes_or_no: bool
    which: bool  # asks for all of a list ("Hvilke …?"), or follows one that did
    when: bool  # "Hvornår …?" that asks for no span of time (that is an amount)
    amount: Wanted | None  # asks for a number, a sum or a span
    references: tuple[tuple[str, str], ...]  # (agreement, label) of each § it names
    sections: tuple[tuple[tuple[str, ...], str], ...]  # (document kinds, label) of the same
    agreements: tuple[str, ...]  # kinds of the agreements the standalone question names
    agreements_asked: tuple[str, ...]  # … that the question as asked names (a number is of them)
    subject: str  # what it asks an agreement about, without the agreement's name
    on_subject: tuple[tuple[str, ...], tuple[str, ...]]  # (agreement kinds, subject words): "Hvad siger aftalen om X?"
    of_section: bool  # names a § and asks something of it besides what it says
    about_case: bool  # about an exercise or example (a discussion case answers it)
    wants_questions: bool  # asks what to consider (a slide's questions answer it)
    terms: str  # the glossary's document words, for term coverage
    focus_terms: str  # … of the new turn
    priced: str  # what a price would have to be for: the subject less the money words
    dense_text: str  # what is embedded for retrieval (English MED terms in Danish)
    lexical_text: str  # what BM25 ranks on (the glossary's words added)

    @property
    def empty(self) -> bool:
        """No word in it ("", "?", "…"): nothing to search for, whatever the thread was about."""
        return asks_nothing(self.asked)

    @classmethod
    def parse(cls, asked: str, history: list[tuple[str, str]] | None = None, standalone: str | None = None) -> "Question":
        """standalone: a follow-up as an LLM rewrote it; without it, read with the thread (standalone_text)."""
        asked = (asked or "").strip()
        text = standalone or standalone_text(asked, history)
        focus = asked if text != asked and not standalone else None
        previous = history[-1][0] if focus and history else ""
        money = bool(_MONEY.search(asked))
        amount = bool(_COUNT.search(asked) or _SPAN.search(asked)) or money
        counted = _COUNTED.search(asked)
        on_kinds, on_words = naming.asked_subject(text)
        return cls(
            asked=asked, text=text, focus=focus, english=is_english(asked),
            yes_or_no=bool(_YES_OR_NO.match(text)),
            which=bool(_WHICH.match(asked) or (focus and _WHICH.match(previous))),
            when=bool(_WHEN.search(asked)) and not amount,
            amount=Wanted(money, counted.group(1) if counted else "", bool(_SPAN.search(asked))) if amount else None,
            references=tuple(naming.named_references(text)),
            sections=tuple(naming.named_sections(text)),
            agreements=naming.named_agreements(text), agreements_asked=naming.named_agreements(asked),
            subject=naming.subject(text), on_subject=(on_kinds, tuple(on_words)),
            of_section=naming.asks_of_section(text),
            about_case=bool(_ABOUT_A_CASE.search(text)), wants_questions=bool(_ASKS_FOR_QUESTIONS.search(text)),
            terms=translate(text), focus_terms=translate(focus) if focus else "",
            priced=naming.subject(_MONEY_WORDS.sub(" ", text)),
            dense_text=translate(text) if is_english(text) else text, lexical_text=expand(text),
        )


def asks_nothing(text: str | None) -> bool:
    return not re.search(r"\w", text or "")


def standalone_text(question: str, history: list[tuple[str, str]] | None) -> str:
    """Extractive mode has no LLM to rewrite a follow-up; it carries the previous question along
    when the new one leans on it (very short, opens like a follow-up, or points back with a pronoun).
    A question that stands on its own is left alone, so an unrelated new topic in a chat is not
    mixed with the last one."""
    if not history:
        return question
    # the previous turn as it was understood: "hvad med tavshedspligt?" after "og om arbejdsmiljø?"
    # after "Hvad siger aftalen om uddannelse?" goes on from "Hvad siger aftalen om arbejdsmiljø?"
    previous = standalone_text(history[-1][0], history[-UNDERSTOOD_FROM:-1])
    if resolved := naming.follow_up_reference(question, previous) or naming.follow_up_subject(question, previous):
        return resolved
    words = re.findall(r"\w+", question.lower())
    if len(words) <= 3 or question.lower().startswith(_FOLLOW_UP_OPENERS) or _POINTING_BACK.intersection(words):
        return f"{question} {history[-1][0]}"  # the new turn first: it says what is asked now
    return question
