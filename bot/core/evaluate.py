"""Measured quality: retrieval recall/MRR per mode on the gold set, and refusal precision/recall."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "gold.yaml"
# Questions without a "batch" are the ones retrieval was tuned on; held-out batches were frozen
# before the changes they are meant to check, so their R@5 is the honest figure.
ORIGINAL = "tuned-on"


def holds_quote(text: str, quote: str) -> bool:
    """A gold quote matches a passage regardless of case and of how lines were wrapped."""
    return _fold(quote) in _fold(text)


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class ModeScore:
    mode: str
    recall: dict[int, float]
    mrr: float
    misses: list[str] = field(default_factory=list)
    by_batch: dict[str, float] = field(default_factory=dict)  # R@5 per gold batch


@dataclass
class Report:
    questions: int
    modes: list[ModeScore]
    refusal: dict | None = None


def load_gold(path: Path | None = None) -> dict:
    return yaml.safe_load((path or DEFAULT_GOLD).read_text(encoding="utf-8"))


def first_relevant_rank(hits, quote: str) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        if holds_quote(hit.unit.text, quote):
            return rank
    return None


def score_mode(retriever, gold: dict, mode: str, depth: int = 10) -> ModeScore:
    ranks = []
    misses = []
    batches: dict[str, list[bool]] = {}
    for item in gold["questions"]:
        rank = first_relevant_rank(retriever.search(item["q"], k=depth, mode=mode), item["quote"])
        ranks.append(rank)
        batch = item.get("batch", ORIGINAL)
        batches.setdefault(batch, []).append(bool(rank and rank <= 5))
        if rank is None or rank > 5:
            tag = "" if batch == ORIGINAL else f" [{batch}]"
            misses.append(f"{item['q']} (rank {rank or '>' + str(depth)}){tag}")
    n = len(ranks)
    recall = {k: sum(1 for r in ranks if r and r <= k) / n for k in (1, 5, 10)}
    mrr = sum(1 / r for r in ranks if r) / n
    by_batch = {batch: sum(hits) / len(hits) for batch, hits in batches.items()}
    return ModeScore(mode, recall, mrr, misses, by_batch)


def score_refusal(answerer, gold: dict) -> dict:
    """'Refuse' is the positive class: precision = refusals that were right."""
    in_scope = [answerer.answer(item["q"]).found for item in gold["questions"]]
    out_scope = [answerer.answer(q).found for q in gold.get("out_of_scope", [])]
    true_refusals = sum(1 for found in out_scope if not found)
    false_refusals = sum(1 for found in in_scope if not found)
    refusals = true_refusals + false_refusals
    return {
        "precision": true_refusals / refusals if refusals else 1.0,
        "recall": true_refusals / len(out_scope) if out_scope else 1.0,
        "wrongly_refused": [g["q"] for g, f in zip(gold["questions"], in_scope) if not f],
        "wrongly_answered": [q for q, f in zip(gold.get("out_of_scope", []), out_scope) if f],
    }


def evaluate(app, gold_path: Path | None = None, with_refusal: bool = True) -> Report:
    gold = load_gold(gold_path)
    modes = [score_mode(app.retriever, gold, mode) for mode in ("dense", "lexical", "hybrid")]
    refusal = score_refusal(app.answerer, gold) if with_refusal and hasattr(app, "answerer") else None
    return Report(len(gold["questions"]), modes, refusal)


def print_report(report: Report) -> None:
    print(f"Retrieval on {report.questions} gold questions")
    print(f"{'mode':<8} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}")
    for m in report.modes:
        print(f"{m.mode:<8} {m.recall[1]:>6.3f} {m.recall[5]:>6.3f} {m.recall[10]:>6.3f} {m.mrr:>6.3f}")
    hybrid = next(m for m in report.modes if m.mode == "hybrid")
    print("R@5 per gold batch: " + "   ".join(f"{batch} (hybrid) {r:.3f}" for batch, r in hybrid.by_batch.items()))
    for miss in hybrid.misses:
        print(f"  hybrid miss@5: {miss}")
    if report.refusal:
        r = report.refusal
        print(f"Refusal ('the documents do not say'): precision {r['precision']:.3f}, recall {r['recall']:.3f}")
        for q in r["wrongly_refused"]:
            print(f"  refused but answerable: {q}")
        for q in r["wrongly_answered"]:
            print(f"  answered but out of scope: {q}")

