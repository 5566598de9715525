"""The extractive composer, the offline default: the sentences that answer, each cited, with the
context that keeps them true (passages.py); a § asked for by number, quoted whole."""
from __future__ import annotations

from bot.ask.evidence import Evidence, Sentence, Weigher
from bot.ask.passages import Context, items_below, whole_list_of
from bot.ask.question import Question
from bot.ask.sections import item_of
from bot.ask.naming import paragraph_of
from bot.lang import da, en
from bot.lang.language import is_english
from bot.models import AGREEMENT_KINDS, Answer, Citation, Hit
from bot.params import BINDING_BACK, ITEMS_MAX, LOOKUP_MAX, RUNNER_UP, SAME_UNIT, WHOLE_UNIT_WORDS
from bot.ask.qualifiers import unquoted
from bot.text.bullets import ITEM, item_line, opens_with_bullet, strip_bullet
from bot.text.sentences import sentence_spans

_CONTINUED = {"og", "eller", "samt", "men", "at"}


class ExtractiveComposer:
    mode = "extractive"
    k = LOOKUP_MAX + 1  # one more than a lookup shows, to know whether there is more

    def __init__(self, retriever, weigher: Weigher, threshold: float):
        self.retriever, self.weigher, self.threshold = retriever, weigher, threshold
        self.context = Context(retriever)

    def understand(self, asked: str, history) -> Question:
        return Question.parse(asked, history)

    def compose(self, q: Question, ev: Evidence, fitting: list[Sentence], drafts=None) -> Answer:
        """drafts: for a composer that writes as it goes (the LLM's); quoting has no drafts."""
        if ev.named:  # a § named by number may be asked something of; one found by its title is shown whole
            return (self.within_section(q, ev.hits) if q.sections else None) or self.look_up(q, ev.hits)
        chosen = self.pick(fitting)
        if q.which and (whole := whole_list_of(chosen[0])):
            chosen = [*whole, *(s for s in chosen if s.hit is not chosen[0].hit)]
        if going_on := self.context.list_goes_on(chosen):
            going = {s.hit.unit.id for s in going_on}
            chosen = [*(s for s in chosen if s.hit.unit.id not in going), *going_on]
        chosen = _with_qualifiers(self.context.led_in(chosen))
        answer = self.quote(q, chosen, ev.confidence)
        if self.context.list_cut(chosen):
            answer.note = (en if q.english else da).LIST_CUT.format(shown=ITEMS_MAX)
        return answer

    def within_section(self, q: Question, hits: list[Hit]) -> Answer | None:
        """A question that names a § and asks something of it ("Hvad siger § 8 om opsigelse?", "Jeg
        har læst § 8, men må lederen lave retningslinjer alene?") is answered from that § by
        meaning: its sentences that answer, not all of it. None when it asks only what the § says,
        or none of its sentences answers with confidence: the § is then shown whole (look_up)."""
        if not q.of_section:
            return None
        named = sorted((h for h in hits if h.named), key=lambda h: -h.score)  # its place: how well it matches
        sentences = self.weigher.score_sentences(q, named, sentences_from=len(named), focus=False)
        confidence = self.weigher.confidence(q, named, sentences) if sentences else 0.0
        if confidence < self.threshold:
            return None
        return self.quote(q, _with_qualifiers(self.context.led_in(self.pick(sentences))), confidence)

    def look_up(self, q: Question, hits: list[Hit]) -> Answer:
        """The §s the question names by number, quoted whole and in order: asked "Hvad står der i
        § 7, stk. 3?", the answer is § 7, stk. 3 and its numbered items, not the sentence most like
        the question's words ("står der i"), which found nothing and refused."""
        named = [h for h in hits if h.named]
        shown = named[:LOOKUP_MAX]
        several = len({h.unit.document for h in shown}) > 1
        lines = [f"{h.unit.title}, {h.unit.section}" if several else h.unit.section for h in shown]
        body = "\n".join(f"{label}: {' '.join(h.unit.text.split())} [{n}]" for n, (label, h) in enumerate(zip(lines, shown), 1))
        body = _in_the_askers_language(q, body, [h.unit.text for h in shown])
        par, words = paragraph_of(shown[-1].unit.section), en if q.english else da
        note = (words.SECTION_GOES_ON + (words.SECTION_EXAMPLE.format(par=par) if par else ".")) if len(named) > LOOKUP_MAX else ""
        citations = [Citation.of(n, h, h.unit.text) for n, h in enumerate(shown, 1)]
        return Answer(q.asked, body, True, 1.0, self.mode, citations, note)

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
        at = {(s.hit.unit.id, s.start) for s in chosen}
        chosen += [i for s in list(chosen) for i in items_below(s) if (i.hit.unit.id, i.start) not in at]
        return _in_reading_order(_with_whole_units(chosen))

    def quote(self, q: Question, chosen: list[Sentence], confidence: float) -> Answer:
        """The chosen sentences as the answer's text, each cited; a list's items on lines of their own."""
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
                # a run of sentences of one unit is cited once, after its last sentence
                after = chosen[n + 1] if n + 1 < len(chosen) else None
                goes_on = after is not None and after.hit.unit.id == uid and not after.item
                lines.append(_plain(s.text) + ("" if goes_on else f" [{numbers[uid]}]"))
                continue
            # a list is cited once: after its lead-in, or after its last line when it has none
            led_in = any(c.hit.unit.id == uid and not c.item for c in chosen)
            last = s is [c for c in chosen if c.hit.unit.id == uid][-1]
            lines.append(f"\n{item_line(s.text)}" + ("" if led_in or not last else f" [{numbers[uid]}]"))
        # a list's lines each on a line of their own, and what comes after it on the next
        body = "".join(line if n == 0 or line[0] == "\n" else ("\n" if lines[n - 1][0] == "\n" else " ") + line
                       for n, line in enumerate(lines)).lstrip("\n")
        for item in (u for u in self.context.list_after(chosen[-1]) if u.id not in numbers):
            citations.append(Citation.of(len(citations) + 1, Hit(item, chosen[-1].hit.score), item.text))
            label = "" if item.section == chosen[-1].hit.unit.section else f"{item.section}: "
            body += f"\n{label}{' '.join(item.text.split())} [{len(citations)}]"
        body = _in_the_askers_language(q, body, [c.text for c in citations])
        return Answer(q.asked, body, True, confidence, self.mode, citations)


def _with_whole_units(chosen: list[Sentence]) -> list[Sentence]:
    """The chosen sentences with the rest of each short unit they stand in (a stykke, an FAQ
    answer, a slide): what a representative cites and shows the manager. Asked "Hvem er formand for
    Hovedudvalget?", § 4, stk. 1's first sentence (who sits on it) was the whole answer, and its
    second, "Kommunaldirektøren er formand, …", was left out."""
    out = list(chosen)
    at = {(s.hit.unit.id, s.start) for s in chosen}
    for s in chosen:
        unit = s.hit.unit
        if s.item or len(unit.text.split()) > WHOLE_UNIT_WORDS:
            continue
        s.item = bool(ITEM.match(s.text))  # a line of a list quoted whole stays a line of it
        for start, end in sentence_spans(unit.text):
            if (unit.id, start) not in at:
                at.add((unit.id, start))
                out.append(_like(s, start, end))
    return out


def _with_qualifiers(chosen: list[Sentence]) -> list[Sentence]:
    """The chosen sentences with every sentence of their units that qualifies one quoted ("ikke",
    "dog", "kun", … on the same subject; qualifiers.py). Quoted alone,
    "Kan-retningslinjer kan opsiges med 3 måneders varsel." answered whether a procedure guideline
    can be terminated; the sentence before it in the paragraph says it cannot. A quote runs from a
    unit's first chosen sentence to its last, so everything in between counts as quoted. Other units
    keep their place."""
    added: dict[str, list[Sentence]] = {}
    for uid in dict.fromkeys(s.hit.unit.id for s in chosen):
        while True:
            mine = [s for s in chosen if s.hit.unit.id == uid] + added.get(uid, [])
            missing = unquoted(mine[0].hit.unit.text, min(s.start for s in mine), max(s.end for s in mine))
            if not missing:
                break
            added.setdefault(uid, []).extend(_like(mine[0], a, b) for a, b in missing)
    if not added:
        return chosen
    out: list[Sentence] = []
    for s in chosen:  # a unit that gained sentences is quoted in its own order, where it first stood
        uid = s.hit.unit.id
        if uid not in added:
            out.append(s)
        elif all(o.hit.unit.id != uid for o in out):
            out += sorted([t for t in chosen if t.hit.unit.id == uid] + added[uid], key=lambda t: t.start)
    return out


def _like(s: Sentence, start: int, end: int) -> Sentence:
    """Another sentence of s's unit, placed and scored as s (it is quoted for s's sake)."""
    return Sentence(s.hit_rank, s.hit, start, end, s.score, item=bool(ITEM.match(s.hit.unit.text[start:end])),
                    held_back=s.held_back, evidence=s.evidence)


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
    text = strip_bullet(text).strip() if opens_with_bullet(text) else text
    if text.endswith((".", "!", "?", ":")) or text.rsplit(" ", 1)[-1] in _CONTINUED:
        return text
    return text + "."


def _in_the_askers_language(q: Question, body: str, quoted: list[str]) -> str:
    """An answer to an English question from Danish passages says first that they are quoted in Danish."""
    danish = any(not is_english(text) for text in quoted)
    return ((en if q.english else da).QUOTED_IN_DANISH if danish else "") + body
