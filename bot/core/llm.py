"""LLM answers through langchain (any OpenAI-compatible endpoint), verified before they are shown;
anything that fails the check, times out or errors falls back to the extractive answer."""
from __future__ import annotations

import logging

from .answer import ExtractiveAnswerer
from .cite import cited_numbers, verify
from .language import is_english
from .models import Answer, Citation
from .retrieve import Filter

log = logging.getLogger(__name__)
NOT_COVERED = "IKKE_DÆKKET"


def chat_model(settings):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url, model=settings.llm_model,
        api_key=settings.llm_api_key or "not-needed", timeout=settings.llm_timeout,
        max_retries=0, temperature=0,
    )


class LlmAnswerer:
    mode = "llm"

    def __init__(self, llm, prompts, extractive: ExtractiveAnswerer, k: int = 5):
        self.llm, self.prompts, self.extractive, self.k = llm, prompts, extractive, k

    def answer(self, question: str, history=None, flt: Filter = Filter()) -> Answer:
        try:
            standalone = self.condense(question, history)
            return self._answer(question, standalone, flt)
        except Exception as exc:  # timeouts, HTTP errors, bad output: never leave the user without an answer
            log.warning("LLM answer failed (%s); extractive fallback", type(exc).__name__)
            return self.fallback(question, history, flt, "Sprogmodellen svarede ikke; her er uddrag fra dokumenterne.")

    def condense(self, question: str, history) -> str:
        if not history:
            return question
        turns = "\n".join(f"Spørgsmål: {q}\nSvar: {a}" for q, a in history)
        prompt = self.prompts.condense.render(history=turns, question=question)
        return self._complete(prompt).strip() or question

    def _answer(self, question: str, standalone: str, flt: Filter) -> Answer:
        hits, sentences, confidence = self.extractive.evidence(standalone, flt, self.k)
        if unheld := self.extractive.not_held(question, standalone, hits, flt):
            return unheld  # no passage of ours holds the § asked for: nothing for the model to quote
        if unsaid := self.extractive.not_mentioned(question, standalone, hits, flt):
            return unsaid  # the agreement asked about has no word of the subject
        if not hits or confidence < self.extractive.threshold:
            return self.extractive.not_found(question, hits[:3], sentences, confidence)
        hits = self.extractive.led_in_hits(hits)  # "nr. 2" says nothing without the stykke's "… om:"
        # a § with the titles above it ("Kapitel 4. Uoverensstemmelser › § 20. Uenighed om fortolkning › § 20")
        passages = [f"[{n}] {h.unit.title} — {' › '.join(h.unit.heading.splitlines())}\n{h.unit.text}"
                    for n, h in enumerate(hits, 1)]
        prompt = self.prompts.answer.render(
            question=standalone, passages="\n\n".join(passages),
            language="engelsk" if is_english(question) else "dansk",
        )
        text = self._complete(prompt).strip()
        if NOT_COVERED in text:
            return self.extractive.not_found(question, hits[:3], sentences, min(confidence, 0.49))
        problem = verify(text, passages)  # as shown: "§ 8, stk. 3" may be a passage's label, not in its text
        if problem:
            log.warning("LLM answer rejected: %s", problem)
            return self.fallback(question, None, flt, f"Sprogmodellens svar blev afvist ({problem}); her er uddrag i stedet.",
                                 standalone)
        citations = [
            Citation.of(n, hits[n - 1], self._quote(hits[n - 1], sentences))
            for n in cited_numbers(text)
        ]
        return Answer(question, text, True, confidence, self.mode, citations)

    def _quote(self, hit, sentences) -> str:
        best = next((s for s in sentences if s.hit.unit.id == hit.unit.id), None)
        return best.text if best else hit.unit.text[:300]

    def _complete(self, prompt: str) -> str:
        return str(self.llm.invoke(prompt).content)

    def fallback(self, question, history, flt, note, standalone=None) -> Answer:
        answer = self.extractive.answer(standalone or question, None if standalone else history, flt)
        answer.question, answer.note = question, note
        return answer
