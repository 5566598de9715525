"""The document around the sentences an answer quotes: the stykke a numbered item is an item of,
the rest of a list cut across passages, the items a lead-in on a colon introduces. A sentence
lifted out of that context can say the opposite of what the document says."""
from __future__ import annotations

from bot.ask.evidence import Sentence
from bot.ask.lists import items_after, items_opening, whole_list
from bot.ask.sections import held_by, lead_in
from bot.models import Hit
from bot.params import CONTINUED_MAX, ITEMS_MAX, LOOKUP_MAX
from bot.text.sentences import sentence_spans


class Context:
    def __init__(self, retriever):
        self.retriever = retriever

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
        if not ends_passage(last):
            return bool(items_opening(last.hit.unit.text, at=last.end))
        following = [] if last.hit.unit.kind == "slides" else self.going_on(last.hit.unit)[:1]
        return bool(following and items_opening(following[0].text))

    def list_goes_on(self, chosen: list[Sentence]) -> list[Sentence]:
        """The rest of a list the answer quotes to the end of its passage, where the chunker cut a
        guide's or report's section in two: "Hvilke kommuner blev besøgt?" listed seven communes and
        not the eighth, "• Roskilde Kommune", which opens the next passage of the section. Only
        items that open the passages going on (same section, next in place, at most CONTINUED_MAX),
        ITEMS_MAX lines in all. A slide is whole: two slides may share a title."""
        items = [s for s in chosen if s.item]
        last = items[-1] if items else None
        if not last or last.hit.unit.kind == "slides" or not ends_passage(last):
            return []
        room = ITEMS_MAX - sum(1 for s in items if s.hit is last.hit)
        out = []
        for unit in self.going_on(last.hit.unit):
            more = _items(last, items_opening(unit.text, room - len(out)), Hit(unit, last.hit.score))
            out += more
            if not more or not ends_passage(more[-1]):
                break
        return out

    def going_on(self, unit) -> list:
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

    def list_after(self, last: Sentence) -> list:
        """The units an answer's last sentence leads in to, when it ends its unit on a colon: the
        lead-in alone answers nothing. In an agreement, the numbered items of its § or stykke
        ("Der skal aftales retningslinjer om:"), at most LOOKUP_MAX as a lookup shows; elsewhere
        the passages that go on under the same heading, where the chunker split a long section
        ("Væsentlige værdier … er:"), at most CONTINUED_MAX."""
        unit = last.hit.unit
        if not last.text.rstrip().endswith(":") or not ends_passage(last):
            return []
        if unit.section.startswith(("§", "Bilag")):
            units, _ = self.retriever.lexical_index()
            return held_by([u for u in units if u.document == unit.document], unit.section)[:LOOKUP_MAX]
        return self.going_on(unit)


def ends_passage(sentence: Sentence) -> bool:
    """Whether nothing but white space follows the sentence in its passage."""
    return sentence.end >= len(sentence.hit.unit.text.rstrip())


def _items(source: Sentence, spans: list[tuple[int, int]], hit: Hit | None = None) -> list[Sentence]:
    """List lines (lists.py spans) of the source sentence's passage, or of `hit`'s, ranked and scored
    as the source."""
    return [Sentence(source.hit_rank, hit or source.hit, start, end, source.score, item=True) for start, end in spans]


def items_below(lead: Sentence) -> list[Sentence]:
    """The items below a chosen sentence that leads in to a list on a colon (lists.items_after)."""
    return _items(lead, items_after(lead.hit.unit.text, lead.end))


def whole_list_of(best: Sentence) -> list[Sentence]:
    """All of the list the best sentence's unit is, with its lead-in (lists.whole_list)."""
    lead, items = whole_list(best.hit.unit.text)
    return ([Sentence(best.hit_rank, best.hit, *lead, best.score)] if lead and items else []) + _items(best, items)
