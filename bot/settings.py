"""One typed settings object, read from the environment (secrets only from there)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EMBEDDERS = ("e5", "hash")  # "hash": a fast stand-in for plumbing tests
DEFAULT_HANDOVER = (
    "Spørg HR-konsulenten for dit område, din tillidsrepræsentant (TR) eller "
    "sekretæren for jeres MED-udvalg."
)
DEFAULT_HANDOVER_EN = (
    "Ask the HR consultant for your area, your union representative (TR) or the secretary of your MED committee."
)


class SettingsError(ValueError):
    """A MEDBOT_* variable the program cannot use; the message names it and what it expects."""


def _number(env, name: str, default: float | None, meaning: str, low: float, high: float = float("inf")) -> float | None:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # also false for nan
        bound = f"from {low:g} to {high:g}" if high != float("inf") else f"of at least {low:g}"
        raise SettingsError(f"{name} must be {meaning}, a number {bound}; it is {raw!r}")
    return value


def _url(env, name: str, schemes: tuple[str, ...], meaning: str) -> str:
    from urllib.parse import urlsplit

    raw = env.get(name, "").strip()
    if not raw:
        return ""
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in schemes or not (parts.hostname or parts.scheme == "sqlite"):
        shown = raw.split("@")[-1] if "@" in raw else raw  # never a password in a message
        raise SettingsError(f"{name} must be {meaning}; it is {shown!r}")
    return raw


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    data_dir: Path
    cache_dir: Path
    embedder: str = "e5"  # one of EMBEDDERS
    model_path: Path | None = None  # any local sentence-transformers folder
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 20.0
    handover: str = DEFAULT_HANDOVER
    handover_en: str = DEFAULT_HANDOVER_EN  # to an English question
    min_confidence: float | None = None  # None: the calibrated default
    channels_file: Path | None = None  # None: channels.yaml in the knowledge folder
    retention_days: float = 30.0  # how long questions, answers and who voted are kept
    max_file_mb: float = 50.0  # a bigger file in the knowledge folder is reported and skipped
    chroma_url: str = ""  # a Chroma server (http://host:port); empty: the embedded index in data_dir
    database_url: str = ""  # e.g. postgresql://user@host:5432/medbot; empty: a SQLite file in data_dir
    rate_per_user: float = 10.0  # questions a minute one person may ask
    rate_per_channel: float = 30.0  # questions a minute one channel or chat may ask
    pseudonym_key: str = ""  # the audit log's key for user pseudonyms; empty: a key file in data_dir

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Settings":
        env = os.environ if env is None else env
        home = Path(env.get("HOME", "~")).expanduser()
        model = env.get("MEDBOT_MODEL_PATH", "")
        if model and not (Path(model) / "config.json").is_file():
            # sentence-transformers would read anything else as a model to download from the hub
            raise SettingsError(f"MEDBOT_MODEL_PATH must be a local sentence-transformers model folder "
                                f"(with its config.json); {model!r} is not")
        embedder = env.get("MEDBOT_EMBEDDER", cls.embedder)
        if embedder not in EMBEDDERS:
            raise SettingsError(f"MEDBOT_EMBEDDER must be one of {', '.join(EMBEDDERS)}; it is {embedder!r}")
        return cls(
            knowledge_dir=Path(env.get("MEDBOT_KNOWLEDGE", "knowledge")),
            data_dir=Path(env.get("MEDBOT_DATA", ".medbot")),
            cache_dir=Path(env.get("MEDBOT_CACHE", home / ".cache" / "medbot")),
            embedder=embedder,
            model_path=Path(model) if model else None,
            llm_base_url=env.get("MEDBOT_LLM_BASE_URL", ""),
            llm_model=env.get("MEDBOT_LLM_MODEL", ""),
            llm_api_key=env.get("MEDBOT_LLM_API_KEY", "") or env.get("OPENAI_API_KEY", ""),
            llm_timeout=_number(env, "MEDBOT_LLM_TIMEOUT", cls.llm_timeout, "seconds to wait for the language model", 0.1),
            handover=env.get("MEDBOT_HANDOVER", DEFAULT_HANDOVER),
            # an organisation's own contact line in Danish beats a generic one in English
            handover_en=env.get("MEDBOT_HANDOVER_EN") or env.get("MEDBOT_HANDOVER") or DEFAULT_HANDOVER_EN,
            min_confidence=_number(env, "MEDBOT_MIN_CONFIDENCE", None, "the confidence needed to answer", 0, 1),
            channels_file=Path(env["MEDBOT_CHANNELS"]) if env.get("MEDBOT_CHANNELS") else None,
            retention_days=_number(env, "MEDBOT_RETENTION_DAYS", cls.retention_days, "days to keep questions and answers", 0),
            chroma_url=_url(env, "MEDBOT_CHROMA_URL", ("http", "https"), "a Chroma server, e.g. http://127.0.0.1:8000"),
            database_url=_url(env, "MEDBOT_DATABASE_URL", ("postgresql", "postgres", "postgresql+psycopg", "sqlite"),
                              "a database, e.g. postgresql://medbot@127.0.0.1:5432/medbot"),
            pseudonym_key=env.get("MEDBOT_PSEUDONYM_KEY", ""),
            rate_per_user=_number(env, "MEDBOT_RATE_PER_USER", cls.rate_per_user, "questions a minute per person", 1),
            rate_per_channel=_number(env, "MEDBOT_RATE_PER_CHANNEL", cls.rate_per_channel, "questions a minute per channel", 1),
            max_file_mb=_number(env, "MEDBOT_MAX_FILE_MB", cls.max_file_mb, "the largest document to index in MB", 0.001),
        )

    @property
    def channels_path(self) -> Path:
        return self.channels_file or self.knowledge_dir / "channels.yaml"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
