"""The domain objects that flow from ingest to answer: units of text, search hits, answers."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from bot.params import CONFIDENCE_LEVELS

# the agreements' kinds and the names they are cited by ("Lokalaftalen § 8")
AGREEMENT_KINDS = {"rammeaftale": "MED-rammeaftalen", "lokalaftale": "Lokalaftalen"}
UNKNOWN_KIND = "dokument"  # a file without a manifest entry


@dataclass(frozen=True)
class Document:
    """One source file in knowledge/, described by the manifest (or by its file name)."""

    file: str
    title: str
    kind: str
    issuer: str = ""
    date: str = ""
    url: str = ""
    doc_set: str = "default"


@dataclass(frozen=True)
class Unit:
    """A citable piece of a document: a §/stk./nr., a slide, or a paragraph under a heading."""

    document: str
    title: str
    kind: str
    section: str
    text: str
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    position: int = 0
    refs: tuple[str, ...] = ()
    doc_set: str = "default"
    occurrence: int = 0  # how many units before it in the document have the same section and text
    url: str = ""  # where the document can be read (the manifest's url): what a citation links to

    @property
    def id(self) -> str:
        """Content hash: the same text under the same section keeps its id across re-indexing, also
        when units before it come or go (its position is metadata, updated without embedding)."""
        key = "\x1f".join([self.document, self.heading, str(self.occurrence), self.text])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    @property
    def heading(self) -> str:
        """Its section label and, for a § or bilag, the titles above it ("§ 20. Uenighed om
        fortolkning" over "§ 20"): a § is cited by number but asked about by what its title says,
        which its text need not repeat ("Uenighed behandles i Samarbejdsnævnet."). Elsewhere the
        label is the heading itself. Part of the id, so a changed title is embedded again."""
        if self.section.startswith(("§", "Bilag")) and self.heading_path:
            return "\n".join([*self.heading_path, self.section])
        return self.section

    def with_heading(self) -> str:
        """Its heading, then what it says: what the embedder sees and what question-term coverage
        is measured on. The document title is left out: repeated on every unit it drowns the
        differences (measured on the gold set)."""
        return f"{self.heading}\n{self.text}"

    def to_metadata(self) -> dict:
        meta = asdict(self)
        meta.pop("text")
        meta["heading_path"] = "\x1f".join(self.heading_path)
        meta["refs"] = "\x1f".join(self.refs)
        meta["page"] = self.page if self.page is not None else -1
        return meta

    @classmethod
    def from_metadata(cls, text: str, meta: dict) -> "Unit":
        values = dict(meta)
        values["heading_path"] = tuple(p for p in str(values.get("heading_path", "")).split("\x1f") if p)
        values["refs"] = tuple(r for r in str(values.get("refs", "")).split("\x1f") if r)
        values["page"] = None if values.get("page", -1) in (-1, None) else int(values["page"])
        known = {f for f in cls.__dataclass_fields__}
        return cls(text=text, **{k: v for k, v in values.items() if k in known})


@dataclass(frozen=True)
class Hit:
    unit: Unit
    score: float
    dense: float = 0.0  # cosine similarity to the question, when known
    lexical: float = 0.0  # BM25 score, when known
    named: bool = False  # the question names this unit's section ("§ 7, stk. 3"): looked up, not matched

    def to_json(self) -> dict:
        u = self.unit
        return {
            "id": u.id, "text": u.text, "document": u.document, "title": u.title,
            "kind": u.kind, "section": u.section, "page": u.page,
            "heading_path": list(u.heading_path), "refs": list(u.refs), "score": round(self.score, 6),
            "named": self.named,
        }


@dataclass(frozen=True)
class Citation:
    n: int
    document: str
    title: str
    section: str
    page: int | None
    quote: str
    text: str
    score: float
    url: str = ""  # the document's, when the manifest gives one

    @classmethod
    def of(cls, n: int, hit: Hit, quote: str) -> "Citation":
        u = hit.unit
        return cls(n, u.document, u.title, u.section, u.page, quote, u.text, round(hit.score, 4), u.url)


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    confidence: float
    mode: str
    citations: list[Citation] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict:
        return {
            "question": self.question, "answer": self.answer, "found": self.found,
            "confidence": round(self.confidence, 3), "mode": self.mode,
            "citations": [asdict(c) for c in self.citations],
        }


def confidence_level(confidence: float) -> str:
    """The word a user is shown for a confidence: "høj", "middel" or "lav" (params.CONFIDENCE_LEVELS)."""
    return next(word for floor, word in CONFIDENCE_LEVELS if confidence >= floor)
