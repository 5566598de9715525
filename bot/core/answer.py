"""Extractive answers, the offline default: the one to three sentences that answer, each cited."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .amounts import (asks_for_amount, asks_for_money, asks_when, states_amount, states_money, states_when,
                      without_money_words)
from .cases import answers_with_case, answers_with_questions, is_case
from .chunk import AGREEMENT_KINDS
from .glossary import translate
from .language import asks_yes_or_no, is_english
from .lists import ITEMS_MAX, asks_which, item_line, items_after, items_opening, whole_list
from .lookup import (asked_subject, asks_of_section, citing, concerns, follow_up_reference, follow_up_subject,
                     held_by, item_of, lead_in, mentions, named_agreements, named_references, paragraph_of,
                     subject)
from .models import Answer, Citation, Hit
from .refs import only_reference
from .retrieve import Filter
from .sentences import sentence_spans

# Calibrated on tests/gold/gold.yaml (in scope) against its out_of_scope questions; see `medbot eval`.
# evidence = best sentence cosine + 0.06 x IDF-weighted term coverage; 0.8825 sits mid-plateau
# of the best refusal precision+recall; the slope spreads e5's narrow cosine range over 0..1.
DEFAULT_THRESHOLD = 0.5
COVERAGE_WEIGHT, EVIDENCE_AT_HALF, SLOPE = 0.06, 0.8825, 40.0
# pick(): a sentence of the best one's unit joins it within SAME_UNIT, one of another unit within RUNNER_UP
SAME_UNIT, RUNNER_UP = 0.04, 0.015
# A sentence's score is lowered for its unit's place: RANK_STEP a place below the first, and
# BEHIND_WEIGHT times how far the unit's hybrid score is behind the best unit ranked above it (in
# standard deviations of the mix). Lowered by 0.03 a place alone, a sentence of a second unit
# nearly as good as the first lost to a weaker one of the first; by the gap alone, a close second
# unit's sentence beat the first's where the question names what the first is about ("Hvilke
# skal-retningslinjer gælder for KommuneMED?"). Seed gold answers citing the passage that answers:
# 184 by place, 192 by gap, 190 both (0.005-0.01 a place and 0.025-0.04 a deviation: 188-191);
# agreement 52, 54, 54. Refusal is unchanged: confidence stays on the calibrated 0.03 a place
# (Sentence.evidence).
RANK_STEP, BEHIND_WEIGHT = 0.01, 0.03
CALIBRATED_RANK_STEP = 0.03  # the step the refusal threshold was calibrated with
BINDING_BACK = 0.5  # _binding_text: the share of that given back to the agreement's sentence
# "Hvornår skal ledelsen informere?": the sentence that says when ("Informationen gives så tidligt,
# at …", another unit's) goes before a closer one that says what ("Ledelsen skal informere og drøfte
# de beslutninger …") when it is at most this far below it
TIMED_WITHIN = 3 * RUNNER_UP
FOCUS_BONUS = 1.0  # follow-ups: see ExtractiveAnswerer.evidence
UNDERSTOOD_FROM = 4  # turns of a thread a follow-up is read back through (a Slack thread can be long)
# A follow-up's sentences are scored against a question vector that is FOCUS_VECTOR the new turn's:
# by the thread's vector, "og for ledere?" after "Hvad koster MED26-konferencen?" was answered with
# the members' price. On 16 threads over both corpora 12 -> 13 answered right, on 10 others 8 -> 8;
# a bonus for the new turn's words fixed two more and brought a conference fee into an answer on
# who pays for the MED training.
FOCUS_VECTOR = 0.5
# units shown for a § the question names by number ("§ 8": its stykker, in order); six whole units
# keep a Teams card well under its 28 KB and a Slack answer readable
LOOKUP_MAX = 6
# an agreement's stykke of at most this many words is quoted whole when one of its sentences answers
STYKKE_WHOLE_WORDS = 60
# an answer is quoted from the sentences of this many of the best units (a discussion case skipped:
# with three cases first, no sentence was left and the answer failed)
SENTENCES_FROM = 3
CONTINUED_MAX = 2  # passages of a guide's section that go on from a lead-in (list_after)
_CONTINUED = {"og", "eller", "samt", "men", "at"}
_FOLLOW_UP_OPENERS = ("og ", "men ", "hvad med", "gælder det", "gælder den", "også", "and ", "what about")
# Words that point back at something said before ("Kan den træffe beslutninger?"). "det"/"de" are
# left out: too common in questions that stand on their own ("Hvad er det rette niveau?").
_POINTING_BACK = {"den", "dem", "denne", "dette", "disse", "dens", "deres", "it", "they", "them", "this", "those"}


@dataclass
class Sentence:
    hit_rank: int
    hit: Hit
    start: int
    end: int
    score: float
    item: bool = False  # a line of a list (lists.py), shown on a line of its own
    held_back: float = 0.0  # what its unit's place took off its score (RANK_STEP, BEHIND_WEIGHT)
    evidence: float = 0.0  # its score as the refusal threshold was calibrated on (confidence)

    @property
    def text(self) -> str:
        return self.hit.unit.text[self.start : self.end]


def asks_nothing(question: str) -> bool:
    """No word in it ("", "?", "…"): nothing to search for, whatever the thread was about."""
    return not re.search(r"\w", question or "")


def standalone_question(question: str, history: list[tuple[str, str]] | None) -> str:
    """Extractive mode has no LLM to rewrite a follow-up; it carries the previous question along
    when the new one leans on it (very short, opens like a follow-up, or points back with a pronoun).
    A question that stands on its own is left alone, so an unrelated new topic in a chat is not
    mixed with the last one."""
    if not history:
        return question
    # the previous turn as it was understood: "hvad med tavshedspligt?" after "og om arbejdsmiljø?"
    # after "Hvad siger aftalen om uddannelse?" goes on from "Hvad siger aftalen om arbejdsmiljø?"
    previous = standalone_question(history[-1][0], history[-UNDERSTOOD_FROM:-1])
    if resolved := follow_up_reference(question, previous) or follow_up_subject(question, previous):
        return resolved
    words = re.findall(r"\w+", question.lower())
    if len(words) <= 3 or question.lower().startswith(_FOLLOW_UP_OPENERS) or _POINTING_BACK.intersection(words):
        return f"{question} {history[-1][0]}"  # the new turn first: it says what is asked now
    return question


class ExtractiveAnswerer:
    mode = "extractive"

    def __init__(self, retriever, store, handover: str, threshold: float = DEFAULT_THRESHOLD, k: int = 6,
                 handover_en: str | None = None):
        self.retriever, self.store, self.handover = retriever, store, handover
        self.handover_en = handover_en or handover  # who to ask, told to an English question
        self.threshold, self.k = threshold, k

    def answer(self, question: str, history=None, flt: Filter = Filter()) -> Answer:
        asked_now = question.strip()
        query = standalone_question(asked_now, history)
        focus = asked_now if query != asked_now else None  # a follow-up: the new turn says what is asked
        # one more than a lookup shows, to know whether there is more
        hits, sentences, confidence = self.evidence(query, flt, max(self.k, LOOKUP_MAX + 1), focus)
        if hits and hits[0].named:
            return self.within_section(question, query, hits) or self.look_up(question, hits)
        if unheld := self.not_held(question, query, hits, flt):
            return unheld
        if unsaid := self.not_mentioned(question, query, hits, flt):
            return unsaid
        if not sentences or confidence < self.threshold:
            return self.not_found(question, hits[:3], sentences, confidence)
        fitting, lacking = self.fitting(question, query, sentences)
        if not fitting:
            return self.not_found(question, hits[:3], sentences, confidence, lacking=lacking)
        chosen = self.pick(fitting)
        # a follow-up ("og ArbejdspladsMED?") asks what the question it follows asked
        which = asks_which(asked_now) or (focus and asks_which(history[-1][0]))
        if which and (whole := _whole_list(chosen[0])):
            chosen = [*whole, *(s for s in chosen if s.hit is not chosen[0].hit)]
        if going_on := self.list_goes_on(chosen):
            going = {s.hit.unit.id for s in going_on}
            chosen = [*(s for s in chosen if s.hit.unit.id not in going), *going_on]
        chosen = self.led_in(chosen)
        answer = self.compose(question, chosen, confidence)
        if self.list_cut(chosen):
            answer.note = (f"The list has more items than the {ITEMS_MAX} shown; the cited passages hold the rest."
                           if is_english(question) else
                           f"Listen har flere punkter end de {ITEMS_MAX}, der er vist; resten står i de citerede uddrag.")
        return answer

    def led_in(self, chosen: list[Sentence]) -> list[Sentence]:
        """The chosen sentences with each numbered item of an agreement after the sentence that leads
        in to it (lookup.lead_in), once: asked "Skal udlicitering drøftes i MED?", § 7, stk. 3, nr. 2
        "Større rationaliserings- og omstillingsprojekter, herunder udbud og udlicitering." was the
        whole answer, and "Ledelsen skal særligt informere om og drøfte:" is what says yes."""
        units, _ = self.retriever.lexical_index()
        out: list[Sentence] = []
        for s in chosen:
            lead = lead_in(units, s.hit.unit)
            if lead and all(o.hit.unit.id != lead.id for o in out):
                quoted = [c for c in chosen if c.hit.unit.id == lead.id]
                start, end = sentence_spans(lead.text)[-1]
                out += quoted or [Sentence(s.hit_rank, Hit(lead, s.hit.score), start, end, s.score)]
            if s not in out:
                out.append(s)
        return out

    def led_in_hits(self, hits: list[Hit]) -> list[Hit]:
        """The hits with the passage that leads in to a numbered item of an agreement before it, when
        it is not among them: what an LLM is shown (led_in, for the passages of a prompt)."""
        units, _ = self.retriever.lexical_index()
        out: list[Hit] = []
        for hit in hits:
            lead = lead_in(units, hit.unit)
            if lead and all(h.unit.id != lead.id for h in [*out, *hits]):
                out.append(Hit(lead, hit.score))
            out.append(hit)
        return out

    def list_cut(self, chosen: list[Sentence]) -> bool:
        """Whether the list an answer shows stops at ITEMS_MAX lines with more items after them: in
        its passage, or opening the passage its section goes on in ("Hvilke ønsker har kommunerne
        …?": 12 of the report's 18 were shown, as if they were all)."""
        items = [s for s in chosen if s.item]
        if len(items) < ITEMS_MAX:
            return False
        last = items[-1]
        if not _ends_passage(last):
            return bool(items_opening(last.hit.unit.text, at=last.end))
        following = [] if last.hit.unit.kind == "slides" else self._going_on(last.hit.unit)[:1]
        return bool(following and items_opening(following[0].text))

    def list_goes_on(self, chosen: list[Sentence]) -> list[Sentence]:
        """The rest of a list the answer quotes to the end of its passage, where the chunker cut a
        guide's or report's section in two: "Hvilke kommuner blev besøgt?" listed seven communes and
        not the eighth, "• Roskilde Kommune", which opens the next passage of the section. Only
        items that open the passages going on (same section, next in place, at most CONTINUED_MAX),
        ITEMS_MAX lines in all. A slide is whole: two slides may share a title."""
        items = [s for s in chosen if s.item]
        last = items[-1] if items else None
        if not last or last.hit.unit.kind == "slides" or not _ends_passage(last):
            return []
        room = ITEMS_MAX - sum(1 for s in items if s.hit is last.hit)
        out = []
        for unit in self._going_on(last.hit.unit):
            more = _items(last, items_opening(unit.text, room - len(out)), Hit(unit, last.hit.score))
            out += more
            if not more or not _ends_passage(more[-1]):
                break
        return out

    def _going_on(self, unit) -> list:
        """The passages after this one under the same heading of its document, next in place, at most
        CONTINUED_MAX: one section the chunker cut in parts."""
        units, _ = self.retriever.lexical_index()
        after = sorted((u for u in units if u.document == unit.document and u.position > unit.position),
                       key=lambda u: u.position)
        going_on = []
        for position, u in enumerate(after, start=unit.position + 1):
            if u.position != position or u.section != unit.section or len(going_on) == CONTINUED_MAX:
                break
            going_on.append(u)
        return going_on

    def fitting(self, question: str, query: str, sentences: list[Sentence]) -> tuple[list[Sentence], str]:
        """The sentences that may answer what the question asks for, and what the answer lacks
        when none may ("amount", "time", or "" when the best sentence is a price of something
        else): a number for "hvor mange", a time for "hvornår", no stray price for anything."""
        priced = [s for s in sentences if self.priced_for_something_else(query, s)]
        if priced and priced[0] is sentences[0]:
            return [], "amount" if asks_for_amount(question) else ""
        sentences = [s for s in sentences if s not in priced]
        if asks_for_amount(question):
            return self.stating_amount(question, sentences), "amount"
        if asks_when(question):
            return [s for s in _close(sentences, TIMED_WITHIN) if states_when(s.text)], "time"
        return sentences, ""

    def priced_for_something_else(self, question: str, sentence: Sentence) -> bool:
        """Whether the sentence states a price (a sum, "gratis") in a passage that names nothing the
        question asks about, besides money and MED: the primer's trap of a price that belongs to a
        conference, not to a course. "Hvem betaler for MED-uddannelsen?" and "Hvem betaler for
        frokosten til MED-møderne?" were both answered with the MED26 conference fee."""
        if not states_money(sentence.text):
            return False
        _, index = self.retriever.lexical_index()
        unit = sentence.hit.unit
        return index.coverage(subject(without_money_words(question)), f"{unit.title}\n{unit.with_heading()}") == 0.0

    @staticmethod
    def stating_amount(question: str, sentences: list[Sentence]) -> list[Sentence]:
        """For a question that asks for a number, the close sentences that state one; and when the
        question names an agreement, in or about that agreement. "Hvad er opsigelsesvarslet for den
        lokale MED-aftale?" is not answered by the 3 months' notice of a kan-retningslinje."""
        kinds = named_agreements(question)
        return [s for s in _close(sentences)
                if states_amount(s.text, question) and (not kinds or concerns(s.hit.unit, kinds))]

    def within_section(self, question: str, query: str, hits: list[Hit]) -> Answer | None:
        """A question that names a § and asks something of it ("Hvad siger § 8 om opsigelse?", "Jeg
        har læst § 8, men må lederen lave retningslinjer alene?") is answered from that § by
        meaning: its sentences that answer, not all of it. None when it asks only what the § says,
        or none of its sentences answers with confidence: the § is then shown whole (look_up)."""
        if not asks_of_section(query):
            return None
        named = sorted((h for h in hits if h.named), key=lambda h: -h.score)  # its place: how well it matches
        asked = translate(query)
        sentences = self.score_sentences(query, asked, named, sentences_from=len(named))
        confidence = self.confidence(asked, named, sentences) if sentences else 0.0
        if confidence < self.threshold:
            return None
        return self.compose(question, self.led_in(self.pick(sentences)), confidence)

    def look_up(self, question: str, hits: list[Hit]) -> Answer:
        """The §s the question names by number, quoted whole and in order: asked "Hvad står der i
        § 7, stk. 3?", the answer is § 7, stk. 3 and its numbered items, not the sentence most like
        the question's words ("står der i"), which found nothing and refused."""
        named = [h for h in hits if h.named]
        shown = named[:LOOKUP_MAX]
        several = len({h.unit.document for h in shown}) > 1
        lines = [f"{h.unit.title}, {h.unit.section}" if several else h.unit.section for h in shown]
        body = "\n".join(f"{label}: {' '.join(h.unit.text.split())} [{n}]" for n, (label, h) in enumerate(zip(lines, shown), 1))
        body = _in_the_askers_language(question, body)
        par = paragraph_of(shown[-1].unit.section)
        note = ("Der er mere i den del af aftalen end vist her; spørg efter det enkelte stykke"
                + (f", fx «Hvad står der i {par}, stk. 2?»" if par else ".")) if len(named) > LOOKUP_MAX else ""
        citations = [Citation.of(n, h, h.unit.text) for n, h in enumerate(shown, 1)]
        return Answer(question, body, True, 1.0, self.mode, citations, note)

    def not_held(self, question: str, query: str, hits: list[Hit], flt: Filter) -> Answer | None:
        """A question that names a § no indexed agreement holds ("Hvad siger rammeaftalens § 21?"
        with only the slides indexed) is told so, with the passages that cite that § to read: the
        answer by meaning quoted slides on other §s ("Lokalaftalens Bilag J …" for "lokalaftalens
        § 8, stk. 2"), and a wrong § is worse than none. None when it names no § or retrieval found
        one it names (hits first, looked up)."""
        asked = named_references(query)
        if not asked or (hits and hits[0].named):
            return None
        units, _ = self.retriever.lexical_index()
        allowed = [u for u in units if flt.allows(u)]
        cited = list({u.id: u for owner, label in asked for u in citing(allowed, owner, label)}.values())[:LOOKUP_MAX]
        names = " og ".join(f"{owner} {label}".strip() for owner, label in asked)
        if is_english(question):
            text = f"I do not have the text of {names} among the MED documents, so I cannot quote it."
            more = " The passages below refer to it." if cited else ""
            handover = self.handover_en
        else:
            text = f"Jeg har ikke teksten til {names} blandt MED-dokumenterne, så jeg kan ikke citere den."
            more = " Uddragene nedenfor henviser til den." if cited else ""
            handover = self.handover
        citations = [Citation.of(n, Hit(u, 0.0), u.text) for n, u in enumerate(cited, 1)]
        return Answer(question, f"{text}{more} {handover}", False, 0.0, self.mode, citations)

    def not_mentioned(self, question: str, query: str, hits: list[Hit], flt: Filter) -> Answer | None:
        """Asked whether an agreement says anything on a subject ("Står der noget om hjemmearbejde i
        aftalen?") that no word of the indexed agreement holds, not even inside a compound, the
        answer says so, with the passages of other documents that mention it to read: by meaning,
        slides on retningslinjer were quoted as if the agreement said something. None when the
        question asks no such thing, the agreement is not indexed, or it mentions the subject."""
        kinds, asked = asked_subject(query)  # a follow-up ("og om hjemmearbejde?") as it was understood
        if not asked:
            return None
        units, _ = self.retriever.lexical_index()
        agreements = [u for u in units if u.kind in kinds and flt.allows(u)]
        if not agreements or any(mentions(u, word) for u in agreements for word in asked):
            return None
        elsewhere = [h for h in hits if h.unit.kind not in kinds and all(mentions(h.unit, w) for w in asked)][:3]
        titles = " og ".join(sorted({u.title for u in agreements}))
        said = " ".join(asked)
        if is_english(question):
            text, more, handover = (f"I did not find «{said}» in {titles}.", " The passages below, from the other "
                                    "documents, mention it.", self.handover_en)
        else:
            text, more, handover = (f"Jeg fandt ikke «{said}» i {titles}.", " Uddragene nedenfor, fra de andre "
                                    "dokumenter, nævner det.", self.handover)
        citations = [Citation.of(n, h, h.unit.text) for n, h in enumerate(elsewhere, 1)]
        return Answer(question, f"{text}{more if elsewhere else ''} {handover}", False, 0.0, self.mode, citations)

    def evidence(
        self, query: str, flt: Filter, k: int, focus: str | None = None
    ) -> tuple[list[Hit], list[Sentence], float]:
        """What retrieval found, its sentences scored, and how confident that makes an answer.
        focus: the new turn of a follow-up. Retrieval ranks the words of both turns alike, so
        "og i Fredericia?" after "Hvornår er MED26 i København?" could rank København first.
        Units get up to FOCUS_BONUS (one standard deviation of the hybrid score) for holding the
        new turn's words: enough to settle a near tie, not to leave the thread's topic."""
        hits = self.retriever.search(query, k=k, flt=flt)
        if not hits:
            return [], [], 0.0
        if focus and not hits[0].named:  # a § named by number keeps its own order
            _, lexical = self.retriever.lexical_index()
            asked_now = translate(focus)
            hits = sorted(hits, key=lambda h: -(h.score + FOCUS_BONUS * lexical.coverage(
                asked_now, h.unit.with_heading())))
        asked = translate(query)  # the glossary's document words, for term coverage
        sentences = self.score_sentences(query, asked, hits, focus)
        if hits[0].named:  # a § asked for by number is there: no doubt to weigh
            return hits, sentences, 1.0
        return hits, sentences, self.confidence(asked, hits, sentences)

    def score_sentences(self, query: str, asked: str, hits: list[Hit], focus: str | None = None,
                        sentences_from: int = SENTENCES_FROM) -> list[Sentence]:
        """The sentences of the first SENTENCES_FROM hits that are not a discussion case, each scored:
        cosine to the question, plus the question terms the sentence (and its heading) holds,
        minus what its unit's place holds back (RANK_STEP, BEHIND_WEIGHT); a sentence that asks a
        question (a slide exercise) answers nothing, nor does one that only names a §, nor one that
        only repeats the question's words (but to a yes/no question), nor a discussion case unless
        the question is about it (cases.py). focus: a follow-up's new turn (FOCUS_VECTOR).
        Scored against the question as asked: with English questions' MED terms put in Danish,
        half of the English questions that passed the threshold cited the wrong passage
        (development gold, 3 of 6), so they stay below it and get the nearest passages instead."""
        qv = self.retriever.query_vector(query, as_asked=True)
        if focus:  # a follow-up: what the new turn asks, in the thread's context
            qv = (1 - FOCUS_VECTOR) * qv + FOCUS_VECTOR * self.retriever.query_vector(focus, as_asked=True)
            qv = qv / np.linalg.norm(qv)
        _, lexical = self.retriever.lexical_index()
        cases_answer, questions_answer = answers_with_case(query), answers_with_questions(query)
        yes_or_no = asks_yes_or_no(query)
        # a discussion case is a claim put up for debate (cases.py); rank stays the retrieval rank
        read = [(rank, hit) for rank, hit in enumerate(hits)
                if cases_answer or not is_case(hit.unit.text)][:sentences_from]
        vectors = self.store.sentence_vectors([hit.unit.id for _, hit in read])
        behind = _behind(hits)
        out = []
        for rank, hit in read:
            for start, end, vec in vectors.get(hit.unit.id, []):
                text = hit.unit.text[start:end]
                if len(text.split()) < 3 or only_reference(text):  # "MED-aftale § 2" answers nothing
                    continue
                # the question's own words answer nothing, but to a question for a yes or a no, where
                # they say yes ("Skal KommuneMED lave retningslinjer for sygefraværssamtaler?" / the
                # slide's "• Retningslinjer for sygefraværssamtaler"); a lead-in to a list does (list_after)
                if not yes_or_no and lexical.only_repeats(f"{query} {asked}", text) and not text.rstrip().endswith(":"):
                    continue
                held_back = RANK_STEP * rank + BEHIND_WEIGHT * behind[rank]
                score = float(vec @ qv) - held_back
                score += 0.04 * lexical.coverage(asked, f"{hit.unit.heading} {text}")
                score -= 0.15 if text.rstrip().endswith("?") and not questions_answer else 0.0
                evidence = score + held_back - CALIBRATED_RANK_STEP * rank
                out.append(Sentence(rank, hit, start, end, score, held_back=held_back, evidence=evidence))
        return sorted(out, key=lambda s: -s.score)

    def confidence(self, asked: str, hits: list[Hit], sentences: list[Sentence]) -> float:
        """0..1 from how close the best sentence is and how much of the question the top unit covers."""
        _, lexical = self.retriever.lexical_index()
        strongest = max(sentences, key=lambda s: s.evidence, default=None)
        top = strongest.hit.unit if strongest else hits[0].unit
        coverage = lexical.coverage(asked, top.with_heading())
        similarity = strongest.evidence if strongest else hits[0].dense
        evidence = similarity + COVERAGE_WEIGHT * coverage
        return float(1.0 / (1.0 + np.exp(-SLOPE * (evidence - EVIDENCE_AT_HALF))))

    def pick(self, sentences: list[Sentence]) -> list[Sentence]:
        """The best sentence, its neighbours in the same unit that score close (rule + exception),
        and at most one close runner-up from another unit; three at most. An answer from a guide
        or slides also cites the agreement's own words when they score as close as the best
        unit's own sentences would (_binding_text). A short agreement stykke comes whole, and one
        §'s sentences in its order (_with_whole_stykker, _in_reading_order)."""
        best = sentences[0]
        chosen = [best]
        for s in sentences[1:]:
            same_unit = s.hit is best.hit and s.score >= best.score - SAME_UNIT
            other_unit = s.hit is not best.hit and s.score >= best.score - RUNNER_UP
            if (same_unit or other_unit) and len(chosen) < 3:
                chosen.append(s)
        binding = _binding_text(sentences, chosen)
        if binding:
            chosen = [*chosen[:2], binding]
        for s in list(chosen):  # a bullet that ends in "og" goes on in the next one
            if s.text.rstrip().rsplit(" ", 1)[-1] in _CONTINUED:
                following = [t for t in sentences if t.hit is s.hit and t.start > s.start]
                nxt = min(following, key=lambda t: t.start, default=None)
                if nxt and nxt not in chosen:
                    chosen.append(nxt)
        at = {(s.hit.unit.id, s.start) for s in chosen}
        chosen += [i for s in list(chosen) for i in _items_after(s) if (i.hit.unit.id, i.start) not in at]
        return _in_reading_order(_with_whole_stykker(chosen))

    def compose(self, question: str, chosen: list[Sentence], confidence: float) -> Answer:
        citations, numbers, lines = [], {}, []
        leads = {(s.hit.unit.document, s.hit.unit.section) for s in chosen}
        for n, s in enumerate(chosen):
            uid = s.hit.unit.id
            if uid not in numbers:
                numbers[uid] = len(numbers) + 1
                group = [c for c in chosen if c.hit.unit.id == uid]
                quote = s.hit.unit.text[group[0].start : group[-1].end]
                citations.append(Citation.of(numbers[uid], s.hit, quote))
            if (s.hit.unit.document, item_of(s.hit.unit.section)) in leads:  # after its lead-in, as a lookup shows it
                lines.append(f"\n{s.hit.unit.section}: {_plain(s.text)} [{numbers[uid]}]")
                continue
            if not s.item:
                # a bullet that ends in "og" is cited after the one it goes on in
                after = chosen[n + 1] if n + 1 < len(chosen) else None
                goes_on = after is not None and after.hit.unit.id == uid and not after.item \
                    and _plain(s.text).rsplit(" ", 1)[-1] in _CONTINUED
                lines.append(_plain(s.text) + ("" if goes_on else f" [{numbers[uid]}]"))
                continue
            # a list is cited once: after its lead-in, or after its last line when it has none
            led_in = any(c.hit.unit.id == uid and not c.item for c in chosen)
            last = s is [c for c in chosen if c.hit.unit.id == uid][-1]
            lines.append(f"\n{item_line(s.text)}" + ("" if led_in or not last else f" [{numbers[uid]}]"))
        # a list's lines each on a line of their own, and what comes after it on the next
        body = "".join(line if n == 0 or line[0] == "\n" else ("\n" if lines[n - 1][0] == "\n" else " ") + line
                       for n, line in enumerate(lines)).lstrip("\n")
        for item in (u for u in self.list_after(chosen[-1]) if u.id not in numbers):
            citations.append(Citation.of(len(citations) + 1, Hit(item, chosen[-1].hit.score), item.text))
            label = "" if item.section == chosen[-1].hit.unit.section else f"{item.section}: "
            body += f"\n{label}{' '.join(item.text.split())} [{len(citations)}]"
        body = _in_the_askers_language(question, body)
        return Answer(question, body, True, confidence, self.mode, citations)

    def list_after(self, last: Sentence) -> list:
        """The units an answer's last sentence leads in to, when it ends its unit on a colon: the
        lead-in alone answers nothing. In an agreement, the numbered items of its § or stykke
        ("Der skal aftales retningslinjer om:"), at most LOOKUP_MAX as a lookup shows; elsewhere
        the passages that go on under the same heading, where the chunker split a long section
        ("Væsentlige værdier … er:"), at most CONTINUED_MAX."""
        unit = last.hit.unit
        if not last.text.rstrip().endswith(":") or not _ends_passage(last):
            return []
        if unit.section.startswith(("§", "Bilag")):
            units, _ = self.retriever.lexical_index()
            return held_by([u for u in units if u.document == unit.document], unit.section)[:LOOKUP_MAX]
        return self._going_on(unit)

    def not_found(self, question: str, hits: list[Hit], sentences: list[Sentence], confidence: float = 0.0,
                  lacking: str = "") -> Answer:
        """'The documents do not say', with the nearest passages to read. lacking: the question
        asks for a number ("amount") or a time ("time") and the passages that would answer it
        state none."""
        nearest = []
        for n, hit in enumerate(hits, start=1):
            best = next((s for s in sentences if s.hit is hit), None)
            nearest.append(Citation.of(n, hit, best.text if best else hit.unit.text[:200]))
        money = asks_for_money(question)
        if is_english(question):
            figure = "time" if lacking == "time" else "amount" if money else "figure"
            # most refused English questions have their answer among the nearest passages (gold:
            # English questions are scored as asked and stay below the bar), so it is not "no answer"
            text = (f"The MED documents give no {figure} for this." if lacking else
                    "The MED documents are in Danish, and I could not match this English question to a passage with confidence.")
            more = " The nearest passages are listed below, for reading; asked in Danish, I can answer more directly." if nearest else ""
            handover = self.handover_en
        else:
            figure = "tidspunkt" if lacking == "time" else "beløb" if money else "tal"
            # "I did not find", not "the documents do not say": for most refusals on the gold set the
            # passage that answers is among the nearest shown (as for English questions above)
            text = f"Jeg fandt ikke noget {figure} for det i MED-dokumenterne." if lacking else "Jeg fandt ikke et sikkert svar i MED-dokumenterne."
            more = " De nærmeste uddrag står nedenfor, hvis du vil læse selv." if nearest else ""
            handover = self.handover
        return Answer(question, f"{text}{more} {handover}", False, confidence, self.mode, nearest)


def _behind(hits: list[Hit]) -> list[float]:
    """For each hit, how far its score is behind the best hit ranked above it (0 for one ahead of
    all above it): a passage put first because the question names its agreement, or a follow-up's
    new words, is not held back for scoring lower."""
    out, best = [], float("-inf")
    for hit in hits:
        best = max(best, hit.score)
        out.append(best - hit.score)
    return out


def _with_whole_stykker(chosen: list[Sentence]) -> list[Sentence]:
    """The chosen sentences with the rest of each short agreement stykke they stand in: a stykke
    is what a representative cites and shows the manager. Asked "Hvem er formand for
    Hovedudvalget?", § 4, stk. 1's first sentence (who sits on it) was the whole answer, and its
    second, "Kommunaldirektøren er formand, …", was left out."""
    out = list(chosen)
    at = {(s.hit.unit.id, s.start) for s in chosen}
    for s in chosen:
        unit = s.hit.unit
        if s.item or unit.kind not in AGREEMENT_KINDS or len(unit.text.split()) > STYKKE_WHOLE_WORDS:
            continue
        for start, end in sentence_spans(unit.text):
            if (unit.id, start) not in at:
                at.add((unit.id, start))
                out.append(Sentence(s.hit_rank, s.hit, start, end, s.score, held_back=s.held_back, evidence=s.evidence))
    return out


def _in_reading_order(chosen: list[Sentence]) -> list[Sentence]:
    """The sentences of one agreement § in the order the § has them, where its best one first
    stood: "Mener en part, at aftalen er brudt, …" (§ 14, stk. 1) before "Den anden part skal svare
    … inden 14 dage" (stk. 2), which scored higher. Other passages keep their place."""
    def group(s: Sentence) -> tuple[str, str]:
        unit = s.hit.unit
        paragraph = paragraph_of(unit.section) if unit.kind in AGREEMENT_KINDS else ""
        return (unit.document, paragraph) if paragraph else (unit.id, "")

    first: dict[tuple[str, str], int] = {}
    for s in chosen:
        first.setdefault(group(s), s.hit_rank)
    return sorted(chosen, key=lambda s: (first[group(s)], group(s), s.hit.unit.position, s.start))


def _close(sentences: list[Sentence], within: float = RUNNER_UP) -> list[Sentence]:
    """The sentences that may stand in for the best: in its unit, or from another unit within
    `within` of its score (as close as a runner-up may be, by default)."""
    best = sentences[0]
    return [s for s in sentences if s.hit is best.hit or s.score >= best.score - within]


def _ends_passage(sentence: Sentence) -> bool:
    """Whether nothing but white space follows the sentence in its passage."""
    return sentence.end >= len(sentence.hit.unit.text.rstrip())


def _items(source: Sentence, spans: list[tuple[int, int]], hit: Hit | None = None) -> list[Sentence]:
    """List lines (lists.py spans) of the source sentence's passage, or of `hit`'s, ranked and scored
    as the source."""
    return [Sentence(source.hit_rank, hit or source.hit, start, end, source.score, item=True) for start, end in spans]


def _items_after(lead: Sentence) -> list[Sentence]:
    """The items below a chosen sentence that leads in to a list on a colon (lists.items_after)."""
    return _items(lead, items_after(lead.hit.unit.text, lead.end))


def _whole_list(best: Sentence) -> list[Sentence]:
    """All of the list the best sentence's unit is, with its lead-in (lists.whole_list)."""
    lead, items = whole_list(best.hit.unit.text)
    return ([Sentence(best.hit_rank, best.hit, *lead, best.score)] if lead and items else []) + _items(best, items)


def _binding_text(sentences: list[Sentence], chosen: list[Sentence]) -> Sentence | None:
    """The best sentence of an agreement (the text that binds) within SAME_UNIT of the best
    sentence, when the chosen ones are all from guides, slides or reports: asked "Er der
    tavshedspligt i MED?", the slide that explains it is best, and the local agreement's § 9,
    stk. 2 is what a representative must be able to point to. Its passage's place counts half
    (BINDING_BACK): two slides on skal-retningslinjer before § 8, stk. 1, nr. 2 "Sygefravær og
    fraværssamtaler." left it out; not at all, § 3, stk. 1, nr. 1 "Hovedudvalget (HMU) for hele
    kommunen." came in beside an answer on who chairs HMU."""
    if any(s.hit.unit.kind in AGREEMENT_KINDS for s in chosen):
        return None
    best = chosen[0]
    return next((s for s in sentences if s.hit.unit.kind in AGREEMENT_KINDS
                 and s.score + BINDING_BACK * (s.held_back - best.held_back) >= best.score - SAME_UNIT), None)


def _plain(sentence: str) -> str:
    text = " ".join(sentence.split())
    text = text.lstrip("•▪-–÷❑o ").strip() if text[:1] in "•▪-–÷❑" or text.startswith("o ") else text
    if text.endswith((".", "!", "?", ":")) or text.rsplit(" ", 1)[-1] in _CONTINUED:
        return text
    return text + "."


def _in_the_askers_language(question: str, body: str) -> str:
    """An answer to an English question says first that what follows is quoted in Danish."""
    return f"The MED documents are in Danish. This is what they say:\n{body}" if is_english(question) else body
