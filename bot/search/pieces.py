"""The e5 tokenizer on SentencePiece: the same ids as the folder's tokenizer.json (a Unigram model
behind a normaliser and a Metaspace splitter), in a fraction of the memory and load time. The
`tokenizers` library held 281 MB and took 0.75 s to load its 250,002 pieces; SentencePiece holds
them in a compact trie. The normaliser and the splitter are done here, as tokenizer.json says;
SentencePiece only finds the pieces of each word. Tested id for id against `tokenizers`."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

MODEL_FILE = "e5-pieces-v1.model"  # beside tokenizer.json, made once from it …
STEPS_FILE = "e5-pieces-v1-normalizer.json"  # … with its normaliser steps
SPACE = "▁"


class Pieces:
    def __init__(self, folder: Path):
        import sentencepiece

        model, normalizers = _made(folder)
        self.steps = _steps(normalizers)
        self.sp = sentencepiece.SentencePieceProcessor(model_proto=model)
        self.bos, self.eos = self.sp.bos_id(), self.sp.eos_id()

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """Each text's ids, <s> … </s> around them, untruncated."""
        words = [_words(self._normal(t)) for t in texts]
        flat = self.sp.encode([w for ws in words for w in ws]) if any(words) else []
        out, at = [], 0
        for ws in words:
            ids = [i for piece in flat[at:at + len(ws)] for i in piece]
            out.append([self.bos, *ids, self.eos])
            at += len(ws)
        return out

    def encode(self, text: str) -> list[int]:
        return self.encode_batch([text])[0]

    def _normal(self, text: str) -> str:
        for step in self.steps:
            text = step(text)
        return text


def _words(text: str) -> list[str]:
    """Metaspace, prepend "always", split: spaces become ▁, one leads, each word starts at one."""
    if not text:
        return []
    text = text.replace(" ", SPACE)
    if not text.startswith(SPACE):
        text = SPACE + text
    return re.findall(f"{SPACE}[^{SPACE}]*", text)


def _steps(normalizers: list[dict]):
    """tokenizer.json's normaliser sequence as Python steps (Replace by a pattern, NFKC)."""
    steps = []
    for n in normalizers:
        if n["type"] == "NFKC":
            steps.append(lambda t: unicodedata.normalize("NFKC", t))
        elif n["type"] == "Replace" and "Regex" in n["pattern"]:
            pattern = re.compile(re.sub(r"\\x\{([0-9a-fA-F]+)\}", lambda m: f"\\U{int(m.group(1), 16):08x}",
                                        n["pattern"]["Regex"]))
            steps.append(lambda t, p=pattern, c=n["content"]: p.sub(c, t))
        else:
            raise ValueError(f"tokenizer.json: normaliser {n['type']} is not supported here")
    return steps


def _made(folder: Path) -> tuple[bytes, list[dict]]:
    """The SentencePiece model and the normaliser steps: read when made before, else made from
    tokenizer.json and kept beside it (if the folder is writable; a read-only one makes them again
    at each start, a second or so)."""
    model_file, steps_file = folder / MODEL_FILE, folder / STEPS_FILE
    if model_file.exists() and steps_file.exists():
        return model_file.read_bytes(), json.loads(steps_file.read_text(encoding="utf-8"))
    model, steps = _from_tokenizer_json(json.loads((folder / "tokenizer.json").read_text(encoding="utf-8")))
    try:
        for path, data in ((model_file, model), (steps_file, json.dumps(steps).encode())):
            tmp = path.with_name(f".{path.name}.{os.getpid()}")  # atomic: replicas may start together
            tmp.write_bytes(data)
            tmp.replace(path)
    except OSError:
        pass
    return model, steps


def _from_tokenizer_json(spec: dict) -> tuple[bytes, list[dict]]:
    """A SentencePiece Unigram model with the same pieces, ids and scores, doing no normalising of
    its own, and tokenizer.json's normaliser steps."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    model, normal = spec["model"], spec["normalizer"]
    if model["type"] != "Unigram" or spec["pre_tokenizer"].get("type") != "Metaspace":
        raise ValueError("tokenizer.json: not a Unigram model behind a Metaspace splitter")
    steps = normal["normalizers"] if normal["type"] == "Sequence" else [normal]
    _steps(steps)  # refused here if a step is not supported
    proto = pb.ModelProto()
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    proto.trainer_spec.vocab_size = len(model["vocab"])
    piece = pb.ModelProto.SentencePiece
    control = {"<s>", "</s>", "<pad>"}
    ids = {}
    for n, (text, score) in enumerate(model["vocab"]):
        kind = piece.UNKNOWN if n == model["unk_id"] else piece.CONTROL if text in control else piece.NORMAL
        proto.pieces.add(piece=text, score=score, type=kind)
        ids[text] = n
    trainer = proto.trainer_spec
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = model["unk_id"], ids["<s>"], ids["</s>"], ids["<pad>"]
    proto.normalizer_spec.name = "identity"
    proto.normalizer_spec.add_dummy_prefix = False
    proto.normalizer_spec.remove_extra_whitespaces = False
    proto.normalizer_spec.escape_whitespaces = False
    return proto.SerializeToString(), steps
