"""Passages that state what a question asks a figure for: a number, a sum, a span of time, a
moment. "Hvor mange arbejdsmiljørepræsentanter skal der være i Hovedudvalget?" has a passage that
is very close ("Medarbejderrepræsentanterne i udvalgene er tillidsrepræsentanter og
arbejdsmiljørepræsentanter.") and says no number: quoted as the answer, it reads as one."""
from __future__ import annotations

import re

from bot.ask.question import Wanted
from bot.lang import da, en
from bot.params import NUMBER_NEAR
from bot.search.lexical import stem

_STATES = re.compile(r"\d|\b(" + "|".join(da.NUMBER_WORDS) + r")\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d[\d.,]*|" + "|".join(da.NUMBER_WORDS) + r")$", re.IGNORECASE)  # one word
_STATES_MONEY = re.compile(f"{da.STATES_MONEY}|{en.STATES_MONEY}", re.IGNORECASE)
_STATES_SPAN = re.compile(f"{da.STATES_SPAN}|{en.STATES_SPAN}", re.IGNORECASE)
_STATES_WHEN = re.compile(da.STATES_WHEN, re.IGNORECASE)
_REPRESENTATIVE = "repræsentant"  # the stem of "ledelsesrepræsentanter", a side's members on a committee
_MEMBER = {"medlem"}  # a committee's members are its representatives: "9 ledelsesrepræsentanter og 13 …"


def states_when(text: str) -> bool:
    return bool(_STATES_WHEN.search(text) or _STATES_SPAN.search(text))


def states_money(text: str) -> bool:
    return bool(_STATES_MONEY.search(text))


def states_amount(text: str, wanted: Wanted | None = None) -> bool:
    """Whether the text states what the question asks for: a sum or "free" for money; for "hvor
    mange X", a number of X ("fire fagområder" is no number of members); a span of time or a date
    for a notice or deadline; else any number."""
    wanted = wanted or Wanted()
    if wanted.money:
        return states_money(text)
    if wanted.counted:
        return _counts(text, wanted.counted)
    if wanted.span:
        return bool(_STATES_SPAN.search(text))
    return bool(_STATES.search(text))


def _counts(text: str, noun: str) -> bool:
    """Whether a number in the text counts the noun. It meets its compounds by their last part:
    "13 medarbejderrepræsentanter" counts repræsentanter, not arbejdsmiljørepræsentanter; and a
    side by its representatives: "9 ledelsesrepræsentanter" counts ledere, the leaders on a committee,
    and medlemmer, as any representatives count a committee's members."""
    wanted = stem(noun.lower())
    tokens = re.findall(r"[\w.,]+", text.lower())
    for n, token in enumerate(tokens):
        if _NUMBER.match(token.strip(".,")):
            for word in tokens[n + 1 : n + 1 + NUMBER_NEAR]:
                said = stem(word.strip(".,"))
                if said == wanted or said.endswith(wanted) or (wanted.endswith(said) and len(said) >= 4):
                    return True
                if said.endswith(_REPRESENTATIVE) and (said.startswith(wanted) and len(wanted) >= 3 or wanted in _MEMBER):
                    return True
    return False
