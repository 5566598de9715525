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
    assert answer.answer == "Formanden er direktøren. Næstformanden vælges af medarbejderne. [1]"
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
    # a long unit: the sentence is quoted alone, as a sentence, not as a line of the list
    filler = " ".join(["Blæksprutterne tælles af udvalget på molen om morgenen."] * 12)
    follow_up = unit("Trivsel", f"• opfølgning på trivselsmålingen sker hvert år i udvalget.\n{filler}", kind="vejledning",
                     document="guide.md", title="Guide (fiktiv)")
    ev = evidence([(follow_up, 0.9)])
    ev.sentences[0].score = 1.0
    composer = ExtractiveComposer(Index([follow_up]), weigher=None, threshold=0.5)
    answer = composer.compose(Question.parse("Hvordan følges der op på trivsel?"), ev, ev.sentences[:1])
    assert answer.answer == "opfølgning på trivselsmålingen sker hvert år i udvalget. [1]"  # not "pfølgning"


def test_a_rule_is_never_quoted_without_the_sentence_of_its_unit_that_qualifies_it():
    # a long unit: not quoted whole, but the sentence that says "ikke" about the same guidelines comes along
    filler = " ".join(["Retningslinjer om blæksprutternes fodring aftales i udvalget efter en grundig drøftelse."] * 9)
    long_unit = unit("Retningslinjer", f"Procedureretningslinjer kan ikke opsiges. {filler} "
                     "Kan-retningslinjer kan opsiges med 7 måneders varsel.", kind="vejledning",
                     document="guide.md", title="Guide (fiktiv)")
    ev = evidence([(long_unit, 0.95)])
    rule = [s for s in ev.sentences if s.text.startswith("Kan-retningslinjer")][0]
    rule.score = 1.0  # the sentence most like the question, far ahead of the rest
    composer = ExtractiveComposer(Index([long_unit]), weigher=None, threshold=0.5)
    answer = composer.compose(Question.parse("Kan en procedureretningslinje opsiges med 7 måneders varsel?"), ev,
                              sorted(ev.sentences, key=lambda s: -s.score))
    assert "Procedureretningslinjer kan ikke opsiges." in answer.answer
    assert "Kan-retningslinjer kan opsiges med 7 måneders varsel." in answer.answer
    assert "fodring" not in answer.answer  # the rest of the long unit is not
