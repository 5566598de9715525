"""Questions that ask for a number, and passages that state one.

"Hvor mange arbejdsmiljørepræsentanter skal der være i Hovedudvalget?" has a passage that is
very close ("Medarbejderrepræsentanterne i udvalgene er tillidsrepræsentanter og
arbejdsmiljørepræsentanter.") and says no number: quoted as the answer, it reads as one."""
from __future__ import annotations

import re

_ASKS = re.compile(
    r"\b(hvor (mange|meget|længe|lang tid|ofte|hurtigt)|hvad koster|hvad er prisen|hvilket beløb"
    r"|how (many|much|long|often))\b"
    r"|(varsel|varslet|frist|fristen)\b",  # a notice or a deadline is a time ("opsigelsesvarslet")
    re.IGNORECASE,
)
# "en"/"et" are articles far more often than numbers ("én", with its accent, stands for one), and
# "anden"/"andet" mean "other" more often than "second" ("hvert andet år" has "hvert")
_NUMBER_WORDS = (
    "én ét to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten atten "
    "nitten tyve tredive fyrre halvtreds tres halvfjerds firs halvfems hundrede tusind million "
    "halv halvt halvdelen dobbelt første tredje fjerde femte hver hvert dagligt "
    "ugentligt månedligt årligt årlig"
).split()
_STATES = re.compile(r"\d|\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def asks_for_amount(question: str) -> bool:
    return bool(_ASKS.search(question))


def states_amount(text: str) -> bool:
    return bool(_STATES.search(text))
