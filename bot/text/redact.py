"""Personal data masked before anything is kept or logged: Danish CPR numbers, e-mail addresses
and phone numbers. Names are not guessed at. What looks like a number but is a § reference, a
date, an amount or a year is left alone: a question about "§ 12, stk. 3" must still be about it."""
from __future__ import annotations

import re

CPR_MASK, EMAIL_MASK, PHONE_MASK = "[CPR-nummer]", "[e-mail]", "[telefonnummer]"

# ddmmyy-xxxx or ddmmyyxxxx, with a day and month that exist; not inside a longer number
_CPR = re.compile(r"(?<![\d.,/-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?![\d.,/-]?\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\b")
# +45 and eight digits, or eight digits alone, in pairs or fours or together; never after "§",
# "stk.", "kr." or with a decimal point, hyphen or slash (dates, amounts, case numbers)
_PHONE = re.compile(r"(?<![\w.,/§-])(?:(?:\+|00)45[ ]?)?(?:\d{2}[ ]\d{2}[ ]\d{2}[ ]\d{2}|\d{4}[ ]\d{4}|\d{8})(?![\w.,/-]?\d)")
_NOT_A_PHONE_BEFORE = re.compile(r"(?:§+|stk\.|nr\.|kr\.|dkk|bilag|kapitel|side|s\.)\s*$", re.I)


def redact(text: str) -> str:
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _CPR.sub(CPR_MASK, text)
    return _PHONE.sub(_phone, text)


def _phone(match: re.Match) -> str:
    before = match.string[max(0, match.start() - 12): match.start()]
    return match.group(0) if _NOT_A_PHONE_BEFORE.search(before) else PHONE_MASK


def holds_personal_data(text: str) -> bool:
    return redact(text) != text
