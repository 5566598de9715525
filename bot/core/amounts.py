"""Questions that ask for a number or a time, and passages that state one.

"Hvor mange arbejdsmiljørepræsentanter skal der være i Hovedudvalget?" has a passage that is
very close ("Medarbejderrepræsentanterne i udvalgene er tillidsrepræsentanter og
arbejdsmiljørepræsentanter.") and says no number: quoted as the answer, it reads as one."""
from __future__ import annotations

import re

from .chunk import MONTHS
from .lexical import stem

# a count or a frequency; a time (_ASKS_TIME) and money (_ASKS_MONEY) are asked for too
_ASKS = re.compile(r"\b(hvor (mange|meget|ofte)|how (many|much|often))\b", re.IGNORECASE)
# "en"/"et" are articles far more often than numbers ("én", with its accent, stands for one), and
# "anden"/"andet" mean "other" more often than "second" ("hvert andet år" has "hvert")
_NUMBER_WORDS = (
    "én ét to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten atten "
    "nitten tyve tredive fyrre halvtreds tres halvfjerds firs halvfems hundrede tusind million "
    "halv halvt halvdelen dobbelt første tredje fjerde femte hver hvert dagligt "
    "ugentligt månedligt årligt årlig"
).split()
_STATES = re.compile(r"\d|\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d[\d.,]*|" + "|".join(_NUMBER_WORDS) + r")$", re.IGNORECASE)  # one word
# A question about money is answered by a sum or by "free": "Hvad koster PUF's temadag?" by
# "Deltagelse er vederlagsfri", and "Hvilken løn får næstformanden?" not by "uden tab af løn"
_MONEY_NOUN = r"(løn\w*|\w*tillæg\w*|godtgørelse\w*|vederlag\w*|honorar\w*|beløb\w*|pris\w*|bøde\w*)"
_ASKS_MONEY = re.compile(
    r"\b(hvad koster|hvad er prisen|hvilket beløb|hvilken løn|how much (does|do|is)|what does .{1,60} cost"
    rf"|hvor (stor|stort|høj|højt|meget)\b.{{0,25}}?\b{_MONEY_NOUN}"
    rf"|hvad (får|tjener) \w+(\s\w+){{0,4}}\s(i|som) {_MONEY_NOUN})\b",
    re.IGNORECASE,
)
_MONEY_WORDS = re.compile(
    rf"\b(koste\w*|betal\w*|udgift\w*|pris\w*|gebyr\w*|kr|kroner|penge|gratis|free|cost\w*|pay\w*|price\w*|fee\w*|{_MONEY_NOUN[1:-1]})\b",
    re.IGNORECASE,
)
_STATES_MONEY = re.compile(
    r"\d[\d.,]*\s*(kr\b|kroner|,-)|\bkroner\b|\bkr\.|vederlagsfri|gratis|uden beregning|uden betaling|free of charge",
    re.IGNORECASE,
)
# A notice, a deadline or "how long" (a notice is a time: "opsigelsesvarslet") is answered by a span
# of time or a date: "mindst 4 ordinære møder om året" is no deadline for calling an extra meeting
_ASKS_TIME = re.compile(r"\b(hvor (længe|lang tid|hurtigt)|how long)\b|(varsel|varslet|frist|fristen)\b", re.IGNORECASE)
_STATES_TIME = re.compile(
    r"\b(\d+|en|et|" + "|".join(_NUMBER_WORDS) + r")\.?\s+(dage?s?|døgn|uger?s?|måned(er|ers|s)?|mdr|års?|timer?s?|minutter|kvartal)\b"
    r"|\b\d{1,2}\.\s*(" + MONTHS + r")\b|\bsenest\b|\binden\b.{0,20}\d|\b(days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
# "Hvornår …?" is answered by a time, or by the moment or condition it depends on: "På et så tidligt
# tidspunkt", "Tirsdag 10. november, 9:30", "senest 6 måneder efter", "når arbejdet i MED knyttes …",
# "… personalemøder med MED-status, hvor arbejdspladsen har færre end 15 ansatte". A sentence that
# says none of these is no answer: "Hvornår er der valg til Hovedudvalget?" is not answered by who
# sits on it
_ASKS_WHEN = re.compile(r"^\W*(hvornår|when)\b", re.IGNORECASE)
_WEEKDAYS = "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"
_STATES_WHEN = re.compile(
    rf"\b({_WEEKDAYS}|{MONTHS})\b" r"|\bkl\.\s*\d|\b\d{1,2}[.:]\d{2}\b"
    r"|\b(tidspunkt\w*|tidlig\w*|timing\w*|senest|før|inden|når|hvis|så snart|løbende|årlig\w*)\b"
    # "hvert andet år", not "på hver arbejdsplads"; a condition: "dér, hvor relationen er god"
    r"|\bhvert?\s+(\w+\s+)?(år|måned|kvartal|halvår|uge|dag|møde)\w*\b|(,|\bdér|\bder)\s+hvor\b"
    # the moments an agreement ties things to: "i forbindelse med budgetlægningen", "i starten af
    # året", "ved ansættelsen", "efter at", "i god tid", "straks", seasons and holidays
    r"|\bi forbindelse med\b|\bi (starten|slutningen|begyndelsen|løbet) af\b|\bi god tid\b|\befter at\b"
    r"|\bved (\w+ )?(start|begyndelse|afslutning|udgang|årsskifte|ansættelse|fratræden)\w*"
    r"|\b(straks|snarest|hurtigst muligt|indtil|frem til|forår\w*|efterår\w*|sommer\w*|vinter\w*|jul\w*|påske\w*)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"\bhvor mange\s+(\w+)", re.IGNORECASE)
_REPRESENTATIVE = "repræsentant"  # the stem of "ledelsesrepræsentanter", a side's members on a committee
_MEMBER = {"medlem"}  # a committee's members are its representatives: "9 ledelsesrepræsentanter og 13 …"
_NEAR = 3  # "mindst 4 ordinære møder": the number comes at most this many words before what it counts


def asks_for_amount(question: str) -> bool:
    return bool(_ASKS.search(question) or _ASKS_TIME.search(question)) or asks_for_money(question)


def asks_for_money(question: str) -> bool:
    return bool(_ASKS_MONEY.search(question))


def asks_when(question: str) -> bool:
    """'Hvornår …?' that asks for no span of time or deadline (those are amounts)."""
    return bool(_ASKS_WHEN.search(question)) and not asks_for_amount(question)


def states_when(text: str) -> bool:
    return bool(_STATES_WHEN.search(text) or _STATES_TIME.search(text))


def states_money(text: str) -> bool:
    return bool(_STATES_MONEY.search(text))


def without_money_words(question: str) -> str:
    """The question less the words that ask about money ("Hvem betaler for MED-uddannelsen?" ->
    "Hvem for MED-uddannelsen?"): what is left names what a price would have to be for."""
    return _MONEY_WORDS.sub(" ", question)


def states_amount(text: str, question: str = "") -> bool:
    """Whether the text states what the question asks for: a sum or "free" for money; for "hvor
    mange X", a number of X ("fire fagområder" is no number of members); a span of time or a date
    for a notice or deadline; else any number."""
    if asks_for_money(question):
        return bool(_STATES_MONEY.search(text))
    if counted := _COUNTED.search(question):
        return _counts(text, counted.group(1))
    if _ASKS_TIME.search(question):
        return bool(_STATES_TIME.search(text))
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
            for word in tokens[n + 1 : n + 1 + _NEAR]:
                said = stem(word.strip(".,"))
                if said == wanted or said.endswith(wanted) or (wanted.endswith(said) and len(said) >= 4):
                    return True
                if said.endswith(_REPRESENTATIVE) and (said.startswith(wanted) and len(wanted) >= 3 or wanted in _MEMBER):
                    return True
    return False
