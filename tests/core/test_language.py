"""What a question's words say about how to answer it: its language, and whether it asks for a yes or a no."""
import pytest

from bot.core.language import asks_yes_or_no, is_english


@pytest.mark.parametrize("question, english", [
    ("Is there a duty of confidentiality in MED?", True), ("Who chairs the main committee?", True),
    ("Er der tavshedspligt i MED?", False), ("Hvad er MED-idéen?", False),
])
def test_an_english_question_is_told_from_a_danish_one(question, english):
    assert is_english(question) is english


@pytest.mark.parametrize("question, yes_or_no", [
    ("Skal KommuneMED lave retningslinjer for sygefraværssamtaler?", True), ("Er der tavshedspligt?", True),
    ("gælder aftalen for vikarer", True), ("Hvad er forskellen på medindflydelse og medbestemmelse?", False),
    ("Hvem skal bestemme?", False), ("Erfaringer med formøder?", False),
])
def test_a_question_for_yes_or_no_is_told_by_its_opening_verb(question, yes_or_no):
    assert asks_yes_or_no(question) is yes_or_no
