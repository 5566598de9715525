"""Which passages are discussion cases, and which questions they answer."""
from bot.core.cases import answers_with_case, answers_with_questions, is_case


def test_a_case_asks_the_reader_to_agree_or_disagree():
    assert is_case("En leder siger, at budgettet skal drøftes.\n• Hvor enig er du i, at det skal drøftes i MED?")
    assert is_case("Er I enige i, at dette er meningsfuldt?")
    assert not is_case("Retningslinjer skal være aftalt i enighed mellem parterne.")  # a rule about agreeing


def test_only_a_question_about_an_exercise_or_example_is_answered_by_one():
    assert answers_with_case("Hvad er eksemplet med besparelser i opfølgningen?")
    assert answers_with_case("What is the exercise about violence?")
    assert not answers_with_case("Kan trioen træffe beslutninger i stedet for MED-udvalget?")


def test_a_question_about_what_to_consider_is_answered_by_a_slides_questions():
    assert answers_with_questions("Hvad skal jeg overveje om mit eget udbytte af MED-grunduddannelsen?")
    assert answers_with_questions("Hvilke spørgsmål kan man stille hinanden om sine mål?")
    assert not answers_with_questions("Hvem kan sidde i et MED-udvalg?")
