"""A § asked for by number is looked up by its label, in the agreement named."""

import pytest

from bot.adapters.slack_blocks import to_blocks
from bot.adapters.teams_cards import message_text
from bot.ask.question import Question, standalone_text as standalone_question
from bot.wiring import App
from conftest import FIXTURES, cited, indexed_app

FRAMEWORK = (
    "Kapitel 2\nIndhold\n§ 8\nRetningslinjer\nStk. 1.\nDer skal aftales retningslinjer om:\n"
    "a. principper for personalepolitik,\nb. principper for arbejdstilrettelæggelse.\nStk. 2.\n"
    "Retningslinjer aftalt efter stk. 1 kan opsiges med 3 måneders varsel.\n"
    "§ 9. Hovedudvalget\n" + "".join(
        f"Stk. {n}. Hovedudvalget drøfter {' og '.join(['budgettet, personalepolitikken, arbejdsmiljøet'] * 12)}.\n"
        for n in range(1, 9))
    # an annex with §s of its own: its § 8 is not the agreement's
    + "Bilag 1. Forretningsorden for Hovedudvalget\n§ 8. Referat\nStk. 1.\n"
    "Referatet sendes ud inden en uge. Det lægges på intranettet.\nStk. 2.\nReferatet godkendes på næste møde.\n"
)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> App:
    return indexed_app(tmp_path_factory.mktemp("lookup"), {
        "lokalaftale.md": ("Lokalaftalen", "lokalaftale", FIXTURES / "agreement.md"),  # its § 8 cites the framework's § 8
        "rammeaftale.txt": ("MED-rammeaftalen", "rammeaftale", FRAMEWORK),
    }, embedder="hash")


def test_a_stykke_asked_for_by_number_is_quoted_whole_with_its_items(app):
    answer = app.extractive.answer("Hvad står der i § 7, stk. 3?")
    assert answer.found and answer.confidence == 1.0
    assert cited(answer) == [("Lokalaftalen", "§ 7, stk. 3"), ("Lokalaftalen", "§ 7, stk. 3, nr. 1"),
                              ("Lokalaftalen", "§ 7, stk. 3, nr. 2"), ("Lokalaftalen", "§ 7, stk. 3, nr. 3")]
    assert answer.answer.splitlines()[1] == "§ 7, stk. 3, nr. 1: Budgettet for kurve og spande. [2]"
    assert answer.citations[1].quote == "Budgettet for kurve og spande."


def test_the_agreement_named_is_the_one_quoted(app):
    # by meaning and words alone the local § 8, which mentions "MED-rammeaftalens § 8", came first
    answer = app.extractive.answer("Hvad siger § 8, stk. 2 i rammeaftalen?")
    assert cited(answer) == [("MED-rammeaftalen", "§ 8, stk. 2")]
    assert "3 måneders varsel" in answer.answer


def test_a_section_without_its_agreement_named_is_shown_from_each_that_has_it(app):
    answer = app.extractive.answer("Hvad står der i § 8?")
    assert cited(answer) == [
        ("Lokalaftalen", "§ 8"), ("MED-rammeaftalen", "§ 8, stk. 1"), ("MED-rammeaftalen", "§ 8, stk. 1, litra a"),
        ("MED-rammeaftalen", "§ 8, stk. 1, litra b"), ("MED-rammeaftalen", "§ 8, stk. 2"),
    ]
    assert answer.answer.splitlines()[2] == "MED-rammeaftalen, § 8, stk. 1, litra a: principper for personalepolitik, [3]"
    # a § without stykker is its own stk. 1
    assert cited(app.extractive.answer("lokalaftalens § 8, stk. 1")) == [("Lokalaftalen", "§ 8")]


def test_a_follow_up_goes_on_from_the_section_asked_about(app):
    first = "Hvad siger § 8, stk. 2 i rammeaftalen?"
    answer = app.extractive.answer("og stk. 1?", history=[(first, "…")])
    assert [s for _, s in cited(answer)] == ["§ 8, stk. 1", "§ 8, stk. 1, litra a", "§ 8, stk. 1, litra b"]
    assert {t for t, _ in cited(answer)} == {"MED-rammeaftalen"}
    # and from a follow-up as it was understood: the third turn went on from "og stk. 1?" alone
    answer = app.extractive.answer("og stk. 2?", history=[("Hvad siger § 9, stk. 1 i rammeaftalen?", "…"),
                                                           ("og stk. 3?", "…")])
    assert cited(answer) == [("MED-rammeaftalen", "§ 9, stk. 2")]


def test_a_follow_up_on_another_subject_asks_the_agreement_again(app):
    history = [("Hvad siger lokalaftalen om pauser?", "…"), ("og om information?", "…")]
    assert cited(app.extractive.answer("og om information?", history=history[:1]))[0] == ("Lokalaftalen", "§ 7, stk. 1")
    answer = app.extractive.answer("hvad med hjemmearbejde?", history=history)
    assert not answer.found and answer.answer.startswith("Jeg fandt ikke «hjemmearbejde» i Lokalaftalen")
    # a question of its own is not read as a subject
    assert standalone_question("og hvem betaler?", history[:1]) == "og hvem betaler? Hvad siger lokalaftalen om pauser?"


def test_a_law_or_a_missing_section_is_searched_as_any_question(app):
    for question in ("Gælder forvaltningslovens § 7 i MED?", "Hvad står der i § 99?"):
        hits = app.retriever.search(question, k=5)
        assert not any(h.named for h in hits)


def test_a_long_section_is_shown_in_part_with_a_way_to_ask_for_the_rest(app):
    answer = app.extractive.answer("Hvad står der i rammeaftalens § 9?")
    assert [s for _, s in cited(answer)] == [f"§ 9, stk. {n}" for n in range(1, 7)]
    assert "«Hvad står der i § 9, stk. 2?»" in answer.note
    shown = to_blocks(answer, "q1")[0]["text"]["text"]  # Slack's 3000 characters a section
    assert len(shown) <= 3000 and shown.endswith("… (resten står i kilderne nedenfor)")
    assert shown.splitlines()[-2].endswith("]")  # cut after a whole unit, not mid-rule


def test_a_section_of_an_annex_is_asked_for_with_its_bilag(app):
    for question in ("Hvad står der i bilag 1, § 8?", "Hvad siger § 8 i bilag 1 til rammeaftalen?"):
        assert cited(app.extractive.answer(question)) == [
            ("MED-rammeaftalen", "Bilag 1, § 8, stk. 1"), ("MED-rammeaftalen", "Bilag 1, § 8, stk. 2")]
    first = "Hvad står der i rammeaftalens bilag 1, § 8, stk. 2?"
    assert cited(app.extractive.answer(first)) == [("MED-rammeaftalen", "Bilag 1, § 8, stk. 2")]
    answer = app.extractive.answer("og stk. 1?", history=[(first, "…")])
    assert cited(answer) == [("MED-rammeaftalen", "Bilag 1, § 8, stk. 1")]


def test_a_sentence_asked_for_by_number_shows_the_stykke_that_holds_it(app):
    answer = app.extractive.answer("Hvad betyder rammeaftalens § 8, stk. 2, 2. pkt.?")
    assert cited(answer) == [("MED-rammeaftalen", "§ 8, stk. 2")]


def test_a_lookup_keeps_one_unit_a_line_in_teams(app):
    """Teams joins a TextBlock's single line breaks; each unit is a paragraph of its own there."""
    answer = app.extractive.answer("Hvad står der i § 7, stk. 3?")
    text = message_text(answer)
    assert text.split("\n\n") == answer.answer.splitlines()


def test_a_follow_up_naming_its_own_agreement_is_left_as_asked():
    from bot.ask.naming import follow_up_reference

    assert follow_up_reference("og lokalaftalens § 9?", "Hvad står i rammeaftalens § 8?") == "og lokalaftalens § 9?"
    assert follow_up_reference("og § 9?", "Hvad står i rammeaftalens § 8?") == "og MED-rammeaftalen § 9?"


@pytest.fixture(scope="module")
def local_only(tmp_path_factory) -> App:
    return indexed_app(tmp_path_factory.mktemp("local-only"), {
        "lokalaftale.md": ("Lokalaftalen", "lokalaftale", FIXTURES / "agreement.md"),  # § 8 cites the framework's § 8
    }, embedder="hash")


def test_a_section_no_document_holds_is_said_to_be_missing_with_the_passages_citing_it(local_only):
    # by meaning, the local § 8 or § 7 was quoted as if it were the framework's § 8
    answer = local_only.extractive.answer("Hvad siger rammeaftalens § 8?")
    assert not answer.found
    assert answer.answer.startswith("Jeg har ikke teksten til MED-rammeaftalen § 8 blandt MED-dokumenterne")
    assert "Uddragene nedenfor henviser til den." in answer.answer
    assert cited(answer) == [("Lokalaftalen", "§ 8")]
    nowhere = local_only.extractive.answer("Hvad står der i § 99, stk. 2?")
    assert not nowhere.found and nowhere.citations == []
    assert nowhere.answer.startswith("Jeg har ikke teksten til § 99, stk. 2 blandt MED-dokumenterne")
    english = local_only.extractive.answer("What does § 99 say?")
    assert english.answer.startswith("I do not have the text of § 99 among the MED documents")


def test_an_item_is_an_item_of_the_label_above_it():
    from bot.ask.sections import item_of

    assert item_of("§ 7, stk. 3, nr. 2") == "§ 7, stk. 3"
    assert item_of("Bilag 1, § 2, stk. 1, nr. 4, litra b") == "Bilag 1, § 2, stk. 1, nr. 4"
    assert item_of("§ 7, stk. 3") == "" and item_of("Tavshedspligt?") == ""


def test_an_agreement_named_in_english_is_the_one_quoted(app):
    # "the framework agreement" was no agreement's name: both §s 8 were shown, the local one first
    answer = app.extractive.answer("What does § 8, stk. 2 of the framework agreement say?")
    assert cited(answer) == [("MED-rammeaftalen", "§ 8, stk. 2")]
    assert cited(app.extractive.answer("What does the local agreement's § 8 say?")) == [("Lokalaftalen", "§ 8")]


def test_what_an_agreement_says_on_a_subject_is_the_section_of_that_title(app):
    # by meaning, "Hvad siger lokalaftalen om uenighed?" found § 13's stykker and refused to answer
    answer = app.extractive.answer("Hvad siger lokalaftalen om pauser?")
    assert answer.found and cited(answer) == [("Lokalaftalen", "§ 8")]
    for asked in ("Står der noget om information i aftalen?", "Hvad siger aftalen om information og drøftelse?"):
        hits = app.retriever.search(asked, k=3)
        assert [(h.unit.section, h.named) for h in hits] == [("§ 7, stk. 1", True), ("§ 7, stk. 2", True),
                                                            ("§ 7, stk. 3", True)]
    # the framework's § 8 is "Retningslinjer" without "pauser"; no agreement named, no subject looked up
    assert not app.retriever.search("Hvad siger rammeaftalen om pauser?", k=1)[0].named
    assert not app.retriever.search("Hvad er pauser?", k=1)[0].named


@pytest.mark.parametrize("question, asked", [
    ("Hvad står der om pauser i aftalen?", ["pauser"]), ("Hvad står der i lokalaftalen om pauser?", ["pauser"]),
    ("Står der noget om trivsel i rammeaftalen?", ["trivsel"]), ("Hvad siger aftalen om uddannelse?", ["uddannelse"]),
    ("Hvad er formålet med aftalen?", []),  # not asked what it says on a subject
    ("Hvad siger slides om tavshedspligt?", []),  # no agreement named
    ("Hvad siger aftalen om MED?", []),  # every passage is about MED: § 10 "Arbejdsmiljø i MED" was its answer
    ("Hvad siger aftalen om, hvem der betaler for kurser, bøger og rejser?", []),  # no subject of a few words
])
def test_a_question_on_what_an_agreement_says_has_its_subject_read(question, asked):
    assert list(Question.parse(question).on_subject[1]) == asked


@pytest.mark.parametrize("question, asks", [
    ("Hvad står der i § 7, stk. 3?", False), ("og stk. 2?", False), ("Vis mig § 8", False),
    ("Hvad betyder § 8?", False), ("Hvad står der i bilag 1, § 8?", False), ("lokalaftalens § 8, stk. 1", False),
    ("Hvad siger § 8 om opsigelse?", True), ("Må lederen lave retningslinjer alene efter § 8?", True),
])
def test_a_question_naming_a_section_may_ask_something_of_it(question, asks):
    assert Question.parse(question).of_section is asks


def test_a_long_thread_is_read_back_only_a_few_turns():
    # read back turn by turn to its start, a Slack thread of thousands of messages overflowed the stack
    history = [("Hvad siger § 9, stk. 1 i rammeaftalen?", "")] + [("og stk. 3?", "")] * 3000
    assert standalone_question("og stk. 2?", history) == "og stk. 2? og stk. 3?"
    assert standalone_question("og stk. 2?", history[:3]) == "og stk. 2? (MED-rammeaftalen § 9, stk. 2)"
