"""Numbers, scene references and lengths in English and Chinese revision requests.

"scene three", "the last scene", "第三场", "两分半", "1:30" all have to become numbers
before a revision can be applied without a model; these helpers do only that.
"""

from __future__ import annotations

import re

from film.numbers import EN_NUMBERS, EN_ORDINALS, LAST, en_number, zh_number

ZH_NUMBER = r"[0-9０-９零〇一二两三四五六七八九十百]+"
EN_NUMBER = r"(?:\d+|" + "|".join(sorted(EN_NUMBERS, key=len, reverse=True)) + ")"
EN_SCENE_WORD = (
    r"(?:\d+|"
    + "|".join(sorted([*EN_NUMBERS, *EN_ORDINALS], key=len, reverse=True))
    + r"|last|final|opening|closing)"
)

EN_ORDINAL_WORD = (
    r"(?:" + "|".join(sorted(EN_ORDINALS, key=len, reverse=True)) + r"|last|final|opening|closing)"
)


def any_number(word: str) -> int | None:
    """Value of an English or Chinese number."""
    value = en_number(word)
    return value if value is not None else zh_number(word)


_EN_SCENE = re.compile(
    rf"\bscenes?\s*(?:no\.?|number|#)?\s*({EN_SCENE_WORD})\b"
    rf"|\bthe\s+({EN_SCENE_WORD})\s+scene\b|\b({EN_ORDINAL_WORD})\s+scene\b",
    re.IGNORECASE,
)
_EN_SCENE_LIST = re.compile(
    rf"\bscenes\s+({EN_SCENE_WORD}(?:\s*(?:,|and|&|\+)\s*(?:scene\s+)?{EN_SCENE_WORD})+)",
    re.IGNORECASE,
)
_ZH_SCENE = re.compile(
    rf"第\s*({ZH_NUMBER})\s*(?:场|幕|个场景|段)|场景\s*({ZH_NUMBER})|"
    r"(最后一场|最后一个场景|最后一幕|结尾那场|第一场|开场|开头那场)"
)
_EN_PARTS = re.compile(
    r"\bthe\s+(opening|beginning|start|ending|end|finale|climax)\b", re.IGNORECASE
)
_ZH_PARTS = re.compile(r"(开头|开场|结尾|结局|最后|高潮)")


def scene_refs(text: str) -> list[int]:
    """Scene numbers named in ``text`` in order of mention (``LAST`` for "the last scene")."""
    found: list[tuple[int, int]] = []
    for match in _EN_SCENE_LIST.finditer(text):
        for word in re.findall(EN_SCENE_WORD, match.group(1), re.IGNORECASE):
            value = en_number(word)
            if value is not None:
                found.append((match.start(), value))
    for match in _EN_SCENE.finditer(text):
        word = next(g for g in match.groups() if g)
        value = en_number(word)
        if value is not None:
            found.append((match.start(), value))
    for match in _ZH_SCENE.finditer(text):
        number, alt, named = match.groups()
        if named:
            value = LAST if ("最后" in named or "结尾" in named) else 1
        else:
            value = zh_number(number or alt) or 0
        found.append((match.start(), value))
    ordered: list[int] = []
    for _, value in sorted(found, key=lambda item: item[0]):
        if value != 0 and value not in ordered:
            ordered.append(value)
    return ordered


def story_part_refs(text: str) -> list[int]:
    """Scenes meant by "the opening" / "the ending" / "开头" / "结尾" (1 or ``LAST``)."""
    refs: list[int] = []
    for word in [m.group(1).lower() for m in _EN_PARTS.finditer(text)] + [
        m.group(1) for m in _ZH_PARTS.finditer(text)
    ]:
        value = 1 if word in ("opening", "beginning", "start", "开头", "开场") else LAST
        if value not in refs:
            refs.append(value)
    return refs


_EN_FRACTIONS = {"half a": 0.5, "half an": 0.5, "a": 1.0, "an": 1.0}
_EN_DURATION = re.compile(
    rf"(?P<clock>\b\d{{1,2}}:[0-5]\d\b)"
    rf"|(?P<num>\d+(?:\.\d+)?|{EN_NUMBER}|half\s+an?|an?)(?:\s+and\s+a\s+(?P<half>half))?"
    r"\s*-?\s*(?P<unit>minutes?|mins?|m|seconds?|secs?|s)(?:\b|(?=\d))(?P<half2>\s+and\s+a\s+half)?"
    r"(?:\s*(?:and\s+)?(?P<sec>\d+)\s*(?:seconds?|secs?|s)\b)?",
    re.IGNORECASE,
)
_ZH_DURATION = re.compile(
    rf"(?P<num>{ZH_NUMBER}|半)\s*(?:个)?\s*(?P<unit>分钟|分|秒钟|秒)"
    rf"(?:\s*(?P<half>半)|\s*(?P<sec>{ZH_NUMBER})\s*秒?)?"
)


def _en_value(word: str) -> float | None:
    word = " ".join(word.lower().split())
    if word in _EN_FRACTIONS:
        return _EN_FRACTIONS[word]
    try:
        return float(word)
    except ValueError:
        value = EN_NUMBERS.get(word)
        return float(value) if value is not None else None


def duration_seconds(text: str) -> float | None:
    """The first length in ``text``, in seconds ("three minutes", "1:30", "两分半", "90秒")."""
    match = _EN_DURATION.search(text)
    if match:
        if match.group("clock"):
            minutes, seconds = match.group("clock").split(":")
            return int(minutes) * 60.0 + int(seconds)
        value = _en_value(match.group("num"))
        if value is not None:
            value += 0.5 if match.group("half") or match.group("half2") else 0.0
            minutes = match.group("unit").lower().startswith("m")
            total = value * (60.0 if minutes else 1.0)
            if minutes and match.group("sec"):
                total += float(match.group("sec"))
            return total
    match = _ZH_DURATION.search(text)
    if match:
        number = match.group("num")
        value = 0.5 if number == "半" else float(zh_number(number) or 0)
        minutes = match.group("unit").startswith("分")
        total = value * (60.0 if minutes else 1.0)
        if minutes and match.group("half"):
            total += 30.0
        elif minutes and match.group("sec"):
            total += float(zh_number(match.group("sec")) or 0)
        return total or None
    return None
