"""The extractive composer on hand-built evidence: what is quoted, in what order, in which frame
(fictitious agreement text)."""
from stage_inputs import Index, evidence, unit

from bot.ask.compose import ExtractiveComposer
from bot.ask.question import Question

STYKKE = unit("§ 3, stk. 1", "Formanden er direktøren. Næstformanden vælges af medarbejderne.", position=1)
LEAD = unit("§ 7, stk. 3", "Ledelsen skal særligt informere om og drøfte:", position=2)
ITEM = unit("§ 7, stk. 3, nr. 2", "Større omlægninger af blæksprutteruterne.", position=3)
BULLETS = unit("Opgaver", "Udvalget arbejder med:\n• opfølgning på trivsel\n• omlægninger\n• organisering",
               kind="vejledning", document="guide.md", title="Guide (fiktiv)")


def compose(question: str, *scored):
    ev = evidence(list(scored))
    composer = ExtractiveComposer(Index([STYKKE, LEAD, ITEM, BULLETS]), weigher=None, threshold=0.5)
    return composer.compose(Question.parse(question), ev, ev.sentences)


def test_a_short_stykke_is_quoted_whole_when_one_of_its_sentences_answers():
    answer = compose("Hvem vælger næstformanden?", (STYKKE, 0.92))
    assert answer.answer == "Formanden er direktøren. [1] Næstformanden vælges af medarbejderne. [1]"
    assert answer.citations[0].quote == STYKKE.text


def test_a_numbered_item_is_quoted_after_the_words_that_lead_in_to_it():
    answer = compose("Skal omlægninger af ruterne drøftes?", (ITEM, 0.93))
    assert [c.section for c in answer.citations] == ["§ 7, stk. 3", "§ 7, stk. 3, nr. 2"]
    assert answer.answer.index("særligt informere") < answer.answer.index("Større omlægninger")


def test_a_question_for_which_gets_the_whole_list_with_its_bullets_intact():
    answer = compose("Hvilke opgaver har udvalget?", (BULLETS, 0.92))
    # cited once, after its lead-in
    assert answer.answer.splitlines() == ["Udvalget arbejder med: [1]", "• opfølgning på trivsel", "• omlægninger",
                                          "• organisering"]


def test_an_english_question_is_told_the_quotes_are_danish():
    answer = compose("Who elects the vice chair?", (STYKKE, 0.92))
    assert answer.answer.startswith("The MED documents are in Danish. This is what they say:\nFormanden er direktøren.")


def test_a_bullet_quoted_as_a_sentence_loses_its_bullet_and_nothing_else():
    follow_up = unit("Trivsel", "• opfølgning på trivselsmålingen sker hvert år i udvalget.", kind="vejledning",
                     document="guide.md", title="Guide (fiktiv)")
    assert compose("Hvordan følges der op på trivsel?", (follow_up, 0.9)).answer == \
        "opfølgning på trivselsmålingen sker hvert år i udvalget. [1]"  # not "pfølgning"
