"""Reading a user's message without a model: language, target length, mode and intent.

These decisions are deterministic on purpose. A 135M local model cannot be trusted to
tell "render it" from "make scene 3 funnier", and routing is where a wrong guess costs
the most (a surprise render takes minutes). Rules here are small, bilingual and tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from film.language import CJK, LATIN_WORD
from film.language import detect_language as detect_language  # agent.intake.nodes reads it here
from film.numbers import EN_NUMBERS, zh_number
from film.quality import genre_named_in
from film.quality.genre import is_genre_name
from film.screenplay import Genre

_EN_NUMBERS = {**EN_NUMBERS, "a": 1, "an": 1}
"""Number words in lengths; "a two-minute film" counts one of something."""
_EN_UNIT = r"(minutes?|mins?|seconds?|secs?)\b"
_EN_LENGTH = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|"
    + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
    + r"|half an?|half)\s*-?\s*"
    + _EN_UNIT,
    re.IGNORECASE,
)
_ZH_NUMBER = r"[0-9一二两三四五六七八九十零半]+"
_ZH_LENGTH = re.compile(rf"({_ZH_NUMBER})\s*(?:个)?\s*(分钟|分(?=半)|秒钟|秒)(半)?")

_ONE_PROMPT = re.compile(
    r"(?:\bone[\s-]?prompt(?:\s+film)?\b|\bone[\s-]?shot\s+film\b|一键成片|一键生成|一键出片)"
    r"\s*[:：,，-]?\s*",
    re.IGNORECASE,
)
_GENRE_TAG = re.compile(
    r"[(（]?\s*(?:genre|类型|题材)\s*[:：=]\s*([\w\u4e00-\u9fff-]+)\s*[)）]?", re.IGNORECASE
)
_LENGTH_TAG = re.compile(
    r"[(（]\s*(?:length|时长)\s*[:：=]\s*(\d{1,4})\s*s?\s*[)）]", re.IGNORECASE
)
_STRICT_ALIASES = {
    "romance": Genre.YOUTH_ROMANCE,
    "romantic": Genre.YOUTH_ROMANCE,
    "spoof": Genre.GRASSROOTS_SPOOF,
    "parody": Genre.GRASSROOTS_SPOOF,
    "comedy": Genre.GRASSROOTS_SPOOF,
    "wuxia": Genre.ANCIENT_STYLE,
    "costume drama": Genre.ANCIENT_STYLE,
    "inspirational": Genre.INSPIRATIONAL_STRUGGLE,
    "underdog": Genre.INSPIRATIONAL_STRUGGLE,
    "scenery": Genre.AESTHETIC_SCENERY,
}
_PRODUCE = re.compile(
    r"\b(render|produce|re-?render)\b|\bmake\s+(?:the\s+|a\s+|my\s+|it\s+into\s+a\s+)?"
    r"(?:film|movie|video)\b|\bshow\s+me\s+the\s+(?:film|movie|video)\b|\bexport\b"
    r"|渲染|生成(?:影片|视频|电影)|成片|出片|做成(?:视频|影片|电影)|看看?(?:影片|电影|视频)|导出",
    re.IGNORECASE,
)
_COVER = re.compile(r"\b(cover|poster|thumbnail)\b|封面|海报", re.IGNORECASE)
_NEW_FILM = re.compile(
    r"^\s*(?:new\s+(?:film|idea|story|project)|start\s+over|another\s+film)\b|^\s*(?:新故事|新的故事|重新开始|换个故事)",
    re.IGNORECASE,
)
_RETRY = re.compile(
    r"^\s*(?:please\s+)?(?:retry|try\s+again|again|continue|go\s+on|resume|keep\s+going|ok|okay"
    r")\b|^\s*(?:再试一次|再试|重试|继续|再来)",
    re.IGNORECASE,
)

Language = Literal["en", "zh"]
IntentKind = Literal["intake", "one_prompt", "produce", "cover", "revise", "retry", "help"]


def _zh_number(token: str) -> float | None:
    """Value of a small Chinese or Arabic numeral such as 三, 十五, 两, 半, 90."""
    if token == "半":
        return 0.5
    value = zh_number(token)
    return None if value is None else float(value)


def parse_target_seconds(text: str) -> float | None:
    """Seconds the user asked for ("2-minute", "90 seconds", "三分钟", "一分半"), if any."""
    zh = _ZH_LENGTH.search(text)
    if zh:
        number = _zh_number(zh.group(1))
        if number is not None:
            seconds = number * (60 if zh.group(2).startswith("分") else 1)
            return seconds + (30 if zh.group(3) and zh.group(2).startswith("分") else 0)
    en = _EN_LENGTH.search(text)
    if en:
        raw, unit = en.group(1).lower(), en.group(2).lower()
        if raw.startswith("half"):
            number = 0.5
        elif raw in _EN_NUMBERS:
            number = float(_EN_NUMBERS[raw])
        else:
            number = float(raw)
        return number * (60 if unit.startswith("m") else 1)
    return None


def without_length(text: str) -> str:
    """``text`` without the length it asks for ("…ride a bike, 40 seconds" -> "…ride a bike").

    The length reaches the model as a fact of its own; left in the idea, the 1.5B model
    copied "40 seconds" into the logline a viewer reads.
    """
    stripped = re.sub(rf"(?:一个|一部)?\s*{_ZH_LENGTH.pattern}\s*的?", "", _EN_LENGTH.sub("", text))
    stripped = re.sub(r"\s*[,，、]\s*(?=[,，。.!?！？]|$)", "", stripped)  # a comma left dangling
    stripped = re.sub(r"\s{2,}", " ", stripped).strip(" ,，、")
    return stripped if len(stripped) >= len(text) / 2 else text


#: A genre named with the kind of film after it: "温情微电影" (the web app's one-prompt
#: logline ended "…一步步教她，温情微电影", 2026-12-02), "a touching family film".
_FILM_NOUN = re.compile(
    r"(?:的)?(?:微电影|电影|短片|影片|片子)$|\s+(?:micro\s*)?(?:film|movie)s?$", re.I
)


def _genre_part(clause: str) -> str:
    """``clause`` without an article before it or the kind of film after it."""
    return _FILM_NOUN.sub("", re.sub(r"^(?:a|an)\s+", "", clause.strip(), flags=re.I))


def without_requests(text: str) -> str:
    """``text`` without its length and without a clause that only names the genre.

    "…最后她自己骑到了村口，一分钟，温情亲情" came back as a logline ending "一分钟，温情亲情":
    the length and the genre reach the model as facts of their own.
    """
    clauses = re.split(r"([,，;；])", without_length(text))
    kept = [c for c in clauses[::2] if is_genre_name(_genre_part(c)) is None]
    if not kept or len(kept) == len(clauses[::2]):
        return without_length(text)
    return (
        "，".join(c.strip() for c in kept if c.strip())
        if CJK.search(text)
        else ", ".join(c.strip() for c in kept if c.strip())
    )


def clamp_target(seconds: float | None, default: int, cap: int) -> tuple[int, bool]:
    """Target length within 20 s..cap; the flag says the request was cut to the cap."""
    wanted = default if seconds is None else seconds
    capped = wanted > cap
    return int(max(20, min(cap, round(wanted)))), capped


def strip_one_prompt(text: str) -> tuple[str, bool]:
    """The idea without a one-prompt marker, and whether the marker was there."""
    stripped, count = _ONE_PROMPT.subn(" ", text, count=1)
    return (re.sub(r"\s{2,}", " ", stripped).strip(" :：-") if count else text.strip()), bool(count)


def genre_tag(text: str) -> tuple[str, Genre | None]:
    """An explicit ``genre: slug`` (or ``题材：古风``) tag typed in a message, removed.

    Programs pass a genre typed (:class:`agent.state.IdeaOptions`); this is for people.

    Raises:
        ValueError: when the tag names no known genre (message lists the valid ones).
    """
    match = _GENRE_TAG.search(text)
    if not match:
        return text, None
    genre = Genre.parse(match.group(1))
    return (text[: match.start()] + text[match.end() :]).strip(" ,，"), genre


def length_tag(text: str) -> tuple[str, float | None]:
    """An explicit ``(length: 60s)`` (or ``（时长：60）``) tag typed in a message, removed."""
    match = _LENGTH_TAG.search(text)
    if not match:
        return text, None
    return (text[: match.start()] + text[match.end() :]).strip(" ,，"), float(match.group(1))


def named_genre(text: str) -> Genre | None:
    """A genre the text names outright ("a youth romance", "古风", "…温情微电影"), if any.

    Every Chinese and English name of the six genres counts
    (:func:`film.quality.genre_named_in`, the quality gate's own reading, so the film is
    drafted in the genre the gate will hold it to). Stricter than :meth:`Genre.parse`: a
    passing "love" or "family" in an idea is story content, not a genre choice. A few
    extra English words ("romantic", "underdog") count when they point at one genre.
    """
    named = genre_named_in(text)
    if named is not None:
        return named
    lowered = text.lower()
    hinted = {
        genre
        for alias, genre in _STRICT_ALIASES.items()
        if re.search(rf"\b{re.escape(alias)}\b", lowered)
    }
    return hinted.pop() if len(hinted) == 1 else None


def is_thin(text: str) -> bool:
    """True when the text is too short to be a film idea ("hi", "hello?")."""
    return len(LATIN_WORD.findall(text)) < 3 and len(CJK.findall(text)) < 4


@dataclass(frozen=True)
class Intent:
    """What the user wants this turn."""

    kind: IntentKind
    text: str


def classify_intent(text: str, *, has_project: bool, pending_stage: str | None) -> Intent:
    """Route one user message: new idea, one-prompt film, production, revision or retry."""
    idea, one_prompt = strip_one_prompt(text)
    if one_prompt:
        return Intent("one_prompt", idea)
    short = len(text) <= 40
    if pending_stage and short and _RETRY.match(text):
        return Intent("retry", text)
    if has_project and _NEW_FILM.match(text):
        return Intent("intake", _NEW_FILM.sub("", text).strip(" :：,，-") or text)
    if has_project and _COVER.search(text) and not _PRODUCE.search(text):
        return Intent("cover", text)
    if has_project and _PRODUCE.search(text):
        return Intent("produce", text)
    if has_project:
        return Intent("revise", text)
    if is_thin(text):
        return Intent("help", text)
    return Intent("intake", text)
