"""Which passages are discussion cases, and which questions they answer."""
from bot.text.cases import is_case


def test_a_case_asks_the_reader_to_agree_or_disagree():
    assert is_case("En leder siger, at budgettet skal drøftes.\n• Hvor enig er du i, at det skal drøftes i MED?")
    assert is_case("Er I enige i, at dette er meningsfuldt?")
    assert not is_case("Retningslinjer skal være aftalt i enighed mellem parterne.")  # a rule about agreeing
