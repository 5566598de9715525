"""Shared fixtures: a clean environment per test, and one real index (e5 + chromadb on disk)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.wiring import App

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
_SECRET_PREFIXES = ("SLACK_", "MEDBOT_", "OPENAI", "MICROSOFT", "AZURE_")


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch):
    """A developer's own tokens or settings never leak into a test."""
    for key in list(os.environ):
        if key.upper().startswith(_SECRET_PREFIXES):
            monkeypatch.delenv(key, raising=False)


def make_settings(tmp: Path, knowledge: Path, **overrides) -> Settings:
    base = Settings.from_env({"HOME": str(Path.home())})
    values = dict(base.__dict__, knowledge_dir=knowledge, data_dir=tmp / "data")
    values.update(overrides)
    return Settings(**values)


def indexed_app(tmp: Path, documents: dict[str, tuple[str, str, Path | str]], **overrides) -> App:
    """An app over these documents, indexed: file name -> (title, kind, a file to copy or its text)."""
    knowledge = tmp / "knowledge"
    knowledge.mkdir()
    manifest = ["documents:"]
    for name, (title, kind, source) in documents.items():
        if isinstance(source, Path):
            shutil.copy(source, knowledge / name)
        else:
            (knowledge / name).write_text(source, encoding="utf-8")
        manifest += [f"  {name}:", f"    title: {title}", f"    kind: {kind}"]
    (knowledge / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    app = App(make_settings(tmp, knowledge, **overrides))
    app.indexer.run(knowledge)
    return app


def cited(answer) -> list[tuple[str, str]]:
    """(document title, section) of each citation, in order."""
    return [(c.title, c.section) for c in answer.citations]


@pytest.fixture(scope="session")
def e5_app(tmp_path_factory) -> App:
    """The seeds in knowledge/, indexed once with the real model into a real chromadb."""
    tmp = tmp_path_factory.mktemp("e5")
    app = App(make_settings(tmp, ROOT / "knowledge"))
    report = app.indexer.run(app.settings.knowledge_dir)
    assert report.documents == 5 and not report.skipped
    return app


@pytest.fixture
def knowledge_copy(tmp_path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    for name in ("agreement.md", "agreement.html", "agreement.docx", "agreement.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "manifest.yaml").write_text(
        "documents:\n  agreement.md:\n    title: Prøveaftale (MD)\n    kind: lokalaftale\n"
        "    issuer: Testby Kommune\n    date: '2026-01-01'\n", encoding="utf-8")
    return folder


@pytest.fixture(params=["embedded", "server"])
def hash_app(request, tmp_path, knowledge_copy) -> App:
    """Real chromadb, embedded and as a server (`chroma run`), fake embedder: fast tests of
    indexing plumbing."""
    url = request.getfixturevalue("chroma_url") if request.param == "server" else ""
    return App(make_settings(tmp_path, knowledge_copy, embedder="hash", chroma_url=url))


EKSEMPELBY = "Lokal MED-aftale for Eksempelby Kommune (fiktiv)"  # its title in the gold manifest


@pytest.fixture(scope="session")
def eksempelby_app(e5_app, tmp_path_factory) -> App:
    """The seeds plus the agreement gold set's fictitious local agreement, as `medbot eval`
    measures it (the seed slides quote another municipality's "Lokalaftalen §")."""
    from bot.tools.evaluate import AGREEMENT_GOLD, gold_app, load_gold

    base = e5_app.over(e5_app.settings.knowledge_dir, tmp_path_factory.mktemp("eksempelby") / "data")
    return gold_app(base, AGREEMENT_GOLD, load_gold(AGREEMENT_GOLD))


@pytest.fixture(scope="session")
def unseen_app(e5_app, tmp_path_factory) -> App:
    """The seeds plus the documents unlike them (FAQ page, regional agreement PDF, intranet page,
    English page) of tests/gold/unseen, as `medbot eval` measures them."""
    from bot.tools.evaluate import UNSEEN_GOLD, gold_app, load_gold

    base = e5_app.over(e5_app.settings.knowledge_dir, tmp_path_factory.mktemp("unseen") / "data")
    return gold_app(base, UNSEEN_GOLD, load_gold(UNSEEN_GOLD))


def without_refusal_bar(app: App) -> App:
    """The same app answering whatever its confidence: for tests of what an answer quotes, apart
    from whether the fitted confidence clears the bar (a `medbot eval` figure)."""
    from dataclasses import replace

    bare = App(replace(app.settings, min_confidence=0.0))
    bare.__dict__.update(embedder=app.embedder, generations=app.generations)
    return bare


@pytest.fixture(scope="session")
def chroma_server():
    from servers import ChromaServer

    server = ChromaServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres():
    from servers import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture
def chroma_url(chroma_server) -> str:
    """The session's Chroma server, emptied for this test."""
    from bot.search.generations import open_server

    client = open_server(chroma_server.url)
    for collection in client.list_collections():
        client.delete_collection(collection.name)
    return chroma_server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> str:
    """Where the chat's state is kept: a SQLite file, and a new database on a real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "feedback.sqlite")
    name = "t" + tmp_path.name.lower().replace("-", "_")[-40:] + str(id(request))[-6:]
    return request.getfixturevalue("postgres").database(name)
