"""`medbot fit-confidence`: fit the confidence model on the seen gold batches only and write
bot/ask/confidence.json. Each seen question is answered with no confidence threshold; the label is
whether the answer cites the passage that answers (an out-of-scope question's answer never does).
Questions refused for another reason (a § no document holds, no figure stated) and § lookups teach
it nothing and are left out. Held-out batches are never read here: `medbot eval` measures on them."""
from __future__ import annotations

import json

import numpy as np

from bot.ask.checks import Checks
from bot.ask.confidence import FEATURES, MODEL
from bot.ask.question import Question
from bot.search.hybrid import Filter
from bot.tools.evaluate import DEFAULT_GOLDS, gold_app, held_out, holds_quote, load_gold

C = 1.0  # scikit-learn's default regularisation; not tuned


def examples(app, golds=DEFAULT_GOLDS) -> list[tuple[dict, int]]:
    rows = []
    for path in golds:
        gold = load_gold(path)
        measured = gold_app(app, path, gold).extractive
        checks = Checks(measured.checks.retriever, float("-inf"), measured.checks.refusals)
        asked = [(i["q"], i["quote"]) for i in gold["questions"] if not held_out(i)] + \
                [(i["q"], None) for i in gold["out_of_scope"] if not held_out(i)]
        for text, quote in asked:
            q = Question.parse(text)
            ev = measured.weigher.gather(q, Filter(), measured.composer.k)
            if not ev.hits or ev.named:
                continue
            fitting, refusal = checks.before(q, ev, Filter())
            if refusal:
                continue
            answer = measured.composer.compose(q, ev, fitting)
            right = quote is not None and any(holds_quote(c.text, quote) for c in answer.citations)
            rows.append((ev.features, int(right)))
    return rows


def fit(rows: list[tuple[dict, int]]) -> dict:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[f[n] for n in FEATURES] for f, _ in rows])
    y = np.array([label for _, label in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / scale, y)
    return {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
            "fitted_on": f"{len(y)} answers of the seen gold batches, {int(y.sum())} citing the passage that answers"}


def run(app) -> None:
    data = fit(examples(app))
    MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    from bot.ask.confidence import fitted

    fitted.cache_clear()
    print(f"Wrote {MODEL}: {data['fitted_on']}")
    for name, coef in sorted(zip(data["features"], data["coef"]), key=lambda p: -abs(p[1])):
        print(f"  {name:<16} {coef:+.3f}")
