"""No repeated lines, duplicated scenes or n-gram loops.

Small models under a length target pad by repeating themselves: the same action line in
three scenes, scene 4 a copy of scene 2, or one phrase looping inside a line. Short lines
("Mum!", "好。") and laughter ("哈哈哈哈") legitimately recur, so only lines of four or more
words (six or more Chinese characters) count as repeats, and a loop must be an n-gram of
more than one distinct word that comes back three times.

The visual note is left out of the comparisons: the drafting stage fills an empty one
with the beat summary on purpose, which is not the writer repeating itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from film.language import CJK
from film.quality.fields import VisibleText, scene_label
from film.quality.findings import Finding
from film.quality.text import cjk_count, cjk_terms, content_words, mirrored, normalise, shorten

_COMPARED = ("action", "line", "summary")
#: Two scenes sharing this much of their words (Jaccard) are one scene told twice.
DUPLICATE_SCENE_SIMILARITY = 0.8
#: The shortest text (normalised characters) an earlier one holds whole, words and clauses.
_HELD_WHOLE = 10
LOOP_REPEATS = 3
#: Two long lines whose words (Chinese: characters) match this closely are one line said
#: twice. The 1.5B model padded a scene with a line and its copy less one 的.
NEAR_REPEAT_RATIO = 0.9


def long_enough(text: str) -> bool:
    """Whether ``text`` is long enough that saying it twice is a repeat, not a habit."""
    return len(normalise(CJK.sub(" ", text)).split()) >= 4 or cjk_count(text) >= 6


def unit_spans(text: str) -> list[tuple[str, int]]:
    """Each unit of ``text`` (a lower-case word, or one Chinese character), with its start.

    The start lets a cut (:func:`film.quality.mend.cut_loop`) fall where the reader sees
    the words, and :func:`units_of` is these units alone, so the two never disagree.
    """
    spans: list[tuple[str, int]] = []
    for match in re.finditer(r"[\w\u3400-\u9fff]+", text.lower()):
        word, start = match.group(0), match.start()
        piece = ""
        for offset, char in enumerate(word):
            if CJK.match(char):
                if piece:
                    spans.append((piece, start + offset - len(piece)))
                    piece = ""
                spans.append((char, start + offset))
            else:
                piece += char
        if piece:
            spans.append((piece, start + len(word) - len(piece)))
    return spans


def units_of(text: str) -> list[str]:
    """Words, with every Chinese character a word of its own."""
    return [unit for unit, _ in unit_spans(text)]


def looping_phrase(text: str) -> str:
    """The n-gram (3 units) that comes back :data:`LOOP_REPEATS` times in ``text``, or ""."""
    units = units_of(text)
    grams = Counter(tuple(units[i : i + 3]) for i in range(len(units) - 2))
    for gram, count in grams.most_common():
        if count < LOOP_REPEATS:
            break
        if len(set(gram)) > 1:
            return " ".join(gram)
    return ""


def check_loops(fields: Iterable[VisibleText]) -> list[Finding]:
    """A phrase looping inside one field ("the bus the bus the bus...")."""
    findings: list[Finding] = []
    for field in fields:
        gram = looping_phrase(field.text)
        if gram:
            findings.append(
                Finding(
                    "repetition.loop",
                    field.path,
                    shorten(field.text),
                    f"{scene_label(field.path)}: the {field.kind} loops on {gram!r}. "
                    "Write it once, as one clear sentence.",
                )
            )
    return findings


class SeenLines:
    """Lines said so far, by kind, so a later line can be matched to an earlier one.

    A line repeats an earlier one when their normalised texts are equal, or when their
    words match by :data:`NEAR_REPEAT_RATIO` or more, "I" and "you" counted as one
    (:func:`film.quality.text.mirrored`: an echoed reply). The gate's check and the exact
    repair (:func:`film.quality.mend.drop_repeats`) share it, so they never disagree.
    """

    def __init__(self, ratio: float = NEAR_REPEAT_RATIO) -> None:
        self._lines: dict[str, list[tuple[str, list[str], str]]] = {}
        self._ratio = ratio

    def earlier(self, kind: str, text: str) -> str | None:
        """Where an earlier line of ``kind`` said ``text`` already (its tag), else None."""
        key, units = normalise(text), mirrored(units_of(text))
        for seen_key, seen_units, tag in self._lines.get(kind, []):
            if seen_key == key:
                return tag
            matcher = SequenceMatcher(None, seen_units, units, autojunk=False)
            if matcher.quick_ratio() >= self._ratio and matcher.ratio() >= self._ratio:
                return tag
        return None

    def add(self, kind: str, text: str, tag: str) -> None:
        """Remember ``text`` as said, tagged ``tag`` (a field path, or anything)."""
        self._lines.setdefault(kind, []).append((normalise(text), mirrored(units_of(text)), tag))


_CLAUSE_END = re.compile(r"(?<=[，,；;])\s*")
_CLAUSE_TRIM = "，,；;。.!！?？ "


def without_told_clauses(line: str, seen: SeenLines, names: Sequence[str] = ()) -> str:
    """``line`` without the clauses an earlier action line told ("" if nothing new is left).

    The 1.5B model carries one clause from scene to scene: "孙子突然听到外面有响动，急忙跑出
    去" closed three scenes of the dumplings film, each time inside a different line, so no
    whole line repeated. ``seen`` remembers clauses (kind "clause") across calls. When the
    line's first clause goes, the rest goes too unless it names who does it (``names``, a
    pronoun): "奶奶看着孙子满意的表情，脸上露出了笑容" left "脸上露出了笑容。" alone.
    """
    parts = [part for part in _CLAUSE_END.split(line.strip()) if part]
    kept = []
    dropped = False  # a short clause right after a dropped one was its tail ("急忙跑出去")
    for part in parts:
        body = part.strip(_CLAUSE_TRIM)
        if long_enough(body):
            dropped = seen.earlier("clause", body) is not None
        if not dropped:
            kept.append(part)
    for part in parts:
        if long_enough(part.strip(_CLAUSE_TRIM)):
            seen.add("clause", part.strip(_CLAUSE_TRIM), "clause")
    if len(kept) == len(parts):
        return line
    chinese = cjk_count(line) > 0
    if not kept or (chinese and not any(long_enough(p.strip(_CLAUSE_TRIM)) for p in kept)):
        return ""
    if kept[0] is not parts[0] and not _has_subject(kept[0], names, chinese):
        return ""  # what is left has lost its subject: "脸上露出了笑容。", "feeling the rhythm"
    text = ("" if chinese else " ").join(part.strip() for part in kept).rstrip(_CLAUSE_TRIM)
    return text + ("。" if chinese else ".")


_ZH_SUBJECTS = ("他们", "她们", "他", "她", "它", "我", "你", "大家")


def _has_subject(clause: str, names: Sequence[str], chinese: bool) -> bool:
    """Whether ``clause`` opens with who does it (a name, a pronoun; English: a capital)."""
    text = clause.strip()
    if not chinese:
        return text[:1].isupper()
    return text.startswith(_ZH_SUBJECTS) or any(n and text.startswith(n) for n in names)


def check_repeated_lines(fields: Iterable[VisibleText]) -> list[Finding]:
    """The same action line, dialogue line or beat written twice (or nearly) in the draft."""
    seen = SeenLines()
    findings: list[Finding] = []
    for field in fields:
        if field.kind not in _COMPARED or not long_enough(field.text):
            continue
        first = seen.earlier(field.kind, field.text)
        if first is not None:
            findings.append(
                Finding(
                    "repetition.line",
                    field.path,
                    shorten(field.text),
                    f"{scene_label(field.path)} repeats {field.text!r} from "
                    f"{scene_label(first).lower()}. Write a new {field.kind} that moves "
                    "the story on.",
                )
            )
        else:
            seen.add(field.kind, field.text, field.path)
    return findings


def _similarity(first: set[str], second: set[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def repeated_indices(texts: Sequence[str]) -> list[int]:
    """Which of ``texts`` (beats, scenes) tell the same thing as an earlier one.

    The same test as :func:`check_duplicate_scenes` and :func:`check_repeated_lines`, for
    drafting's exact fix of an outline that says one step twice; a text an earlier one holds
    whole says nothing new either (the guard spoof's beat 2 was beat 1's last sentence).
    """
    bags = [set(units_of(text)) for text in texts]
    keys = [normalise(text) for text in texts]
    return [
        later
        for later in range(len(texts))
        if any(
            keys[later] == keys[earlier]
            or (len(keys[later]) >= _HELD_WHOLE and f" {keys[later]} " in f" {keys[earlier]} ")
            or (
                len(bags[later]) >= 4
                and _similarity(bags[earlier], bags[later]) >= DUPLICATE_SCENE_SIMILARITY
            )
            for earlier in range(later)
        )
    ]


def check_duplicate_scenes(scene_texts: Sequence[str], prefix: str = "scenes") -> list[Finding]:
    """Two scenes (or beats) that tell the same thing, by shared words.

    ``scene_texts`` holds each scene's action and dialogue as one text; ``prefix`` is the
    path prefix ("scenes" or "beats").
    """
    bags = [set(units_of(text)) for text in scene_texts]
    findings: list[Finding] = []
    for later in range(len(bags)):
        for earlier in range(later):
            if (
                len(bags[later]) >= 4
                and _similarity(bags[earlier], bags[later]) >= DUPLICATE_SCENE_SIMILARITY
            ):
                label = "Scene" if prefix == "scenes" else "Beat"
                findings.append(
                    Finding(
                        "repetition.scene",
                        f"{prefix}[{later}]",
                        shorten(scene_texts[later]),
                        f"{label} {later + 1} tells the same thing as {label.lower()} "
                        f"{earlier + 1}. Make it the next step of the story instead.",
                    )
                )
                break
    return findings


#: Words that only say a step happens again ("starts to", "one last time"); they do not
#: make a retold line new.
_RETELLING_WORDS = frozenset(
    "start started begin began begun continue continued keep kept last final finally time "
    "slowly suddenly".split()
)
#: The share of a line's story words an earlier line of its scene already has, from which
#: the line tells nothing new ("He feels the beat through the gym floor and begins to feel
#: the rhythm" after "…stands at the edge of the gym floor, feeling the rhythm").
RETOLD_SHARE = 0.75
#: Words (Chinese: characters) two action lines of one scene may open with alike before
#: the later one is the same shot again: the drummer "looks at himself in the mirror and
#: sees his own reflection" again, one last time, and for a final time.
OPENING_UNITS = 7
OPENING_CJK = 10


def _root(word: str) -> str:
    """``word`` without a verb ending, so "feeling", "feels" and "feel" are one."""
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _gist(text: str, names: Sequence[str]) -> set[str]:
    """The story words of ``text``, the scene's people left out (they are in every line)."""
    for name in names:
        if name.strip():
            text = re.sub(re.escape(name.strip()), " ", text, flags=re.IGNORECASE)
    if cjk_count(text):
        return set(cjk_terms(text))
    return {_root(w) for w in content_words(text) if w not in _RETELLING_WORDS}


def _same_root(first: str, second: str) -> bool:
    short, long = sorted((first, second), key=len)
    return long.startswith(short) and len(short) >= 4 or first == second


def _opening(text: str) -> list[str]:
    units = units_of(text)
    size = OPENING_CJK if cjk_count(text) else OPENING_UNITS
    return units[:size] if len(units) > size else []


def retells(line: str, earlier: Sequence[str], names: Sequence[str] = ()) -> bool:
    """Whether action ``line`` only says again what one ``earlier`` line of its scene did.

    Either it opens as an earlier line does (:data:`OPENING_UNITS`), or an earlier line
    already has :data:`RETOLD_SHARE` of its story words. Lines of one or two story words
    ("He nods.") are never judged: there is too little to compare.
    """
    opening = _opening(line)
    gist = _gist(line, names)
    for before in earlier:
        if opening and opening == _opening(before):
            return True
        if len(gist) < (4 if cjk_count(line) else 2):
            continue
        told = _gist(before, names)
        shared = sum(1 for word in gist if any(_same_root(word, other) for other in told))
        if shared >= RETOLD_SHARE * len(gist):
            return True
    return False
