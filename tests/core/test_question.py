"""The Question, parsed once: what its words say about how to answer it (language, yes/no, a list,
a figure, a case) and what it is understood as in a thread."""
import pytest

from bot.ask.question import Question
from bot.lang.language import is_english


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
    assert Question.parse(question).yes_or_no is yes_or_no


def test_a_question_for_all_of_a_list_opens_with_hvilke_also_as_a_follow_up():
    assert Question.parse("Hvilke opgaver har KommuneMED?").which
    assert not Question.parse("Hvilket niveau?").which and not Question.parse("Hvem er formand?").which
    assert Question.parse("og ArbejdspladsMED?", [("Hvilke opgaver har KommuneMED?", "")]).which


def test_only_a_question_about_an_exercise_or_example_is_answered_by_a_case():
    assert Question.parse("Hvad er eksemplet med besparelser i opfølgningen?").about_case
    assert Question.parse("What is the exercise about violence?").about_case
    assert not Question.parse("Kan trioen træffe beslutninger i stedet for MED-udvalget?").about_case


def test_a_question_about_what_to_consider_is_answered_by_a_slides_questions():
    assert Question.parse("Hvad skal jeg overveje om mit eget udbytte af MED-grunduddannelsen?").wants_questions
    assert Question.parse("Hvilke spørgsmål kan man stille hinanden om sine mål?").wants_questions
    assert not Question.parse("Hvem kan sidde i et MED-udvalg?").wants_questions


def test_what_a_question_asks_a_figure_for():
    def wanted(q):
        return Question.parse(q).amount

    assert wanted("Hvor mange møder holder udvalget?") and wanted("Hvad er opsigelsesvarslet?").span
    assert wanted("Hvad koster kurset?").money and wanted("How many members?")
    assert not wanted("Hvem er formand?") and not wanted("Hvordan varsler man et møde?")
    assert wanted("Hvor mange ledere sidder i Hovedudvalget?").counted == "ledere"
    assert wanted("Hvilken løn får næstformanden?").money and wanted("Hvor stor er godtgørelsen?").money
    assert wanted("Hvad får en TR i funktionstillæg?").money and wanted("How much does the course cost?").money
    # about a sum of money without asking its size
    assert not wanted("Hvad må ArbejdspladsMED bruge godtgørelsen til?")
    assert not wanted("Går jeg ned i løn, når jeg bruger tid på MED?") and not wanted("Hvem betaler?")


def test_when_is_asked_by_hvornaar_unless_it_asks_for_a_span():
    assert Question.parse("Hvornår skal ledelsen informere?").when
    assert not Question.parse("Hvornår er fristen?").when  # a deadline: an amount of time
    assert not Question.parse("Hvem indkalder?").when


def test_a_question_is_frozen_and_carries_what_it_names():
    q = Question.parse("Hvad siger rammeaftalens § 8 om opsigelse?")
    assert q.references == (("MED-rammeaftalen", "§ 8"),) and q.of_section and q.agreements == ("rammeaftale",)
    with pytest.raises(AttributeError):
        q.text = "noget andet"  # parsed once: no stage changes it
