"""`medbot eval` over several gold sets ends with them together: the targets are stated on the
held-out batches of every corpus at once."""
from collections import Counter

from bot.tools.evaluate import Report, print_summary


def _report(groups, levels):
    return Report("x", 0, [], {"groups": groups, "levels": levels})


def test_the_summary_adds_the_gold_sets_up_by_batch_and_language(capsys):
    first = _report({("held-out", "da"): Counter(right=6, other=1, refused=3, **{"refused out of scope": 2}),
                     ("held-out", "en"): Counter(right=1, refused=3),
                     ("seen", "da"): Counter(right=4)},
                    {"høj": Counter(right=5), "middel": Counter(right=2, other=1)})
    second = _report({("held-out", "da"): Counter(right=4, other=1, **{"answered out of scope": 1})},
                     {"høj": Counter(right=3, other=1)})
    print_summary([first, second])
    out = capsys.readouterr().out.splitlines()
    lines = {" ".join(line.split()[:2]): line.split() for line in out}
    assert lines["held-out da"][2:7] == ["15", "10", "(0.667)", "2", "(0.133)"]
    assert lines["held-out da"][-3:] == ["2", "of", "3"]
    assert lines["held-out all"][2:4] == ["19", "11"]  # Danish and English together
    assert lines["seen da"][2:4] == ["4", "4"] and "seen en" not in lines  # nothing asked: no row
    high = next(line for line in out if "'høj'" in line)
    assert high.endswith("'høj': 9, citing the passage that answers 8 (0.889), another 1 (0.111)")
