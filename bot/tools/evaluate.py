"""Measured quality on a gold set: retrieval recall/MRR per mode, and what the answers cite or refuse."""
from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.ask.qualifiers import dropped
from bot.ingest.manifest import CONFIG_FILES, MANIFEST, load_manifest
from bot.lang.language import is_english
from bot.models import confidence_level

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "gold.yaml"
# The seeds hold no agreement with § structure; this set adds a fictitious one to knowledge/.
AGREEMENT_GOLD = DEFAULT_GOLD.parent / "agreement" / "gold.yaml"
# Documents unlike the seeds (an FAQ page, a regional agreement PDF, an intranet page, an English page)
UNSEEN_GOLD = DEFAULT_GOLD.parent / "unseen" / "gold.yaml"
DEFAULT_GOLDS = (DEFAULT_GOLD, AGREEMENT_GOLD, UNSEEN_GOLD)
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
    name: str
    questions: int
    modes: list[ModeScore]
    answers: dict | None = None


def load_gold(path: Path | None = None) -> dict:
    """questions: q, quote and batch; out_of_scope: q and batch (written as a bare question or
    as q/batch)."""
    gold = yaml.safe_load((path or DEFAULT_GOLD).read_text(encoding="utf-8"))
    gold["out_of_scope"] = [item if isinstance(item, dict) else {"q": item} for item in gold.get("out_of_scope") or []]
    return gold


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


def score_answers(answerer, gold: dict) -> dict:
    """What a user gets: an answer citing the passage that holds the gold quote, an answer citing
    other passages, or 'the documents do not say'. For refusal, 'refuse' is the positive class:
    precision = refusals that were right, recall = out-of-scope questions refused."""
    right, other, refused, nearest_right = [], [], [], 0
    groups: dict[tuple[str, str], Counter] = {}
    levels: dict[str, Counter] = {}
    qualifier_dropped: list[str] = []
    for item in gold["questions"]:
        answer = answerer.answer(item["q"])
        holds = any(holds_quote(c.text, item["quote"]) for c in answer.citations)
        outcome = "refused" if not answer.found else "right" if holds else "other"
        if answer.found and any(dropped(c.text, c.quote) for c in answer.citations):
            qualifier_dropped.append(item["q"])
        groups.setdefault(_group(item), Counter())[outcome] += 1
        if answer.found and _group(item)[0] == "held-out":  # calibration is measured on held-out batches only
            levels.setdefault(confidence_level(answer.confidence), Counter())[outcome] += 1
        if not answer.found:
            refused.append(item["q"])
            nearest_right += holds
        else:
            (right if holds else other).append(
                item["q"] if holds else f"{item['q']} -> {answer.citations[0].section}")
    out_scope = [item["q"] for item in gold["out_of_scope"]]
    wrongly_answered = []
    for item in gold["out_of_scope"]:
        found = answerer.answer(item["q"]).found
        groups.setdefault(_group(item), Counter())["answered out of scope" if found else "refused out of scope"] += 1
        if found:
            wrongly_answered.append(item["q"])
    true_refusals = len(out_scope) - len(wrongly_answered)
    refusals = true_refusals + len(refused)
    return {
        "in_scope": len(gold["questions"]),
        "cited_right": len(right),
        "cited_other": other,
        "wrongly_refused": refused,
        "refused_nearest_right": nearest_right,
        "out_of_scope": len(out_scope),
        "precision": true_refusals / refusals if refusals else 1.0,
        "recall": true_refusals / len(out_scope) if out_scope else 1.0,
        "wrongly_answered": wrongly_answered,
        "groups": groups,
        "levels": levels,
        "qualifier_dropped": qualifier_dropped,
    }


def held_out(item: dict) -> bool:
    """A question of a held-out batch: frozen before the changes it checks, never fitted or tuned on."""
    return "held-out" in item.get("batch", "")


def _group(item: dict) -> tuple[str, str]:
    """(seen or held-out, da or en)."""
    return ("held-out" if held_out(item) else "seen", "en" if is_english(item["q"]) else "da")


def gold_app(app, gold_path: Path, gold: dict):
    """The app to measure a gold set on: the app itself, or, when the set brings documents of its
    own (beside the gold file), an index of knowledge/ plus those, kept under the data folder so
    a second run embeds nothing new."""
    extra = gold.get("documents") or {}
    if not extra:
        return app
    workspace = app.settings.data_dir / "eval" / gold_path.parent.name
    knowledge = workspace / "knowledge"
    shutil.rmtree(knowledge, ignore_errors=True)
    source = app.settings.knowledge_dir
    shutil.copytree(source, knowledge, ignore=shutil.ignore_patterns(*CONFIG_FILES))  # sub-folders too
    for name in extra:  # "docs/x.md": a document in a folder beside the gold file keeps its folder
        (knowledge / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(gold_path.parent / name, knowledge / name)
    manifest = {**load_manifest(source), **extra}
    (knowledge / MANIFEST).write_text(yaml.safe_dump({"documents": manifest}, allow_unicode=True), encoding="utf-8")
    measured = app.over(knowledge, workspace)
    measured.indexer.run(knowledge)
    return measured


def evaluate(app, gold_path: Path | None = None, with_answers: bool = True) -> Report:
    gold_path = gold_path or DEFAULT_GOLD
    gold = load_gold(gold_path)
    app = gold_app(app, gold_path, gold)
    modes = [score_mode(app.retriever, gold, mode) for mode in ("dense", "lexical", "hybrid")]
    answers = score_answers(app.answerer, gold) if with_answers and hasattr(app, "answerer") else None
    return Report(str(gold_path), len(gold["questions"]), modes, answers)


def print_report(report: Report) -> None:
    print(f"Retrieval on {report.questions} gold questions ({report.name})")
    print(f"{'mode':<8} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}")
    for m in report.modes:
        print(f"{m.mode:<8} {m.recall[1]:>6.3f} {m.recall[5]:>6.3f} {m.recall[10]:>6.3f} {m.mrr:>6.3f}")
    hybrid = next(m for m in report.modes if m.mode == "hybrid")
    print("R@5 per gold batch: " + "   ".join(f"{batch} (hybrid) {r:.3f}" for batch, r in hybrid.by_batch.items()))
    for miss in hybrid.misses:
        print(f"  hybrid miss@5: {miss}")
    if a := report.answers:
        n = a["in_scope"]
        refused = len(a["wrongly_refused"])
        print(f"Answers to the {n} answerable questions:")
        print(f"  citing the passage that answers   {a['cited_right']:>4} ({a['cited_right'] / n:.3f})")
        print(f"  citing other passages             {len(a['cited_other']):>4} ({len(a['cited_other']) / n:.3f})")
        print(f"  'the documents do not say'        {refused:>4} ({refused / n:.3f}); "
              f"the passage among the nearest shown: {a['refused_nearest_right']}")
        print(f"Out of scope: {a['out_of_scope'] - len(a['wrongly_answered'])} of {a['out_of_scope']} refused. "
              f"Refusal ('the documents do not say'): precision {a['precision']:.3f}, recall {a['recall']:.3f}")
        print("By batch and language (seen = questions the rules were written or tuned on):")
        print(f"  {'':<8} {'':<3} {'asked':>5} {'right':>6} {'other':>6} {'refused':>8} {'out of scope refused':>21}")
        for (batch, lang), c in sorted(a["groups"].items()):
            asked = c["right"] + c["other"] + c["refused"]
            oos = c["refused out of scope"] + c["answered out of scope"]
            share = (lambda k: f"{c[k] / asked:.2f}") if asked else (lambda k: "-")
            print(f"  {batch:<8} {lang:<3} {asked:>5} {share('right'):>6} {share('other'):>6} {share('refused'):>8} "
                  f"{c['refused out of scope']:>14} of {oos:<4}")
        print(f"Answers that leave out a sentence of the unit qualifying what they quote: {len(a['qualifier_dropped'])}")
        for q in a["qualifier_dropped"]:
            print(f"  leaves out a qualifier: {q}")
        print("Calibration on held-out batches: of the answers shown at each level, how many cite the passage that answers:")
        for level, c in sorted(a["levels"].items(), key=lambda kv: -(kv[1]["right"] + kv[1]["other"])):
            print(f"  {level:<7} {c['right']:>4} of {c['right'] + c['other']:<4} ({c['right'] / (c['right'] + c['other']):.3f})")
        for q in a["cited_other"]:
            print(f"  cites other passages: {q}")
        for q in a["wrongly_refused"]:
            print(f"  refused but answerable: {q}")
        for q in a["wrongly_answered"]:
            print(f"  answered but out of scope: {q}")


def print_summary(reports: list[Report]) -> None:
    """All gold sets together, as counts: the figures the answer targets are stated on (held-out
    batches of every corpus), beside the seen ones."""
    groups: dict[tuple[str, str], Counter] = {}
    levels: dict[str, Counter] = {}
    for report in reports:
        for key, c in (report.answers or {}).get("groups", {}).items():
            groups.setdefault(key, Counter()).update(c)
        for level, c in (report.answers or {}).get("levels", {}).items():
            levels.setdefault(level, Counter()).update(c)
    print(f"All {len(reports)} gold sets together:")
    print(f"  {'':<8} {'':<3} {'asked':>5} {'right':>12} {'other':>12} {'refused':>12} {'out of scope refused':>21}")
    for batch in ("held-out", "seen"):
        for lang in ("da", "en", "all"):
            c = sum((groups.get((batch, code), Counter()) for code in (("da", "en") if lang == "all" else (lang,))), Counter())
            asked = c["right"] + c["other"] + c["refused"]
            if not asked:
                continue
            cell = lambda k: f"{c[k]:>4} ({c[k] / asked:.3f})"  # noqa: E731
            oos = c["refused out of scope"] + c["answered out of scope"]
            print(f"  {batch:<8} {lang:<3} {asked:>5} {cell('right'):>12} {cell('other'):>12} {cell('refused'):>12} "
                  f"{c['refused out of scope']:>14} of {oos:<4}")
    for level, c in sorted(levels.items(), key=lambda kv: -(kv[1]["right"] + kv[1]["other"])):
        shown = c["right"] + c["other"]
        print(f"  held-out answers at '{level}': {shown}, citing the passage that answers {c['right']} ({c['right'] / shown:.3f}), "
              f"another {c['other']} ({c['other'] / shown:.3f})")
