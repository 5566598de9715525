"""The Teams app package installs: its manifest is valid against Microsoft's own v1.19 schema,
taken at test time from Microsoft's npm package (pinned), and its icons have the sizes Teams needs."""
import json
import shutil
import struct
import subprocess
import tarfile
import zipfile

import jsonschema

from bot.adapters.teams_package import write_package

SCHEMA_PACKAGE = "@microsoft/app-manifest@1.1.2"
SCHEMA = "package/build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json"


def _schema(folder) -> dict:
    npm = shutil.which("npm")
    assert npm, "npm (Node 20) is needed to fetch Microsoft's manifest schema"
    packed = subprocess.run([npm, "pack", SCHEMA_PACKAGE, "--silent"], cwd=folder, capture_output=True, text=True,
                            timeout=180)
    assert packed.returncode == 0, packed.stderr
    with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
        return json.load(archive.extractfile(SCHEMA))


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_the_package_manifest_is_valid_against_microsofts_v1_19_schema(tmp_path):
    out = tmp_path / "medbot-teams.zip"
    write_package(out, "11111111-2222-3333-4444-555555555555")
    with zipfile.ZipFile(out) as package:
        manifest = json.loads(package.read("manifest.json"))
        icons = {name: _png_size(package.read(name)) for name in ("color.png", "outline.png")}
    assert manifest["manifestVersion"] == "1.19"
    errors = sorted(jsonschema.Draft4Validator(_schema(tmp_path)).iter_errors(manifest), key=lambda e: list(e.path))
    assert not errors, [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]
    assert icons == {"color.png": (192, 192), "outline.png": (32, 32)}
