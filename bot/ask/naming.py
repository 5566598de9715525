"""What a question names: the §s and bilag it asks for by number ("Hvad står der i § 7, stk. 3?",
"rammeaftalens § 8"), the agreements it names, the subject it asks an agreement about ("Hvad siger
lokalaftalen om uenighed?"), and a follow-up read as a question of its own ("og stk. 3?").
Read by bot.ask.question only, once per question."""
from __future__ import annotations

import re

from bot.ingest.refs import ANNEX_PATTERN, REF_PATTERN, owner_as_written, owners, references, without_owners
from bot.lang import da
from bot.models import AGREEMENT_KINDS, UNKNOWN_KIND
from bot.search.lexical import words

_KINDS_BY_OWNER = {name: (kind,) for kind, name in AGREEMENT_KINDS.items()}
ANY_AGREEMENT = (*AGREEMENT_KINDS, UNKNOWN_KIND)  # a file without a manifest entry may be one
_ASKING_WHAT = re.compile(da.ASKING_WHAT, re.I)
_STK_WORDS = re.compile(da.SECTION_WORDS, re.I)
_RELATIVE = re.compile(da.RELATIVE, re.I)
_ON_SUBJECT = re.compile(da.ON_SUBJECT, re.I)
_AN_AGREEMENT = re.compile(da.AN_AGREEMENT, re.I)
_SUBJECT_FOLLOW_UP = re.compile(da.SUBJECT_FOLLOW_UP, re.I)
_PARAGRAPH = re.compile(r"(?:bilag \w+, )?§ \d+[a-z]?\b", re.I)


def named_sections(question: str) -> list[tuple[tuple[str, ...], str]]:
    """(document kinds, section label) for each § or bilag the question names in an agreement the
    knowledge base can hold; a law's § ("forvaltningsloven § 27") and a range ("§§ 6-9") are not
    looked up."""
    return [(_kinds(owner), label) for owner, label in named_references(question)]


def named_references(question: str) -> list[tuple[str, str]]:
    """As named_sections, each as (agreement, label): ("MED-rammeaftalen", "§ 21"); the agreement is
    "" when the question names none."""
    return [(owner, label) for owner, label in references(question) if _kinds(owner) and not label.startswith("§§")]


def _kinds(owner: str) -> tuple[str, ...]:
    """The document kinds an agreement's § can be in: any agreement's when none is named, none for a law's."""
    return _KINDS_BY_OWNER.get(owner, ANY_AGREEMENT if not owner else ())


def named_agreements(question: str) -> tuple[str, ...]:
    """The document kinds of the agreements a question names, with or without a § ("Hvad siger
    rammeaftalen om retningslinjer?" -> ("rammeaftale",)); a law it names is no document of ours."""
    return tuple(kind for owner in owners(question) for kind in _KINDS_BY_OWNER.get(owner, ()))


def subject(question: str) -> str:
    """What a question asks an agreement about: without the agreement's name and the words that
    only ask what a text says ("Står der noget om tavshedspligt i rammeaftalen?" -> "tavshedspligt";
    "Hvad er formålet med den lokale MED-aftale?" -> "formålet")."""
    return _ASKING_WHAT.sub(" ", without_owners(question))


def asks_of_section(question: str) -> bool:
    """Whether a question that names a § asks something of it besides what it says: "Hvad siger § 8
    om opsigelse?", "Jeg har læst § 8, men må lederen lave retningslinjer alene?" — not "Hvad står
    der i § 7, stk. 3?" or "og stk. 2?"."""
    rest = ANNEX_PATTERN.sub(" ", REF_PATTERN.sub(" ", subject(question)))
    return bool(words(_STK_WORDS.sub(" ", rest)))


def asked_subject(question: str) -> tuple[tuple[str, ...], list[str]]:
    """(document kinds, words of the subject) when the question asks what an agreement says on a
    subject of at most three words ("Står der noget om hjemmearbejde i aftalen?" -> any
    agreement's kinds, ["hjemmearbejde"]); ((), []) for any other question."""
    m = _ON_SUBJECT.match(question)
    kinds = named_agreements(question) or (ANY_AGREEMENT if _AN_AGREEMENT.search(question) else ())
    asked = words(_AN_AGREEMENT.sub(" ", subject(m.group("subject")))) if m and kinds else []  # not "MED"
    return (kinds, asked) if 0 < len(asked) <= 3 else ((), [])


def follow_up_subject(question: str, previous: str) -> str | None:
    """A follow-up to a question on what an agreement says, asking about another subject, as a
    question of its own: "og om arbejdsmiljø?" / "hvad med tavshedspligt?" after "Hvad siger
    aftalen om uddannelse?" asks "Hvad siger aftalen om arbejdsmiljø?". None for anything else."""
    new = _SUBJECT_FOLLOW_UP.match(question)
    if not new or not asked_subject(previous)[1]:
        return None
    named = owner_as_written(previous) or _AN_AGREEMENT.search(previous).group(0)
    return f"Hvad siger {named} om {new.group('subject')}?"


def follow_up_reference(question: str, previous: str) -> str | None:
    """A follow-up about the agreement asked about before, as a question of its own: "og stk. 3?"
    after "Hvad står der i rammeaftalens § 8, stk. 2?" asks for "MED-rammeaftalen § 8, stk. 3", and
    "og § 9?" for "MED-rammeaftalen § 9". None when the follow-up names no § or stykke, or the
    previous question named no § to go on from (a follow-up that names its own § stands alone)."""
    before = [(owner, ref) for owner, ref in references(previous) if paragraph_of(ref)]
    owner, label = before[0] if before else ("", "")
    if named_sections(question):
        if not owner or any(o for o, _ in references(question)):  # names its own agreement
            return question
        return question.replace("§", f"{owner} §", 1)  # "og MED-rammeaftalen § 9?"
    relative = _RELATIVE.search(question)
    if not relative or not before:
        return None
    parts = label.split(", ")
    kind, number = relative.group(1).lower(), relative.group(2)
    keep = paragraph_of(label).split(", ") if kind == "stk" else [
        p for p in parts if not p.startswith(("nr.", "litra")) and not p.endswith("pkt.")]
    return f"{question} ({f'{owner} ' if owner else ''}{', '.join([*keep, f'{kind}. {number}'])})"


def paragraph_of(label: str) -> str:
    """The § a label is part of, with the bilag it is in: "Bilag 3, § 2" of "Bilag 3, § 2, stk. 1";
    "" for a label that is no § ("Bilag 3", "Tavshedspligt?")."""
    m = _PARAGRAPH.match(label)
    return m.group(0) if m else ""
