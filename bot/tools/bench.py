"""`medbot bench`: speed, memory and quality figures, and a plain langchain pipeline beside ours.
It prints; it asserts nothing about time."""
from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.tools.evaluate import first_relevant_rank, holds_quote, load_gold


def _timed_cli(args: list[str], env: dict) -> tuple[float, float, str]:
    """A `medbot` command in a process of its own: seconds to its end, its peak memory (MB), its output."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot", *args], env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not the largest child's so far
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if proc.returncode:
            raise subprocess.CalledProcessError(proc.returncode, args)
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def run_bench(app) -> None:
    gold = load_gold()
    questions = [g["q"] for g in gold["questions"]]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MEDBOT_DATA=tmp, HF_HUB_OFFLINE="1")
        cold, index_mb, said = _timed_cli(["index", str(app.settings.knowledge_dir)], env)
        again, *_ = _timed_cli(["index", str(app.settings.knowledge_dir)], env)
        first_answer, ask_mb, _ = _timed_cli(["ask", questions[0]], env)
    units = int(m.group(1)) if (m := re.search(r"(\d+) embedded", said)) else 0
    print(f"index, cold (process + model load):   {cold:7.2f} s  ({units} units, {units / cold:.1f} units/s; "
          f"peak {index_mb:.0f} MB)")
    print(f"index, nothing changed (process):     {again:7.2f} s")
    print(f"cold start to first answer (process): {first_answer:7.2f} s  (peak {ask_mb:.0f} MB: the answer path)")

    for q in questions:  # warm-up: model, lexical index, caches of the store
        app.answerer.answer(q)
    forget = app.retriever.forget_questions
    search = [_clock(lambda q=q: app.retriever.search(q, k=5), forget) for q in questions]
    ask = [_clock(lambda q=q: app.extractive.answer(q), forget) for q in questions]
    print("search latency, warm: p50 {:6.1f} ms  p95 {:6.1f} ms".format(*_percentiles(search)))
    print("ask latency (extractive), warm: p50 {:6.1f} ms  p95 {:6.1f} ms".format(*_percentiles(ask)))
    ours = sum(1 for g in gold["questions"] if (r := first_relevant_rank(app.retriever.search(g["q"], k=5), g["quote"])) and r <= 5)
    base_recall, base_latency = _langchain_baseline(app, gold)
    ours_recall = ours / len(questions)
    ours_p50 = _percentiles(search)[0]
    print(f"recall@5   ours {ours_recall:.3f}   plain langchain {base_recall:.3f}   ratio {ours_recall / max(base_recall, 1e-9):.2f}")
    print(f"search p50 ours {ours_p50:.1f} ms   plain langchain {base_latency:.1f} ms   ratio {ours_p50 / max(base_latency, 1e-9):.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {peak:.0f} MB, largest child (cold CLI runs) {children:.0f} MB")


def _clock(fn, forget=None) -> float:
    if forget:
        forget()  # a warm process still embeds each new question
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


class _LangchainEmbeddings:
    """Our embedder behind langchain's Embeddings interface: same model, so only the pipeline differs."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts):
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text):
        return self.embedder.embed_queries([text])[0].tolist()


def _langchain_baseline(app, gold) -> tuple[float, float]:
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bot.ingest.readers import ReadError, read_pages

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)
    texts = []
    for path in sorted(Path(app.settings.knowledge_dir).glob("*")):
        try:
            texts += splitter.split_text("\n".join(read_pages(path)))
        except ReadError:
            continue
    with tempfile.TemporaryDirectory() as tmp:
        db = Chroma(collection_name="baseline", embedding_function=_LangchainEmbeddings(app.embedder), persist_directory=tmp)
        db.add_texts(texts)
        hits, latency = 0, []
        for g in gold["questions"]:
            started = time.perf_counter()
            docs = db.similarity_search(g["q"], k=5)
            latency.append(time.perf_counter() - started)
            hits += any(holds_quote(d.page_content, g["quote"]) for d in docs)
    return hits / len(gold["questions"]), statistics.median(latency) * 1000
