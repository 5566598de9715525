"""The e5 encoder in plain torch: BERT layers, mean pooling, unit length. It computes what
sentence-transformers computes for the folder e5_weights.py builds (tested to 1e-5), without
importing transformers and sentence-transformers, which took 6 of the 9 s of a cold start and
a few hundred MB of a serving process. One text (a question) goes through bert_numpy.py instead,
so torch is imported only to encode batches (indexing)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.search import bert_numpy


class BertEncoder:
    def __init__(self, folder: Path, max_tokens: int = 512):
        from bot.search.pieces import Pieces

        config = json.loads((folder / "config.json").read_text())
        self.heads, self.layers = config["num_attention_heads"], config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        mapped = _mapped(folder / "model.safetensors")
        # the vocabulary's 250,037 rows (384 MB) stay on disk, mapped: a question reads a few dozen
        self.words = mapped.pop("embeddings.word_embeddings.weight")
        self.arrays = {name: np.array(array) for name, array in mapped.items()}
        self._tensors = None  # the same weights as torch tensors (sharing memory), at the first batch
        # the folder's tokenizer on SentencePiece (pieces.py: 33 MB and 0.5 s, where `tokenizers`
        # took 281 MB and 0.75 s), not truncating: counting needs the whole length; encoding cuts
        self.tokenizer = Pieces(folder)
        self.max_tokens = max_tokens
        self.pad = config.get("pad_token_id", 0)

    def count_tokens(self, text: str) -> int:
        """Tokens of the text, specials included, before any truncation."""
        return len(self.tokenizer.encode(text))

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Unit vectors, in the order of texts; batches of similar length, as sentence-transformers does."""
        if len(texts) == 1:  # a question: numpy, no torch
            x = self._embedded(np.array(self._cut(self.tokenizer.encode(texts[0]))))
            return bert_numpy.encode(self.arrays, x, self.heads, self.layers, self.eps)[None, :]
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.words.shape[1]), np.float32)
        with self.torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start:start + batch_size]
                out[chunk] = self._batch([texts[i] for i in chunk]).numpy()
        return out

    @property
    def torch(self):
        import torch

        return torch

    @property
    def w(self) -> dict:
        if self._tensors is None:
            self._tensors = {name: self.torch.from_numpy(array) for name, array in self.arrays.items()}
        return self._tensors

    def _batch(self, texts: list[str]):
        torch, w = self.torch, self.w
        rows = [self._cut(ids) for ids in self.tokenizer.encode_batch(texts)]
        width = max(len(r) for r in rows)
        ids = torch.full((len(texts), width), self.pad, dtype=torch.long)
        mask = torch.zeros((len(texts), width), dtype=torch.bool)
        for row, r in enumerate(rows):
            ids[row, : len(r)] = torch.tensor(r)
            mask[row, : len(r)] = True
        x = self._norm(torch.from_numpy(self._embedded(ids.numpy())), "embeddings.LayerNorm")
        attend = mask[:, None, None, :]  # every query looks at the real tokens only
        for n in range(self.layers):
            x = self._layer(x, attend, f"encoder.layer.{n}.")
        summed = (x * mask[..., None]).sum(1)
        mean = summed / mask.sum(1, keepdim=True).clamp(min=1)
        return torch.nn.functional.normalize(mean, dim=-1)

    def _embedded(self, ids: np.ndarray) -> np.ndarray:
        """The input embeddings of token ids (one text's, or a padded batch's): word, place, type."""
        return (self.words[ids] + self.arrays["embeddings.position_embeddings.weight"][: ids.shape[-1]]
                + self.arrays["embeddings.token_type_embeddings.weight"][0])

    def _cut(self, ids: list[int]) -> list[int]:
        """As sentence-transformers truncates: the text cut, its closing special token kept."""
        return ids if len(ids) <= self.max_tokens else ids[: self.max_tokens - 1] + ids[-1:]

    def _layer(self, x, attend, p: str):
        torch, F = self.torch, self.torch.nn.functional
        b, t, d = x.shape
        h = self.heads

        def split(name):
            return self._linear(x, p + f"attention.self.{name}").view(b, t, h, d // h).transpose(1, 2)

        context = F.scaled_dot_product_attention(split("query"), split("key"), split("value"), attn_mask=attend)
        context = context.transpose(1, 2).reshape(b, t, d)
        x = self._norm(self._linear(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inner = F.gelu(self._linear(x, p + "intermediate.dense"))
        return self._norm(self._linear(inner, p + "output.dense") + x, p + "output.LayerNorm")

    def _linear(self, x, name: str):
        return self.torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _norm(self, x, name: str):
        return self.torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[name + ".weight"], self.w[name + ".bias"], self.eps)



def _mapped(path: Path) -> dict[str, np.ndarray]:
    """A safetensors file's float32 tensors as arrays mapped from the file (its format: an 8-byte
    header length, a JSON header of names, shapes and offsets, then the raw data)."""
    with path.open("rb") as fh:
        length = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(length))
    header.pop("__metadata__", None)
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    arrays = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {info['dtype']}, expected F32")
        start, end = info["data_offsets"]
        arrays[name] = data[start:end].view(np.float32).reshape(info["shape"])
    return arrays
