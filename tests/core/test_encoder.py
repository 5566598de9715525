"""Our plain-torch e5 encoder gives the vectors sentence-transformers gives for the same folder, so
an index built by either is served by the other; and it counts tokens the same way (the chunker
cuts passages too long for the model by that count)."""
import numpy as np
from conftest import ROOT

from bot.search.bert import BertEncoder
from bot.search.embed import default_model_folder


def test_same_vectors_and_token_counts_as_sentence_transformers(e5_app):
    from sentence_transformers import SentenceTransformer

    folder = default_model_folder(e5_app.settings.cache_dir)
    report = (ROOT / "knowledge" / "rapport-fokus-paa-den-danske-model-2017.txt").read_text(encoding="utf-8")
    texts = ["query: Er der tavshedspligt i MED-udvalget?", "query: What does the agreement say about voting?",
             "passage: § 8, stk. 3. Udvalget mødes mindst 4 gange om året.", "passage: " + report[:9000],  # over 512 tokens
             "passage: ×", "query: æøå ÆØÅ – “citat” … 010190-1234"]
    ours = BertEncoder(folder).encode(texts, batch_size=4)
    reference = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    theirs = reference.encode(texts, batch_size=4, normalize_embeddings=True, convert_to_numpy=True)
    assert np.abs(ours - theirs).max() < 1e-5
    one_at_a_time = np.vstack([BertEncoder(folder).encode([text]) for text in texts])  # as questions are: numpy
    assert np.abs(one_at_a_time - theirs).max() < 1e-5
    encoder = BertEncoder(folder)
    for text in texts:
        assert encoder.count_tokens(text) == len(reference.tokenizer(text)["input_ids"])
    assert encoder.count_tokens(texts[3]) > 512


def test_the_sentencepiece_tokenizer_gives_the_ids_of_tokenizer_json(e5_app, tmp_path):
    """Every line of the seed documents, the gold questions and some awkward strings. The one kind
    of difference: a run of dots (a table of contents' leader) cut into the same pieces in another
    order, where two cuts score exactly alike."""
    import shutil
    from collections import Counter

    from tokenizers import Tokenizer

    from bot.search.pieces import MODEL_FILE, Pieces

    folder = default_model_folder(e5_app.settings.cache_dir)
    fresh = tmp_path / "e5"  # made from tokenizer.json here, not read from the cache
    fresh.mkdir()
    shutil.copy(folder / "tokenizer.json", fresh / "tokenizer.json")
    pieces = Pieces(fresh)
    assert (fresh / MODEL_FILE).exists()
    reference = Tokenizer.from_file(str(folder / "tokenizer.json"))
    texts = [line for path in sorted((ROOT / "knowledge").glob("*.txt")) + sorted((ROOT / "tests" / "gold").rglob("*.yaml"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    texts += ["", "  hej  med   dig ", "\tfaner\tog\r\nlinjer", "a\u00a0b\u2003c", "ﬁ ligatur ① ²", "\x01styretegn\x7f",
              "emoji 😀 ok", "日本語", "passage: § 8, stk. 3 – “citat” … 010190-1234", "query: æøå ÆØÅ"]
    ours, theirs = pieces.encode_batch(texts), [e.ids for e in reference.encode_batch(texts)]
    differ = [(t, a, b) for t, a, b in zip(texts, ours, theirs) if a != b]
    assert len(texts) > 2000 and len(differ) <= len(texts) // 500
    assert all("....." in t and Counter(a) == Counter(b) for t, a, b in differ)


def test_answering_a_question_never_imports_torch(e5_app):
    """torch is for indexing batches; a serving process answers without it (bert_numpy.py)."""
    import subprocess
    import sys

    settings = e5_app.settings
    script = f"""
import dataclasses, pathlib, sys
from bot.settings import Settings
from bot.wiring import App
paths = dict(knowledge_dir={str(settings.knowledge_dir)!r}, data_dir={str(settings.data_dir)!r}, cache_dir={str(settings.cache_dir)!r})
app = App(dataclasses.replace(Settings.from_env(), **{{k: pathlib.Path(v) for k, v in paths.items()}}))
answer = app.answerer.answer("Er der tavshedspligt i MED-udvalget?")
print(answer.found, "torch" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.stdout.split() == ["True", "False"], done.stderr[-2000:]
