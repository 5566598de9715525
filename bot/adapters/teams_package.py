"""The Teams app package: manifest.json with the bot's app id, and the two icons, in one zip."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

APP_FOLDER = Path(__file__).parent / "teams_app"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class PackageError(Exception):
    pass


def write_package(out: Path, app_id: str) -> None:
    if not _GUID.match(app_id or ""):
        raise PackageError("give the bot's Microsoft app id (a GUID) with --app-id or MicrosoftAppId")
    manifest = json.loads((APP_FOLDER / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    for bot in manifest["bots"]:
        bot["botId"] = app_id
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for icon in ("color.png", "outline.png"):
            package.write(APP_FOLDER / icon, icon)
