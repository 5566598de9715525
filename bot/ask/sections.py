"""The passages of an agreement found by label, not by meaning: the units under a § ("§ 8" holds
"§ 8, stk. 1" …), the units whose § title is a subject, the units that cite a §, the stykke a
numbered item is an item of. Asked for a § by its number, the bot must show that §, of the
agreement named, not the passage that quotes the number most alike: by meaning alone, "§ 8, stk. 2
i rammeaftalen" found the local agreement's § 8, which mentions the framework's § 8."""
from __future__ import annotations

import re

from bot.ask.naming import named_agreements
from bot.models import Unit
from bot.search.lexical import stem, words

_SENTENCE = re.compile(r", \d+\. pkt\.$")
_OWNED = re.compile(r"^(.*?)\s*((?:bilag\b|§).*)$", re.I)
_PARAGRAPH_TITLE = re.compile(r"^(?:bilag \w+, )?§ \d+[a-z]?\. (.+)$", re.I)


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


def concerns(unit: Unit, kinds: tuple[str, ...]) -> bool:
    """Whether a passage is part of one of these agreements or cites it ("Lokalaftalen § 8")."""
    return unit.kind in kinds or bool(set(kinds) & set(named_agreements(" ".join(unit.refs))))


def named_units(sections, units: list[Unit], allowed=lambda unit: True) -> list[Unit]:
    """The units a question names, in its order: each label's own unit first, then what it holds
    ("§ 8" holds "§ 8, stk. 1", "§ 8, stk. 2", its vejledning) in document order. "§ 8, stk. 1" of a
    § without stykker is § 8 itself, and "bilag 2, punkt A" is in bilag 2 when its points are not
    units of their own; any other label that no unit has is not looked up."""
    found: dict[str, Unit] = {}
    for kinds, label in sections:
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


def units_on_subject(on_subject, units: list[Unit], allowed=lambda unit: True) -> list[Unit]:
    """The units of the §s whose title is what the question asks an agreement about, in document
    order: "Hvad siger lokalaftalen om uenighed?" is § 13 "Uenighed om fortolkning", both its
    stykker, where by meaning its sentences scored too low to answer. Only for a question that
    names an agreement ("lokalaftalen", "rammeaftalen" or just "aftalen") and a subject of a few
    words, every one in the title (Danish stems); [] otherwise, and the question is answered by
    meaning."""
    kinds, asked = on_subject
    wanted = {stem(w) for w in asked}
    found = [u for u in units if u.kind in kinds and allowed(u) and wanted <= _title_stems(u)] if wanted else []
    return _in_document_order(found)


def mentions(unit: Unit, word: str) -> bool:
    """Whether a word, or its stem, is in the unit's text, also inside a compound ("trivsel" in
    "trivselsmåling"): generous, as it decides whether a document is said not to mention it."""
    text = unit.with_heading().lower()
    return word.lower() in text or stem(word) in text


def _title_stems(unit: Unit) -> set[str]:
    """The stems of the title of the § a unit is part of ("§ 13. Uenighed om fortolkning")."""
    titles = [m.group(1) for m in map(_PARAGRAPH_TITLE.match, unit.heading_path) if m]
    return {stem(w) for w in words(titles[-1])} if titles else set()


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
