"""Personal data masked, and what only looks like it left alone: both sides, one row each."""
import pytest

from bot.text.redact import redact

MASKED = [
    ("Min CPR er 010190-1234", "Min CPR er [CPR-nummer]"),
    ("cpr 0101901234 og mere", "cpr [CPR-nummer] og mere"),
    ("311299-4321.", "[CPR-nummer]."),
    ("Født 150285-1113, ansat 2010", "Født [CPR-nummer], ansat 2010"),
    ("(010190 1234)", "([CPR-nummer])"),
    ("Skriv til mette.hansen@kommune.dk i dag", "Skriv til [e-mail] i dag"),
    ("ole+med@fiktivby.example.org.", "[e-mail]."),
    ("TR: a_b-c@x.dk, AMR: d@y.dk", "TR: [e-mail], AMR: [e-mail]"),
    ("Ring på +45 12 34 56 78", "Ring på [telefonnummer]"),
    ("Ring på +4512345678", "Ring på [telefonnummer]"),
    ("tlf. 12 34 56 78", "tlf. [telefonnummer]"),
    ("tlf 12345678", "tlf [telefonnummer]"),
    ("mobil: 2345 6789!", "mobil: [telefonnummer]!"),
    ("0045 87654321", "[telefonnummer]"),
    ("Hun har nr 40 50 60 70?", "Hun har nr [telefonnummer]?"),
    ("CPR 010190-1234 og tlf 12345678 og x@y.dk", "CPR [CPR-nummer] og tlf [telefonnummer] og [e-mail]"),
]

KEPT = [
    "Hvad siger § 12, stk. 3?",
    "§ 12345678 findes ikke",
    "MED-rammeaftalen § 21, stk. 2, nr. 4",
    "Mødet er 01-01-2026 kl. 10",
    "Fristen er 31.12.2026",
    "den 1. januar 2026",
    "Det koster 1.250 kr. pr. deltager",
    "kr. 12345678 i budgettet",
    "DKK 25000000",
    "Budgettet er 12.345.678 kr.",
    "I 2017 og 2026",
    "Sag nr. 2026-123456",
    "Bilag 12345678",
    "side 12 34",
    "Version 1.2.3",
    "320190-1234 er ingen dato",  # day 32
    "011390-1234 er ingen dato",  # month 13
    "Telefonen er vigtig",
    "Skriv @here i kanalen",
    "mindst 4 ordinære møder om året",
    "Svar inden 14 dage",
    "1234567 er syv cifre",
    "123456789 er ni cifre",
    "20261231 er en dato uden skilletegn? nej, 8 cifre",
]


@pytest.mark.parametrize("text,expected", MASKED)
def test_personal_data_is_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT[:-1])
def test_what_only_looks_like_personal_data_is_kept(text):
    assert redact(text) == text


def test_eight_digits_alone_are_taken_for_a_phone_number():
    """Eight digits without anything before them that says otherwise: a phone number is the
    likelier reading, and masking a number costs less than keeping a phone number."""
    assert redact(KEPT[-1]) == "[telefonnummer] er en dato uden skilletegn? nej, 8 cifre"
