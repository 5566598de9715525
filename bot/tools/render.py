"""Render the Teams cards for a set of questions with Microsoft's own `adaptivecards` renderer in
headless Chromium, at desktop and phone widths, and write the Slack payloads beside them: a visual
check to rerun after changing a message builder (scripts/render-cards).

Needs npm (the renderer, fetched once into the cache) and Debian's `chromium`."""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

RENDERER = "adaptivecards@3.0.6"
WIDTHS = (1280, 400)
QUESTIONS = ["Er der tavshedspligt i MED-udvalget?", "Hvad står der i § 8?", "Hvor lang barsel får fædre?",
             "Is there a duty of confidentiality in the MED committee?"]
# Teams' light theme, as far as a card's look depends on it
HOST_CONFIG = {
    "fontFamily": "'Segoe UI', system-ui, sans-serif", "spacing": {"small": 8, "default": 12, "medium": 16, "large": 20,
                                                                   "extraLarge": 24, "padding": 16},
    "fontSizes": {"small": 12, "default": 14, "medium": 14, "large": 18, "extraLarge": 24},
    "containerStyles": {"default": {"backgroundColor": "#FFFFFF", "foregroundColors": {
        "default": {"default": "#242424", "subtle": "#616161"}, "accent": {"default": "#5B5FC7", "subtle": "#5B5FC7"}}}},
    "actions": {"maxActions": 6, "buttonSpacing": 8, "showCard": {"actionMode": "inline", "inlineTopMargin": 8}},
}
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>body{{margin:0;background:#f5f5f5;font-family:'Segoe UI',sans-serif}}
#card{{margin:12px;background:#fff;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.15)}}
.ac-pushButton{{border:1px solid #d1d1d1;background:#fff;border-radius:4px;padding:5px 12px;font:inherit}}</style>
<script>{script}</script></head><body><div id="card"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig({host});
card.parse({card});
document.getElementById("card").appendChild(card.render());
document.title = "height=" + Math.ceil(document.getElementById("card").getBoundingClientRect().bottom + 12);
</script></body></html>"""


def renderer_script(cache: Path) -> str:
    folder = cache / RENDERER.replace("@", "-")
    script = folder / "package" / "dist" / "adaptivecards.min.js"
    if not script.exists():
        folder.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(["npm", "pack", RENDERER, "--silent"], cwd=folder, capture_output=True, text=True,
                                check=True, timeout=180)
        with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
            archive.extractall(folder, filter="data")
    return script.read_text(encoding="utf-8")


def render(page: Path, width: int, png: Path) -> int:
    """Screenshot at this width, as tall as the card; returns the height in px."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("render-cards: Debian's chromium is needed (apt-get install chromium)")
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},4000"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60).stdout
    height = int(re.search(r"height=(\d+)", dom).group(1))
    subprocess.run([*base[:-1], f"--window-size={width},{height + 90}", f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=60, check=True)
    return height


def main(argv: list[str] | None = None) -> int:
    from bot.adapters import slack_blocks, teams_cards
    from bot.settings import Settings
    from bot.wiring import App

    parser = argparse.ArgumentParser(prog="render-cards")
    parser.add_argument("--out", type=Path, default=Path("render"))
    parser.add_argument("questions", nargs="*", default=QUESTIONS)
    args = parser.parse_args(argv)
    app = App(Settings.from_env())
    script = renderer_script(app.settings.cache_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    for n, question in enumerate(args.questions, 1):
        answer = app.answerer.answer(question)
        text, card = teams_cards.message_text(answer), teams_cards.answer_card(answer, "qid")
        # as Teams shows the message: its text (with the citations' [n]) above its card
        shown = {**card, "body": [{"type": "TextBlock", "text": text, "wrap": True}, *card["body"]]}
        page = args.out / f"{n}-teams.html"
        page.write_text(PAGE.format(script=script, host=json.dumps(HOST_CONFIG), card=json.dumps(shown)), encoding="utf-8")
        heights = {w: render(page, w, args.out / f"{n}-teams-{w}.png") for w in WIDTHS}
        (args.out / f"{n}-slack.json").write_text(json.dumps(slack_blocks.to_blocks(answer, "qid"), ensure_ascii=False,
                                                             indent=1), encoding="utf-8")
        size = len(json.dumps(shown, ensure_ascii=False).encode()) / 1024
        print(f"{n}. {question[:50]:50s} card {size:4.1f} KB, height " + ", ".join(f"{h} px at {w}" for w, h in heights.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
