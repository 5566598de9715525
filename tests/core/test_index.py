"""Incremental indexing against a real chromadb on disk (fake embedder for speed)."""
import shutil
from pathlib import Path

import pytest

from bot.wiring import App

FIXTURES = Path(__file__).parents[1] / "fixtures"


class CountingEmbedder:
    def __init__(self, inner):
        self.inner, self.calls, self.identity = inner, 0, inner.identity

    def embed_passages(self, texts):
        self.calls += len(texts)
        return self.inner.embed_passages(texts)

    embed_queries = embed_passages


def test_second_run_embeds_nothing_and_a_removed_document_is_pruned(hash_app: App, knowledge_copy):
    first = hash_app.indexer.run(knowledge_copy)
    assert first.documents == 4 and first.embedded > 0 and not first.skipped
    counting = CountingEmbedder(hash_app.embedder)
    hash_app.indexer.embedder = counting
    second = hash_app.indexer.run(knowledge_copy)
    assert counting.calls == 0 and second.embedded == 0 and second.unchanged_documents == 4

    (knowledge_copy / "agreement.html").unlink()
    third = hash_app.indexer.run(knowledge_copy)
    assert third.removed > 0 and counting.calls == 0
    assert {u.document for u in hash_app.store.units()} == {"agreement.md", "agreement.docx", "agreement.pdf"}


def test_an_edit_embeds_only_what_changed_and_the_rest_moves_along(hash_app: App, knowledge_copy):
    """A new § near the top of an agreement shifts every unit after it; none of them is new."""
    from bot.ingest.chunk import chunk_document
    from bot.ingest.index import describe, load_manifest
    from bot.ingest.readers import read_pages

    hash_app.indexer.run(knowledge_copy)
    md = knowledge_copy / "agreement.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        "### § 7. Information", "### § 6. Svampe\n\nSvampe må kun plukkes i Testby af udvalget.\n\n### § 7. Information"),
        encoding="utf-8")
    manifest = knowledge_copy / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("Prøveaftale (MD)", "Prøveaftale 2027"),
                        encoding="utf-8")
    counting = CountingEmbedder(hash_app.embedder)
    hash_app.indexer.embedder = counting
    report = hash_app.indexer.run(knowledge_copy)

    expected = chunk_document(describe(md, knowledge_copy, load_manifest(knowledge_copy)), read_pages(md))
    stored = [u for u in hash_app.store.units() if u.document == "agreement.md"]
    assert [(u.section, u.position, u.title) for u in stored] == [(u.section, u.position, u.title) for u in expected]
    assert stored[0].title == "Prøveaftale 2027" and stored[1].section.startswith("§ 6")
    assert report.embedded == 1 and report.removed == 0  # the new § (and its sentence) only
    assert counting.calls == 2


def test_sentences_cut_by_an_older_splitter_are_cut_again(hash_app: App, knowledge_copy, monkeypatch):
    """After an upgrade that splits sentences differently, quotes must still be the right slices."""
    import bot.ingest.index as index
    from bot.text.sentences import sentence_spans

    old_splitter = lambda text: [(0, len(text) // 2), (len(text) // 2, len(text))]  # noqa: E731
    monkeypatch.setattr(index, "sentence_spans", old_splitter)
    monkeypatch.setattr(index, "_pipeline_fingerprint", lambda: "old")
    hash_app.indexer.run(knowledge_copy)
    monkeypatch.undo()

    counting = CountingEmbedder(hash_app.embedder)
    hash_app.indexer.embedder = counting
    report = hash_app.indexer.run(knowledge_copy)
    units = hash_app.store.units()
    stored = hash_app.store.sentence_spans([u.id for u in units])
    assert all(stored[u.id] == sentence_spans(u.text) for u in units)
    assert report.removed == 0 and 0 < counting.calls  # sentences embedded again, units kept
    assert hash_app.indexer.run(knowledge_copy).embedded == 0


def test_manifest_titles_and_derived_titles(hash_app: App, knowledge_copy):
    hash_app.indexer.run(knowledge_copy)
    titles = {u.document: (u.title, u.kind) for u in hash_app.store.units()}
    assert titles["agreement.md"] == ("Prøveaftale (MD)", "lokalaftale")
    assert titles["agreement.docx"] == ("Agreement", "dokument")


def test_bad_files_are_reported_and_skipped_and_nothing_else_is_lost(hash_app: App, knowledge_copy):
    hash_app.indexer.run(knowledge_copy)
    before = {u.id for u in hash_app.store.units()}
    for bad in (FIXTURES / "bad").iterdir():
        shutil.copy(bad, knowledge_copy / bad.name)
    shutil.copy(knowledge_copy / "agreement.md", knowledge_copy / "kopi-af-aftalen.md")
    report = hash_app.indexer.run(knowledge_copy)
    reasons = dict(report.skipped)
    assert set(reasons) == {"beskadiget.pdf", "krypteret.pdf", "uden-tekst.pdf", "tom.txt", "regneark.xlsx",
                            "latin1.txt", "beskyttet.docx", "halv.docx", "kopi-af-aftalen.md"}
    assert "dublet" in reasons["kopi-af-aftalen.md"]
    assert {u.id for u in hash_app.store.units()} == before


def test_hidden_files_and_folders_are_not_documents(hash_app: App, knowledge_copy):
    """`medbot index .` in a checkout: .git, .venv and the index's own .medbot/ are no documents."""
    for hidden in (".medbot/chroma/chroma.sqlite3", ".venv/lib/README.md", ".git/description", ".notes.txt"):
        (knowledge_copy / hidden).parent.mkdir(parents=True, exist_ok=True)
        (knowledge_copy / hidden).write_text("Skjult fil om tavshedspligt.", encoding="utf-8")
    report = hash_app.indexer.run(knowledge_copy)
    assert report.documents == 4 and not report.skipped
    assert {u.document for u in hash_app.store.units()} == {"agreement.md", "agreement.docx", "agreement.pdf", "agreement.html"}


def test_index_command_fails_only_when_nothing_could_be_indexed(tmp_path, monkeypatch, knowledge_copy, capsys):
    """And then it leaves the previous index as it was: a folder of broken files is no reason to
    empty the index everyone is searching."""
    from bot.cli.main import main

    monkeypatch.setenv("MEDBOT_EMBEDDER", "hash")
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "d"))
    empty = tmp_path / "only-bad"
    shutil.copytree(FIXTURES / "bad", empty)
    assert main(["index", str(knowledge_copy)]) == 0
    capsys.readouterr()
    assert main(["index", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert "0 removed" in out and "previous index is left as it was" in err
    assert main(["index", str(knowledge_copy)]) == 0
    assert "(0 embedded, 0 removed" in capsys.readouterr().out


def test_metadata_filters_limit_search_to_a_document_set(hash_app: App, knowledge_copy):
    from bot.search.hybrid import Filter

    hash_app.indexer.run(knowledge_copy)
    hits = hash_app.retriever.search("rivejern blåbær", k=10, flt=Filter(kinds=("lokalaftale",)))
    assert hits and {h.unit.document for h in hits} == {"agreement.md"}


def test_every_module_that_reads_or_cuts_text_makes_documents_be_read_again():
    """A change in any of them must re-chunk the documents; one left out would keep stale units."""
    from bot.ingest.index import pipeline_modules

    modules = {m.rsplit('.', 1)[-1] for m in pipeline_modules()}
    assert {"readers", "markup", "docx_numbering", "docx_notes", "normalize", "chunk_agreement", "chunk_prose",
            "chunk_slides", "draft", "sentences", "bullets", "refs", "models", "index"} <= modules
    assert not {"embed", "store", "retrieve", "answer", "lexical", "da", "en"} & modules  # re-chunking costs a re-embed


@pytest.mark.parametrize("manifest, expected", [
    ("documents:\n  agreement.md: {kind: aftale}\n", "agreement.md has kind 'aftale'; use one of"),
    ("documents: [agreement.md\n", "not valid YAML"),
])
def test_a_bad_manifest_is_named_and_the_index_is_left_as_it_was(tmp_path, monkeypatch, knowledge_copy, capsys,
                                                                  manifest, expected):
    from bot.cli.main import main

    monkeypatch.setenv("MEDBOT_EMBEDDER", "hash")
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "d"))
    assert main(["index", str(knowledge_copy)]) == 0
    capsys.readouterr()
    (knowledge_copy / "manifest.yaml").write_text(manifest, encoding="utf-8")
    assert main(["index", str(knowledge_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"medbot: {knowledge_copy / 'manifest.yaml'}: ") and expected in err
    assert "Traceback" not in err
    monkeypatch.setenv("MEDBOT_KNOWLEDGE", str(knowledge_copy))
    assert main(["search", "rivejern"]) == 0 and "rivejern" in capsys.readouterr().out.lower()  # still searchable
