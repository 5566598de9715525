"""Find the legal references a text mentions, each tagged with WHICH text it belongs to.

Slides mix "Lokalaftalen § 8, stk. 2" and "MED-rammeaftalens § 21" on one page, and a
local agreement's § 8 is not the framework's § 8, so a bare number is never enough.
"""
from __future__ import annotations

import re

OWNERS = [
    (r"lokal\s*(?:e\s+)?med-?\s*aftale\w*|lokalaftale\w*|den lokale med-aftale", "Lokalaftalen"),
    (r"(?:med-?\s*)?rammeaftale\w*", "MED-rammeaftalen"),
    (r"forvaltningslov\w*", "forvaltningsloven"),
    (r"arbejdsmiljølov\w*", "arbejdsmiljøloven"),
    (r"offentlighedslov\w*", "offentlighedsloven"),
    (r"databeskyttelseslov\w*", "databeskyttelsesloven"),
]
_OWNER = re.compile("|".join(f"(?P<o{i}>{pattern})" for i, (pattern, _) in enumerate(OWNERS)), re.I)
REF_PATTERN = re.compile(
    r"§§?\s*(?P<par>\d+[a-z]?)(?:\s*-\s*(?P<par_to>\d+))?"
    r"(?:\s*,?\s*stk\.\s*(?P<stk>\d+)(?:\s*-\s*(?P<stk_to>\d+))?)?"
    r"(?:\s*[,.]?\s*(?P<kind>nr|pkt|litra)\.?\s*(?P<item>\d+(?:\s*-\s*\d+)?|[a-z]\b))?",
    re.I,
)
_TRAILING_OWNER = re.compile(r"^\s*(?:i|jf\.?|efter)\s+(?:den\s+)?", re.I)
_REACH = 90  # characters an owner named before a § still governs it


def format_ref(m: re.Match) -> str:
    par = m.group("par") + (f"-{m.group('par_to')}" if m.group("par_to") else "")
    out = ("§§ " if m.group("par_to") else "§ ") + par
    if m.group("stk"):
        out += f", stk. {m.group('stk')}" + (f"-{m.group('stk_to')}" if m.group("stk_to") else "")
    if m.group("kind"):
        item = re.sub(r"\s+", "", m.group("item"))
        out += f", {m.group('kind').lower()}. {item}"
    return out


def _owner_name(m: re.Match) -> str:
    index = int(next(k for k, v in m.groupdict().items() if v)[1:])
    return OWNERS[index][1]


def find_refs(text: str, default_owner: str = "") -> list[str]:
    """References in order of appearance, de-duplicated: ["Lokalaftalen § 2, stk. 3", ...]."""
    owners = [(m.start(), m.end(), _owner_name(m)) for m in _OWNER.finditer(text)]
    found: list[str] = []
    last_owner, last_end = "", -10_000
    for m in REF_PATTERN.finditer(text):
        before = [o for o in owners if o[1] <= m.start()]
        if before and before[-1][1] > last_end - 1 and m.start() - before[-1][1] <= _REACH:
            last_owner, last_end = before[-1][2], m.end()
        elif last_owner and m.start() - last_end <= 12:  # "§ 5, § 9 stk. 8, § 10" in one list
            last_end = m.end()
        else:
            last_owner = ""
        owner = _owner_after(text, m.end(), owners) or last_owner or default_owner
        ref = f"{owner} {format_ref(m)}".strip()
        if ref not in found:
            found.append(ref)
    return found


def _owner_after(text: str, end: int, owners: list[tuple[int, int, str]]) -> str:
    tail = _TRAILING_OWNER.match(text[end : end + 30])
    if not tail:
        return ""
    start = end + tail.end()
    return next((name for s, _, name in owners if s == start), "")
