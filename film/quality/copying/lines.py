"""Whole lines that are not the story's own.

An example's sentence said again, a guideline sentence pasted whole, the idea recited,
the worked example's own object.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence

from film.language import CJK_RUN
from film.quality.copying.phrases import FENCED, QUOTED
from film.quality.text import CLAUSE, CLAUSE_BREAK, cjk_count, content_words, sentences

#: Content words a note shares with one quoted example clause, in any order, to echo it.
ECHO_WORDS = 3


@functools.lru_cache(maxsize=16)
def _quoted_clauses(guidelines: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The content words of each quoted or fenced example clause of four words or more."""
    quoted = [
        part
        for guideline in guidelines
        for part in [
            *FENCED.findall(guideline),
            *("".join(groups) for groups in QUOTED.findall(FENCED.sub(" ", guideline))),
        ]
    ]
    clauses = (content_words(clause) for part in quoted for clause in CLAUSE_BREAK.split(part))
    return tuple(frozenset(words) for words in clauses if len(words) >= ECHO_WORDS + 1)


#: A quoted example sentence of this many words (or twice as many Chinese characters) is a
#: line to copy, and a film's sentence this alike to it is its copy.
_LINE_WORDS, _LINE_LIKENESS = 4, 0.8


def _bare(sentence: str) -> str:
    """``sentence`` as its words alone, lower case: "I'll bring it back next week"."""
    return " ".join(re.findall(r"[a-z']+|[\u4e00-\u9fff]+", sentence.lower()))


@functools.lru_cache(maxsize=16)
def _example_sentences(guidelines: tuple[str, ...]) -> tuple[str, ...]:
    """The quoted examples' sentences long enough to be copied as a line, bare."""
    quoted = ["".join(groups) for guideline in guidelines for groups in QUOTED.findall(guideline)]
    bare = (_bare(sentence) for part in quoted for sentence in sentences(part))
    long = (b for b in bare if len(b.split()) >= _LINE_WORDS or cjk_count(b) >= 2 * _LINE_WORDS)
    return tuple(dict.fromkeys(long))


def copies_example_line(text: str, guidelines: Sequence[str]) -> bool:
    """Whether a sentence of ``text`` is a quoted example's, near word for word, or holds one.

    The bus driver said the scene example's "I'll bring it back next week." (2026-12-03);
    the scooter's rider would "bring the scooter back next week", and the guard's rain fell
    "雨点砸在雨棚上": the example with a word put in or left out.
    """
    examples = _example_sentences(tuple(guidelines))
    return any(
        _alike(bare, example)
        for sentence in sentences(text)
        if (bare := _bare(sentence))
        for example in examples
    )


def _alike(bare: str, example: str) -> bool:
    """Whether ``bare`` is ``example``, holds it, or is it shortened.

    Shared runs count from 4 letters or 2 Chinese characters, so scattered letters do not.
    """
    matcher = difflib.SequenceMatcher(None, bare, example, autojunk=False)
    if matcher.ratio() >= _LINE_LIKENESS:
        return True
    least = 2 if cjk_count(bare) else 4
    shared = sum(b.size for b in matcher.get_matching_blocks() if b.size >= least)
    shortened = len(bare) >= (7 if cjk_count(bare) else 20) and shared >= 0.9 * len(bare)
    return shared >= _LINE_LIKENESS * len(example) or shortened


def echoes_example(text: str, guidelines: Sequence[str], idea: str = "") -> bool:
    """Whether a clause of ``text`` takes :data:`ECHO_WORDS` words of one quoted example.

    The runs of :class:`GuidelinePhrases` must follow in order; the 1.5B model also copies
    with a word put in between: "A rainy season with dark neon lights on wet glass, tight
    framing." (the scooter, 2026-12-03) is the worked example's "Cold neon on wet glass".
    Only quoted examples count: the guides' prose shares everyday palette words with any
    note. Words of the user's own idea are the user's.
    """
    examples = _quoted_clauses(tuple(guidelines))
    own = set(content_words(idea))
    for clause in CLAUSE_BREAK.split(text):
        words = set(content_words(clause)) - own
        if len(words) >= ECHO_WORDS and any(len(words & ex) >= ECHO_WORDS for ex in examples):
            return True
    return False


#: A line that shares this long a run with the idea recites it: 8 Chinese characters, 6
#: words. Recorded (毕业的约定, 2026-12-01): "我等你毕业那天，把真心话写在最后一张纸上。" and
#: its echo "我也一样，我们等你毕业那天，把真心话写在最后一张纸上。" for the idea's
#: "直到毕业那天才把真心话写在最后一张纸条上".
RECITED_CJK = 8
RECITED_WORDS = 6


def recites_idea(text: str, idea: str) -> bool:
    """Whether a spoken ``text`` says the user's idea back, word for word, as a line.

    The idea is what the film shows; a character who speaks its sentence is reading the
    brief aloud, which no viewer believes.
    """
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - RECITED_CJK + 1):
            if run[i : i + RECITED_CJK] in idea:
                return True
    words = re.findall(r"[a-z']+", text.lower())
    said = " " + " ".join(re.findall(r"[a-z']+", idea.lower())) + " "
    return any(
        f" {' '.join(words[i : i + RECITED_WORDS])} " in said
        for i in range(len(words) - RECITED_WORDS + 1)
    )


def letters(text: str) -> str:
    """``text`` lower-cased without spaces or punctuation: what two copies share."""
    return re.sub(r"[\W_]+", "", text.lower())


def likeness(first: str, second: str) -> float:
    """How alike two texts are as letters alone (0 to 1): one text said again, restyled.

    The one measure the pitches (two genres' alike), the logline (the idea pasted) and a
    beat written anew (the whole idea again) are held to, each at its own bound.
    """
    return difflib.SequenceMatcher(None, letters(first), letters(second)).ratio()


#: The shortest run of letters (or Chinese characters) taken from the idea that counts.
_IDEA_RUN = 4


def idea_share(text: str, idea: str) -> float:
    """How much of ``text`` (in letters) is runs of four or more taken from ``idea``.

    A pitch or a cover title made mostly of such runs is the idea pasted, restyled at most.
    """
    plain = letters(text)
    if not plain:
        return 0.0
    matcher = difflib.SequenceMatcher(None, letters(idea), plain, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks() if b.size >= _IDEA_RUN) / len(plain)


def without_thing(text: str, thing: re.Pattern[str], story: str) -> str:
    """``text`` without the clauses that bring in ``thing``, unless the ``story`` has it.

    Recorded (小区保安大爷抓橘猫, 2026-12-01): the outline's guard stood at the gate
    "手里还握着一个红色雨伞", the worked example's red umbrella. The clause that borrows it
    goes, the rest of the sentence stands; "" when every clause of ``text`` has it.
    """
    found = thing.search(text)
    if found is None:
        return text
    said = found.group(0).casefold()
    if (said.split()[-1] if said.isascii() else said[-1]) in story.casefold():
        return text  # the story's own umbrella (伞, "umbrella"), whatever its colour
    kept: list[str] = []
    for sentence in re.findall(r"[^。.!！?？]+[。.!！?？]*\s*", text):
        body = sentence.rstrip()
        end = body[len(body.rstrip("。.!！?？")) :]
        every = CLAUSE.findall(body.rstrip("。.!！?？"))
        clauses = [c for c in every if not thing.search(c)]
        # The first clause holds the subject: "小明接过红雨伞后，走到…" goes whole (12-03).
        if not clauses or (every and thing.search(every[0])):
            continue
        joined = "".join(clauses).rstrip().rstrip("，,；;")
        kept.append(joined + (end or ("。" if CJK_RUN.search(joined) else ".")))
    return ("" if CJK_RUN.search(text) else " ").join(kept).strip()


#: A sentence that shares this much with one guideline sentence, in order, was lifted from
#: it: at least :data:`LIFTED_WORDS` content words (:data:`LIFTED_CJK` Chinese characters)
#: and :data:`LIFTED_SHARE` of its own.
LIFTED_WORDS = 5
LIFTED_CJK = 12
LIFTED_SHARE = 0.6
_GUIDE_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n\s*\n")


@functools.lru_cache(maxsize=16)
def _guide_sentences(guidelines: tuple[str, ...]) -> tuple[tuple[list[str], str], ...]:
    """Each guideline sentence as (its content words, its Chinese characters)."""
    return tuple(
        (content_words(s), "".join(CJK_RUN.findall(s)))
        for guideline in guidelines
        for s in _GUIDE_SENTENCE.split(guideline)
        if s.strip()
    )


def lifted(sentence: str, guidelines: Sequence[str]) -> bool:
    """Whether ``sentence`` is a guideline sentence pasted whole, or nearly so.

    Recorded (craft bench, en-romance-null-genre, 2026-12-02): three visual notes were the
    youth-romance guide's palette, "Soft, warm, slightly overexposed daylight; golden hour;
    pastel school colours; …", word for word. The palette is a menu of short clauses, which
    the phrase index leaves out on purpose (a film may pick one); the whole menu is a copy.
    """
    words, cjk = content_words(sentence), "".join(CJK_RUN.findall(sentence))
    for guide_words, guide_cjk in _guide_sentences(tuple(guidelines)):
        if len(words) >= LIFTED_WORDS:
            shared = _in_order(words, guide_words)
            if shared >= LIFTED_WORDS and shared >= LIFTED_SHARE * len(words):
                return True
        if len(cjk) >= LIFTED_CJK:
            shared = _in_order(list(cjk), list(guide_cjk))
            if shared >= LIFTED_CJK and shared >= LIFTED_SHARE * len(cjk):
                return True
    return False


LIFTED_RUN = 3


def lifted_run(sentence: str, guidelines: Sequence[str], idea: str = "") -> bool:
    """Whether a short ``sentence`` is one run of a guideline sentence's words, side by side.

    Recorded (craft bench, the bus, 2026-12-04 20:50): "Static, patient framing suits." as
    a visual note, the family guide's advice cut off, too short for :func:`lifted`. Words
    the idea has too are the film's own ("cold neon on wet glass" for a neon sign maker).
    """
    words = content_words(sentence)
    size = len(words)
    if not LIFTED_RUN <= size < LIFTED_WORDS or set(words) <= set(content_words(idea)):
        return False
    return any(
        guide[i : i + size] == words
        for guide, _ in _guide_sentences(tuple(guidelines))
        for i in range(len(guide) - size + 1)
    )


def _in_order(first: list[str], second: list[str]) -> int:
    """How many items of ``first`` appear in ``second`` in the same order (matched runs)."""
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())
