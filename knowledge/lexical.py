"""Lexical scoring for mixed English/Chinese text: BM25 over words and CJK character bigrams.

all-MiniLM-L6-v2's vocabulary maps most Chinese characters to ``[UNK]``, so its vectors say
almost nothing about a Chinese question. Chinese has no spaces, and single characters are too
ambiguous, so CJK runs are indexed as overlapping character bigrams ("古风结尾" → 古风, 风结,
结尾), the usual approach for Chinese BM25. English words are lower-cased, lightly stemmed
and stripped of stop words. The guideline documents carry the Chinese terms for what they
discuss, which is what a Chinese question matches here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from film.language import CJK_RUN

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are as at be been but by can do does for from has have how i if in into is it "
    "its me my of on or our should so that the their them then there these they this to was "
    "what when where which who why will with you your we us make makes made good".split()
)
# Question words, and the form's own name: every guideline is about micro films, so "微电影"
# says nothing about which one answers a question, yet it is rare in the mostly-English text
# and would get a high IDF.
_CJK_STOP = frozenset(
    {
        "什么",
        "怎么",
        "如何",
        "一个",
        "应该",
        "可以",
        "我们",
        "我的",
        "哪些",
        "是否",
        "微电",
        "电影",
        "短片",
        "影片",
        "片子",
    }
)


def _stem(word: str) -> str:
    """A deliberately light stemmer: "endings", "ending" and "end" meet; "-ss" words stay."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    return word


def tokenize(text: str) -> list[str]:
    """Terms of ``text``: stemmed English words plus CJK bigrams (a lone character stays)."""
    lowered = text.lower()
    terms = [_stem(w) for w in _WORD.findall(CJK_RUN.sub(" ", lowered)) if w not in _STOP]
    for run in CJK_RUN.findall(lowered):
        if len(run) == 1:
            terms.append(run)
            continue
        terms.extend(b for b in (run[i : i + 2] for i in range(len(run) - 1)) if b not in _CJK_STOP)
    return terms


def cjk_share(text: str) -> float:
    """Fraction of the query's meaningful units that are Chinese characters (0..1)."""
    cjk = sum(len(run) for run in CJK_RUN.findall(text))
    words = len(_WORD.findall(CJK_RUN.sub(" ", text.lower())))
    total = cjk / 2 + words  # two characters carry about one English word
    return 0.0 if total == 0 else (cjk / 2) / total


class BM25:
    """Okapi BM25 over a fixed list of documents (the corpus is small: scored exhaustively)."""

    def __init__(self, documents: Sequence[str], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs = [Counter(tokenize(d)) for d in documents]
        self._lengths = [sum(c.values()) for c in self._docs]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        frequency: Counter[str] = Counter()
        for counts in self._docs:
            frequency.update(counts.keys())
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}

    def __len__(self) -> int:
        return len(self._docs)

    def scores(self, query: str, among: Sequence[int] | None = None) -> dict[int, float]:
        """BM25 score per document index (only ``among`` when given); zero scores omitted."""
        terms = [t for t in dict.fromkeys(tokenize(query)) if t in self._idf]
        if not terms:
            return {}
        indices = range(len(self._docs)) if among is None else among
        result: dict[int, float] = {}
        for index in indices:
            counts, length = self._docs[index], self._lengths[index]
            norm = self.k1 * (1 - self.b + self.b * length / (self._avg or 1.0))
            score = 0.0
            for term in terms:
                tf = counts.get(term, 0)
                if tf:
                    score += self._idf[term] * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                result[index] = score
        return result
