"""The sections a question names by number ("Hvad står der i § 7, stk. 3?", "rammeaftalens § 8"),
found by their label, not by meaning; and those whose title is the subject a question asks an
agreement about ("Hvad siger lokalaftalen om uenighed?": § 13. Uenighed om fortolkning). Asked for
a § by its number, the bot must show that §, of the agreement named, not the passage that quotes
the number most alike: by meaning alone, "§ 8, stk. 2 i rammeaftalen" found the local agreement's
§ 8, which mentions the framework's § 8."""
from __future__ import annotations

import re

from .chunk import AGREEMENT_KINDS, UNKNOWN_KIND
from .lexical import stem, words
from .models import Unit
from .refs import ANNEX_PATTERN, REF_PATTERN, owner_as_written, owners, references, without_owners

_KINDS_BY_OWNER = {name: (kind,) for kind, name in AGREEMENT_KINDS.items()}
_ANY_AGREEMENT = (*AGREEMENT_KINDS, UNKNOWN_KIND)  # a file without a manifest entry may be one
# words that only ask what a text says, and "MED", which every passage of a MED agreement is about
# ("noget" and "der" are stopwords already: lexical.words)
_ASKING_WHAT = re.compile(r"\b(?:står|stå|siger|sige|skriver|nævner|indeholder|med)\b", re.I)
# the words of a section's number, and of asking for its text ("Vis mig § 8", "Hvad betyder § 8?")
_STK_WORDS = re.compile(r"\b(?:stk|nr|litra|pkt|punkt|paragraf|stykke)\b\.?(?:\s*\d+|\s+[a-z]\b)?"
                        r"|\b(?:betyder|betyde|vis|vise|forklar|forklare|forklaring|handler|omhandler|citer|citere|"
                        r"mener|menes|tekst|teksten|ordlyd|ordlyden|hele|helt)\b", re.I)
_PARAGRAPH = re.compile(r"(?:bilag \w+, )?§ \d+[a-z]?\b", re.I)
_SENTENCE = re.compile(r", \d+\. pkt\.$")
_OWNED = re.compile(r"^(.*?)\s*((?:bilag\b|§).*)$", re.I)
_RELATIVE = re.compile(r"\b(stk|nr)\.?\s*(\d+)\b", re.I)  # "og stk. 3?" after "§ 7, stk. 2"
# "Hvad siger lokalaftalen om uddannelse?", "Står der noget om tavshedspligt i aftalen?": what an
# agreement says on a subject, which its § of that title says ("§ 11. Uddannelse")
_ON_SUBJECT = re.compile(r"^\s*(?:hvad\s+(?:siger|står(?:\s+der)?(?:\s+i)?|skriver|nævner)|står\s+der\s+(?:noget\s+)?)"
                         r"\b.*?\bom\s+(?P<subject>[^?]+?)\s*\??\s*$", re.I)
_AN_AGREEMENT = re.compile(r"\baftalen?\b", re.I)  # "aftalen" alone: whichever agreement is indexed
# "og om arbejdsmiljø?", "hvad med tavshedspligt?": the same question on another subject (not "og
# hvem betaler?", a question of its own)
_SUBJECT_FOLLOW_UP = re.compile(r"^\s*(?:og\s+|men\s+)?(?:om|hvad\s+(?:så\s+)?med|hvad\s+om)\s+"
                                r"(?!(?:hvem|hvad|hvor|hvornår|hvordan|hvorfor|hvilke|hvis|at|man|vi|jeg|de)\b)"
                                r"(?P<subject>[^?]{2,40}?)\s*\??\s*$", re.I)
_PARAGRAPH_TITLE = re.compile(r"^(?:bilag \w+, )?§ \d+[a-z]?\. (.+)$", re.I)


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
    return _KINDS_BY_OWNER.get(owner, _ANY_AGREEMENT if not owner else ())


def citing(units: list[Unit], owner: str, label: str) -> list[Unit]:
    """The units that cite this § (or a stykke of it) of this agreement, in document order: a slide's
    "(MED rammeaftalens § 21)" cites MED-rammeaftalen § 21. With no agreement named, a citation of
    any agreement's § of that number."""
    wanted = label.lower()
    return _in_document_order(u for u in units if any(
        (not owner or ref_owner == owner) and (ref_label == wanted or ref_label.startswith(wanted + ", "))
        for ref_owner, ref_label in map(_split_reference, u.refs)))


def _split_reference(ref: str) -> tuple[str, str]:
    """"MED-rammeaftalen § 21" -> ("MED-rammeaftalen", "§ 21"); "§ 8, stk. 5" -> ("", "§ 8, stk. 5")."""
    m = _OWNED.match(ref)
    return (m.group(1).strip(), m.group(2).lower()) if m else ("", ref.lower())


def named_agreements(question: str) -> tuple[str, ...]:
    """The document kinds of the agreements a question names, with or without a § ("Hvad siger
    rammeaftalen om retningslinjer?" -> ("rammeaftale",)); a law it names is no document of ours."""
    return tuple(kind for owner in owners(question) for kind in _KINDS_BY_OWNER.get(owner, ()))


def concerns(unit: Unit, kinds: tuple[str, ...]) -> bool:
    """Whether a passage is part of one of these agreements or cites it ("Lokalaftalen § 8")."""
    return unit.kind in kinds or bool(set(kinds) & set(named_agreements(" ".join(unit.refs))))


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


def named_units(question: str, units: list[Unit], allowed=lambda unit: True) -> list[Unit]:
    """The units a question names, in its order: each label's own unit first, then what it holds
    ("§ 8" holds "§ 8, stk. 1", "§ 8, stk. 2", its vejledning) in document order. "§ 8, stk. 1" of a
    § without stykker is § 8 itself, and "bilag 2, punkt A" is in bilag 2 when its points are not
    units of their own; any other label that no unit has is not looked up."""
    found: dict[str, Unit] = {}
    for kinds, label in named_sections(question):
        label = _SENTENCE.sub("", label)  # "§ 5, 2. pkt." is a sentence of § 5, no unit of its own
        candidates = [u for u in units if u.kind in kinds and allowed(u)]
        held = held_by(candidates, label)
        own = _labelled(candidates, label)
        parent, last = label.rsplit(", ", 1) if ", " in label else (label, "")
        if not own and not held and (last == "stk. 1" or last.startswith("punkt")):
            own = _labelled(candidates, parent)
        for unit in [*own, *held]:
            found.setdefault(unit.id, unit)
    return list(found.values())


def units_on_subject(question: str, units: list[Unit], allowed=lambda unit: True) -> list[Unit]:
    """The units of the §s whose title is what the question asks an agreement about, in document
    order: "Hvad siger lokalaftalen om uenighed?" is § 13 "Uenighed om fortolkning", both its
    stykker, where by meaning its sentences scored too low to answer. Only for a question that
    names an agreement ("lokalaftalen", "rammeaftalen" or just "aftalen") and a subject of a few
    words, every one in the title (Danish stems); [] otherwise, and the question is answered by
    meaning."""
    kinds, asked = asked_subject(question)
    wanted = {stem(w) for w in asked}
    found = [u for u in units if u.kind in kinds and allowed(u) and wanted <= _title_stems(u)] if wanted else []
    return _in_document_order(found)


def asked_subject(question: str) -> tuple[tuple[str, ...], list[str]]:
    """(document kinds, words of the subject) when the question asks what an agreement says on a
    subject of at most three words ("Står der noget om hjemmearbejde i aftalen?" -> any
    agreement's kinds, ["hjemmearbejde"]); ((), []) for any other question."""
    m = _ON_SUBJECT.match(question)
    kinds = named_agreements(question) or (_ANY_AGREEMENT if _AN_AGREEMENT.search(question) else ())
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


def mentions(unit: Unit, word: str) -> bool:
    """Whether a word, or its stem, is in the unit's text, also inside a compound ("trivsel" in
    "trivselsmåling"): generous, as it decides whether a document is said not to mention it."""
    text = unit.with_heading().lower()
    return word.lower() in text or stem(word) in text


def _title_stems(unit: Unit) -> set[str]:
    """The stems of the title of the § a unit is part of ("§ 13. Uenighed om fortolkning")."""
    titles = [m.group(1) for m in map(_PARAGRAPH_TITLE.match, unit.heading_path) if m]
    return {stem(w) for w in words(titles[-1])} if titles else set()


def paragraph_of(label: str) -> str:
    """The § a label is part of, with the bilag it is in: "Bilag 3, § 2" of "Bilag 3, § 2, stk. 1";
    "" for a label that is no § ("Bilag 3", "Tavshedspligt?")."""
    m = _PARAGRAPH.match(label)
    return m.group(0) if m else ""


def held_by(units: list[Unit], label: str) -> list[Unit]:
    """The units under a label, in document order: "§ 8" holds "§ 8, stk. 1" and "§ 8, stk. 1, litra a"."""
    under = label.lower() + ", "
    return _in_document_order(u for u in units if u.section.lower().startswith(under))


def item_of(label: str) -> str:
    """The label of the stykke (or §, or nr.) whose numbered item or litra this label is: "§ 7, stk. 3"
    of "§ 7, stk. 3, nr. 2", "§ 7, stk. 3, nr. 2" of "… nr. 2, litra a"; "" for a label that is no item."""
    head, _, last = label.rpartition(", ")
    return head if head and last.startswith(("nr.", "litra")) else ""


def lead_in(units: list[Unit], unit: Unit) -> Unit | None:
    """The passage an agreement's numbered item is an item of, when it leads in to it on a colon:
    "Større rationaliserings- og omstillingsprojekter, herunder udbud og udlicitering." (§ 7, stk. 3,
    nr. 2) says nothing without "Ledelsen skal særligt informere om og drøfte:" (§ 7, stk. 3)."""
    label = item_of(unit.section)
    above = [u for u in _labelled([u for u in units if u.document == unit.document], label)
             if u.position < unit.position] if label else []
    return above[-1] if above and above[-1].text.rstrip().endswith(":") else None


def _labelled(units: list[Unit], label: str) -> list[Unit]:
    return _in_document_order(u for u in units if u.section.lower() == label.lower())


def _in_document_order(units) -> list[Unit]:
    return sorted(units, key=lambda u: (u.document, u.position))


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
