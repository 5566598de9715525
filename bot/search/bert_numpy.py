"""A question through the e5 encoder in numpy: the same arithmetic as bert.py's torch batches
(tested to 1e-6), so a serving process never imports torch (1.8 s and ~220 MB of a cold start).
One short text at a time is as fast in numpy as in torch; batches of passages, when indexing, are
about three times faster in torch and stay there."""
from __future__ import annotations

import numpy as np

_HALF_ROOT = np.float32(0.7071067811865476)
# erfc's rational approximation (Numerical Recipes' erfcc): fractional error under 1.2e-7
_ERFC = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
         -0.82215223, 0.17087277)


def encode(w: dict[str, np.ndarray], x: np.ndarray, heads: int, layers: int, eps: float) -> np.ndarray:
    """x: one text's input embeddings (tokens × width), unpadded; its unit-length mean vector."""
    x = _norm(x, w, "embeddings.LayerNorm", eps)
    for n in range(layers):
        x = _layer(x, w, f"encoder.layer.{n}.", heads, eps)
    mean = x.mean(0)
    return mean / np.linalg.norm(mean)


def _layer(x: np.ndarray, w, p: str, heads: int, eps: float) -> np.ndarray:
    t, d = x.shape
    q, k, v = (_linear(x, w, p + f"attention.self.{n}").reshape(t, heads, d // heads).transpose(1, 0, 2)
               for n in ("query", "key", "value"))
    scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(d // heads))
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    context = ((scores / scores.sum(-1, keepdims=True)) @ v).transpose(1, 0, 2).reshape(t, d)
    x = _norm(_linear(context, w, p + "attention.output.dense") + x, w, p + "attention.output.LayerNorm", eps)
    inner = _linear(x, w, p + "intermediate.dense")
    inner = 0.5 * inner * (1.0 + _erf(inner * _HALF_ROOT))  # GELU, exact (erf), as torch's default
    return _norm(_linear(inner, w, p + "output.dense") + x, w, p + "output.LayerNorm", eps)


def _linear(x, w, name: str):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def _norm(x, w, name: str, eps: float):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w[name + ".weight"] + w[name + ".bias"]


def _erf(x: np.ndarray) -> np.ndarray:
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = np.zeros_like(t)
    for c in reversed(_ERFC[1:]):
        poly = t * (c + poly)
    erfc = t * np.exp(-z * z + _ERFC[0] + poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0).astype(np.float32)
