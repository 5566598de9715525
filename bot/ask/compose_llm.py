"""The LLM composer (langchain, any OpenAI-compatible endpoint): the same evidence and the same
checks as the extractive composer; its answer is verified before it is shown, and anything that
fails the check, times out or errors falls back to the extractive answer (Fallback)."""
from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from bot.ask.cite import cited_numbers, verify
from bot.ask.evidence import Evidence, Sentence
from bot.ask.passages import Context
from bot.ask.question import Question
from bot.ask.refusals import Refusals
from bot.lang import da, en
from bot.models import Answer, Citation
from bot.params import ANSWER_WORKERS, LLM_HITS

log = logging.getLogger(__name__)
NOT_COVERED = "IKKE_DÆKKET"
# model calls run here so a deadline can be kept; when every worker is held by a stalled endpoint,
# later calls wait in the queue and fall back at their own deadline
LLM_CALLS = ANSWER_WORKERS * 2  # a worker per answer, and as many again held by stalled calls
_CALLS = ThreadPoolExecutor(LLM_CALLS, "llm")


class Fallback(Exception):
    """The model did not give an answer that can be shown: answer extractively instead, with a note."""

    def __init__(self, note: str, text: str, history=None):
        super().__init__(note)
        self.note, self.text, self.history = note, text, history


def chat_model(settings):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url, model=settings.llm_model,
        api_key=settings.llm_api_key or "not-needed", timeout=settings.llm_timeout,
        max_retries=0, temperature=0,
    )


class LlmComposer:
    mode = "llm"
    k = LLM_HITS

    def __init__(self, llm, prompts, context: Context, refusals: Refusals, deadline: float = 20.0):
        """deadline: seconds a model call may take in all, however the endpoint trickles its bytes
        (the HTTP client's own timeout is only the longest silence between two of them)."""
        self.llm, self.prompts, self.context, self.refusals = llm, prompts, context, refusals
        self.deadline = deadline

    def understand(self, asked: str, history) -> Question:
        """A follow-up rewritten by the model as a question of its own."""
        if not history:
            return Question.parse(asked)
        turns = "\n".join(f"Spørgsmål: {q}\nSvar: {a}" for q, a in history)
        prompt = self.prompts.condense.render(history=turns, question=asked)
        return Question.parse(asked, standalone=self._complete(prompt, asked, history).strip() or asked)

    def compose(self, q: Question, ev: Evidence, fitting: list[Sentence], drafts=None) -> Answer:
        hits = self.context.led_in_hits(ev.hits)  # "nr. 2" says nothing without the stykke's "… om:"
        # a § with the titles above it ("Kapitel 4. Uoverensstemmelser › § 20. Uenighed om fortolkning › § 20")
        passages = [f"[{n}] {h.unit.title} — {' › '.join(h.unit.heading.splitlines())}\n{h.unit.text}"
                    for n, h in enumerate(hits, 1)]
        words = en if q.english else da
        quoted = "\n\n".join(f'<uddrag n="{n}">\n{_unmarked(p)}\n</uddrag>' for n, p in enumerate(passages, 1))
        prompt = self.prompts.answer.render(question=_unmarked(q.text), passages=quoted, language=words.LLM_LANGUAGE)
        text = self._complete(prompt, q.asked, None, q.text, drafts).strip()
        if _repeats(text, self.prompts.answer.template):  # its instructions, shown back: never
            log.warning("LLM answer rejected: it repeats the prompt")
            raise Fallback(words.LLM_REJECTED.format(problem=words.LLM_PROMPT_SHOWN), q.text)
        if NOT_COVERED in text:
            return self.refusals.not_found(q, ev, min(ev.confidence, 0.49))
        problem = verify(text, passages)  # as shown: "§ 8, stk. 3" may be a passage's label, not in its text
        if problem:
            log.warning("LLM answer rejected: %s", problem)
            raise Fallback(words.LLM_REJECTED.format(problem=problem), q.text)
        citations = [Citation.of(n, hits[n - 1], _quote(hits[n - 1], ev.sentences)) for n in cited_numbers(text)]
        return Answer(q.asked, text, True, ev.confidence, self.mode, citations)

    def _complete(self, prompt: str, asked: str, history, standalone: str | None = None, drafts=None) -> str:
        call = _CALLS.submit(self._call, prompt, drafts)
        try:
            return call.result(timeout=self.deadline)
        except FutureTimeout:  # the call goes on in its worker until the endpoint ends it; nobody waits
            call.cancel()
            log.warning("LLM answer past the %.1f s deadline; extractive fallback", self.deadline)
            raise Fallback(da.LLM_SILENT, asked, history) from None
        except Exception as exc:  # timeouts, HTTP errors, bad output: never leave the user without an answer
            log.warning("LLM answer failed (%s); extractive fallback", type(exc).__name__)
            raise Fallback(da.LLM_SILENT, asked, history) from None

    def _call(self, prompt: str, drafts) -> str:
        """The model's text; with drafts, streamed, and drafts told the text so far as it grows (a
        draft that cannot be shown never stops the answer)."""
        if drafts is None:
            return str(self.llm.invoke(prompt).content)
        text = ""
        for chunk in self.llm.stream(prompt):
            if chunk.content:
                text += str(chunk.content)
                try:
                    drafts(text)
                except Exception as exc:  # noqa: BLE001
                    log.warning("a draft could not be shown (%s)", type(exc).__name__)
        return text


def _unmarked(text: str) -> str:
    """Data cannot close its own quotation: tags like ours inside a passage or a question are broken."""
    return re.sub(r"</?\s*(uddrag|spørgsmål)", lambda m: m.group(0).replace("<", "‹"), text, flags=re.I)


def _repeats(answer: str, template: str, words: int = 8) -> bool:
    """Whether the answer holds a run of `words` words of the prompt's own text (not its variables)."""
    fixed = re.sub(r"\$\w+", " ", template).lower().split()
    said = " ".join(answer.lower().split())
    return any(" ".join(fixed[i:i + words]) in said for i in range(len(fixed) - words + 1))


def _quote(hit, sentences) -> str:
    best = next((s for s in sentences if s.hit.unit.id == hit.unit.id), None)
    return best.text if best else hit.unit.text[:300]
