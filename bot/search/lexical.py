"""Danish-aware BM25: Snowball stemming, stopwords (but not "med"), spelling variants and
compound splitting, so "informationspligten" meets "information" and "pligt"."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from bot.search.spelling import Speller

_WORD = re.compile(r"[0-9a-zæøåéü]+", re.I)
# An apostrophe inside a word is spelling, not a word break: "Trio’en" is "trioen", "KommuneMED’s"
# is "kommunemeds"; split there, the halves ("trio", "en") never meet the question's word
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’´`](?=\w)")
# "MED" is the domain's key word and "med" a Danish stopword; keep it
_KEEP = {"med", "over", "under", "mod", "ikke"}
# Spelling people use interchangeably: "retningslinie", "Aabenraa", "ideen" for "idéen"
_VARIANTS = [(re.compile(r"linie"), "linje"), (re.compile(r"^aa"), "å"), (re.compile(r"é"), "e")]
# "skal-retningslinjer" and "kan-retningslinjer" are two kinds of guideline, told apart only by
# a stopword: joined by a hyphen, the stopword and the next word are also kept as one term
_HYPHENED = re.compile(r"([a-zæøå]+)-([0-9a-zæøå]+)")
_LINKS = ("", "s", "e")  # Danish compound joints: informations|pligt, arbejds|miljø
_MIN_PART = 4


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("danish")


# Snowball's Danish stemmer leaves a verb and its noun apart ("fortolke" fortolk, "fortolkning"
# fortolkning; "informere" inform, "information" information); these endings of a stem are cut
# so both meet, when at least _MIN_PART letters are left ("mening", "ting" stay whole)
_NOUN_ENDINGS = ("ering", "ation", "ning", "ing")
# and where it cuts a verb short or an irregular form stands alone: "opsige" ops, "opsigelse"
# opsig; "brud", "brudt", "bryde"; "aftalt" and "aftale"; "vælge" vælg, "valgt" and "valg" valg
_SAME_STEM = {"ops": "opsig", "opsag": "opsig", "brudt": "brud", "bryd": "brud", "aftalt": "aftal", "valg": "vælg"}


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Danish Snowball stem, with a verb and its noun brought together, and a noun in -el
    with its forms that drop the e ("varsel" varsel, "varslet" varsl; "regel", "regler")."""
    term = _stemmer().stemWord(word)
    term = _SAME_STEM.get(term, term)
    if term.endswith("el") and len(term) >= 5 and term[-3] not in "aeiouyæøå":
        term = term[:-2] + "l"
    for ending in _NOUN_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= _MIN_PART:
            return term[: -len(ending)]
    return term


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DANISH

    return frozenset(STOPWORDS_DANISH) - _KEEP


@lru_cache(maxsize=1)
def _english_stopwords() -> frozenset[str]:
    """For questions asked in English; "to" (two), "by" (town) and "her" (here) are Danish words."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) - {"to", "by", "her"} - _KEEP


def words(text: str) -> list[str]:
    text = _INNER_APOSTROPHE.sub("", text.lower())
    joined = [first + rest for first, rest in _HYPHENED.findall(text) if first in _stopwords()]
    out = []
    for w in _WORD.findall(text) + joined:
        for pattern, repl in _VARIANTS:
            w = pattern.sub(repl, w)
        if w not in _stopwords():
            out.append(w)
    return out


class Decompounder:
    """Splits long words into two parts that the corpus knows as words of their own, the last part
    also when the corpus has it in another form of the same stem."""

    def __init__(self, vocabulary: set[str]):
        self.vocabulary = {w for w in vocabulary if len(w) >= _MIN_PART}
        self.stems = {stem(w) for w in self.vocabulary}
        self.parts = lru_cache(maxsize=50_000)(self._parts)  # per instance, as Speller.correct

    def _parts(self, word: str) -> tuple[str, ...]:
        if len(word) < 2 * _MIN_PART + 1:
            return ()
        # the last part as the corpus writes it, else by its stem: "opsigelses|varslet" where the
        # corpus has "varsel"
        return self._split(word, self._known) or self._split(word, self._known_stem)

    def _split(self, word: str, known_tail) -> tuple[str, ...]:
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if not known_tail(tail):
                continue
            for link in _LINKS:
                if head.endswith(link) and self._known(head[: len(head) - len(link)] if link else head):
                    return (head[: len(head) - len(link)] if link else head, tail)
        return ()

    def _known_stem(self, part: str) -> bool:
        return len(stem(part)) >= _MIN_PART and stem(part) in self.stems

    def _known(self, part: str) -> bool:
        return len(part) >= _MIN_PART and part in self.vocabulary


class LexicalIndex:
    def __init__(self, texts: list[str]):
        import bm25s

        tokenised = [words(t) for t in texts]
        self.decompounder = Decompounder({w for toks in tokenised for w in toks})
        self.speller = Speller(Counter(w for toks in tokenised for w in set(toks)))
        self.bm25 = bm25s.BM25()
        self.size = len(texts)
        corpus = [self.terms(toks) for toks in tokenised]
        self.document_frequency: dict[str, int] = {}
        for terms in corpus:
            for term in set(terms):
                self.document_frequency[term] = self.document_frequency.get(term, 0) + 1
        if texts:
            self.bm25.index(corpus, show_progress=False)

    def terms(self, tokens: list[str]) -> list[str]:
        out = []
        for w in tokens:
            out.append(stem(w))
            out.extend(stem(p) for p in self.decompounder.parts(w))
        return out or ["\x00"]

    def spelt(self, tokens: list[str]) -> list[str]:
        """Each word the documents do not know, by stem or as a compound, spelt as their nearest
        word (spelling.Speller)."""
        return [
            w if stem(w) in self.bm25.vocab_dict or self.decompounder.parts(w) else self.speller.correct(w)
            for w in tokens
        ]

    def idf(self, term: str) -> float:
        """Rare terms carry the question's topic; unseen terms count as rarest."""
        return float(np.log((self.size + 1) / (self.document_frequency.get(term, 0) + 0.5)))

    def coverage(self, question: str, text: str) -> float:
        """IDF-weighted share of the question's terms that the text contains."""
        asked = [w for w in words(question) if w not in _english_stopwords()]
        wanted = set(self.terms(asked)) - {"\x00"}
        if not wanted:
            return 0.0
        present = set(self.terms(words(text)))
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in wanted if t in present) / total if total else 0.0

    def only_repeats(self, question: str, text: str) -> bool:
        """Whether every term of the text is one of the question's: it says nothing the question
        did not ("Hvad er forskellen på medindflydelse og medbestemmelse?" / a course goal's
        "• forskellen på medindflydelse og medbestemmelse.")."""
        said = set(self.terms(words(text))) - {"\x00"}
        return bool(said) and said <= set(self.terms(words(question)))

    def scores(self, query: str) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        terms = [t for t in self.terms(self.spelt(words(query))) if t in self.bm25.vocab_dict]
        if not terms:
            return np.zeros(self.size)
        return np.asarray(self.bm25.get_scores(terms), dtype=np.float32)
