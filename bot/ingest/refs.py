"""Find the legal references a text mentions, each tagged with WHICH text it belongs to.

Slides mix "Lokalaftalen § 8, stk. 2" and "MED-rammeaftalens § 21" on one page, and a
local agreement's § 8 is not the framework's § 8, so a bare number is never enough.
"""
from __future__ import annotations

import re

OWNERS = [
    # "MED-aftalen" alone is the local one: the framework is "MED-rammeaftalen"
    # asked in English: "§ 8 of the framework agreement", "the local MED agreement's § 7"
    (r"lokal\s*(?:e\s+)?med-?\s*aftale\w*|lokalaftale\w*|den lokale med-aftale|\bmed-?\s*aftale\w*"
     r"|\blocal\s+(?:med\s+)?agreement(?:'s)?", "Lokalaftalen"),
    (r"(?:med-?\s*)?rammeaftale\w*|\b(?:med\s+)?framework\s+agreement(?:'s)?", "MED-rammeaftalen"),
    (r"forvaltningslov\w*", "forvaltningsloven"),
    (r"arbejdsmiljølov\w*", "arbejdsmiljøloven"),
    (r"offentlighedslov\w*", "offentlighedsloven"),
    (r"databeskyttelseslov\w*", "databeskyttelsesloven"),
]
_OWNER = re.compile("|".join(f"(?P<o{i}>{pattern})" for i, (pattern, _) in enumerate(OWNERS)), re.I)
REF_PATTERN = re.compile(
    r"§(?P<double>§)?\s*(?P<par>\d+[a-z]?)(?:\s*-\s*(?P<par_to>\d+))?"
    # "§§ 6 og 7", "§§ 6, 7 og 9": each § of the list
    r"(?(double)(?P<more>(?:\s*,\s*\d+[a-z]?\b|\s+(?:og|eller)\s+\d+[a-z]?\b)*))"
    r"(?:\s*,?\s*stk\.\s*(?P<stk>\d+)(?:\s*-\s*(?P<stk_to>\d+))?)?"
    r"(?:\s*[,.]?\s*(?P<kind>nr|pkt|litra)\.?\s*(?P<item>\d+(?:\s*-\s*\d+)?|[a-z]\b))?"
    # "§ 5, 2. pkt.": the stykke's second sentence (punktum), as Danish law cites it
    r"(?:\s*,?\s*(?P<sentence>\d+)\.\s*(?:pkt\b\.?|punktum\b))?",
    re.I,
)
# "bilag 2 til rammeaftalen", "bilag C i lokalaftalen", "bilag 2, punkt A"; a capital letter only, so
# "bilag i lokalaftalen" is no bilag I
ANNEX_PATTERN = re.compile(r"\b[Bb]ilag\s+(?P<annex>\d+|[A-ZÆØÅ])\b(?:\s*,\s*(?:punkt|pkt\.)\s*(?P<point>[A-Z0-9]+)\b)?")
# "bilag 3, § 2" and "§ 2 i bilag 3": the § of an annex that numbers its own §s, not the agreement's
_ANNEX_BEFORE_PAR = re.compile(r"\s*,?\s*")
_PAR_BEFORE_ANNEX = re.compile(r"\s+i\s+", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÆØÅ]")
_TRAILING_OWNER = re.compile(r"^\s*(?:i|jf\.?|efter|til|of|in)\s+(?:den\s+|the\s+)?", re.I)
_REACH = 90  # characters an owner named before a § still governs it


def format_refs(m: re.Match) -> list[str]:
    """As Danish cites them: "§ 8, stk. 3, nr. 1", "§ 7, litra c", "§§ 6-9"; a list "§§ 6 og 7" is
    each of its §s."""
    if m.re is ANNEX_PATTERN:
        return [f"bilag {m.group('annex')}" + (f", punkt {m.group('point')}" if m.group("point") else "")]
    if m.group("more"):
        return [f"§ {n}" for n in [m.group("par"), *re.findall(r"\d+[a-z]?", m.group("more"))]]
    par = m.group("par") + (f"-{m.group('par_to')}" if m.group("par_to") else "")
    out = ("§§ " if m.group("par_to") else "§ ") + par
    if m.group("stk"):
        out += f", stk. {m.group('stk')}" + (f"-{m.group('stk_to')}" if m.group("stk_to") else "")
    if m.group("kind"):
        item, kind = re.sub(r"\s+", "", m.group("item")), m.group("kind").lower()
        out += f", {kind} {item}" if kind == "litra" else f", {kind}. {item}"
    if m.group("sentence"):
        out += f", {m.group('sentence')}. pkt."
    return [out]


def _owner_name(m: re.Match) -> str:
    index = int(next(k for k, v in m.groupdict().items() if v)[1:])
    return OWNERS[index][1]


def owners(text: str) -> list[str]:
    """The texts a question or passage names, with or without a § ("rammeaftalen" -> "MED-rammeaftalen")."""
    return list(dict.fromkeys(_owner_name(m) for m in _OWNER.finditer(text)))


def owner_as_written(text: str) -> str:
    """The words the text first names an agreement or law with, as written ("lokalaftalen"); "" for none."""
    m = _OWNER.search(text)
    return m.group(0) if m else ""


def without_owners(text: str) -> str:
    """The text with the names of the texts it mentions left out: what it says about them."""
    return _OWNER.sub(" ", text)


def find_refs(text: str, default_owner: str = "", annex: str = "") -> list[str]:
    """References in order of appearance, de-duplicated: ["Lokalaftalen § 2, stk. 3", ...]."""
    return [f"{owner} {ref}".strip() for owner, ref in references(text, default_owner, annex)]


def references(text: str, default_owner: str = "", annex: str = "") -> list[tuple[str, str]]:
    """As find_refs, each as (owner, reference): ("Lokalaftalen", "§ 2, stk. 3"); owner "" if unknown.
    In the text of an annex with §s of its own (annex "3"), a § that names no owner is the annex's:
    "jf. § 1" in bilag 3's forretningsorden is "bilag 3, § 1"."""
    owners = [(m.start(), m.end(), _owner_name(m)) for m in _OWNER.finditer(text)]
    found: list[tuple[str, str]] = []
    last_owner, last_end = "", -10_000
    for start, end, refs in _spans(text):
        before = [o for o in owners if o[1] <= start]
        if before and before[-1][1] > last_end - 1 and start - before[-1][1] <= _REACH:
            last_owner, last_end = before[-1][2], end
        elif last_owner and start - last_end <= 12 and not _SENTENCE_END.search(text[last_end:start]):
            # "§ 5, § 9 stk. 8, § 10" in one list; "… § 8, stk. 2. Efter § 3 …" in two sentences
            last_end = end
        else:
            last_owner = ""
        named = _owner_after(text, end, owners) or last_owner
        owner = named or default_owner
        for ref in refs:
            if annex and not named and ref.startswith("§"):
                ref = f"bilag {annex}, {ref}"
            if (owner, ref) not in found:
                found.append((owner, ref))
    return found


def _spans(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, references) of each § and bilag the text names, a § with the bilag it is in
    ("bilag 3, § 2", "§ 2 i bilag 3") as one: "bilag 3, § 2"."""
    matches = sorted([*REF_PATTERN.finditer(text), *ANNEX_PATTERN.finditer(text)], key=lambda m: m.start())
    out, i = [], 0
    while i < len(matches):
        m, after = matches[i], matches[i + 1] if i + 1 < len(matches) else None
        between = text[m.end():after.start()] if after else ""
        if after and m.re is ANNEX_PATTERN and after.re is REF_PATTERN and not m.group("point") \
                and _ANNEX_BEFORE_PAR.fullmatch(between):
            annex, par = m, after
        elif after and m.re is REF_PATTERN and after.re is ANNEX_PATTERN and not after.group("point") \
                and _PAR_BEFORE_ANNEX.fullmatch(between):
            annex, par = after, m
        else:
            out.append((m.start(), m.end(), format_refs(m)))
            i += 1
            continue
        out.append((m.start(), after.end(), [f"bilag {annex.group('annex')}, {ref}" for ref in format_refs(par)]))
        i += 2
    return out


def _owner_after(text: str, end: int, owners: list[tuple[int, int, str]]) -> str:
    tail = _TRAILING_OWNER.match(text[end : end + 30])
    if not tail:
        return ""
    start = end + tail.end()
    return next((name for s, _, name in owners if s == start), "")
