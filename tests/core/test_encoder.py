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
    encoder = BertEncoder(folder)
    for text in texts:
        assert encoder.count_tokens(text) == len(reference.tokenizer(text)["input_ids"])
    assert encoder.count_tokens(texts[3]) > 512
