"""A scene heading's place: what is left when a small model's place is made a place.

A heading names where the camera is ("EXT. BEACH - NIGHT"). The offline model writes the
place as a phrase and puts more into it: the heading's own "INT." and time, "again", a
time of day ("The beach at dawn" under NIGHT, read by a second reader as a heading at war
with itself), and a clause about who is there ("THE ALLEYWAY WHERE JOE WORKS AS A FOOD
DELIVERY RIDER", both scooter headings, 2026-12-05). Each of those is cut here, exactly;
a place that is wrong in some other way is left for the quality gate to ask about.
"""

from __future__ import annotations

import re

from film.quality.names import TIME_WORDS

_HEADING_PREFIX = re.compile(
    r"^\s*(?:INT\.?/EXT|I/E|INT|EXT)\b\.?\s*|^\s*(?:内景|外景)[\s，,、]*", re.I
)
_TIME = "|".join(sorted((re.escape(w) for w in TIME_WORDS), key=len, reverse=True))
#: A time of day trailing a place ("Bus stop - DAY", "厨房（夜）"): the heading adds its own.
_TRAILING_TIME = re.compile(
    rf"(?:\s*[-–—/,，]\s*|\s*[(（]\s*)(?:{_TIME})\s*[)）]?\s*$", re.IGNORECASE
)
#: A place said with an indefinite article, which a heading never has.
_ARTICLE = re.compile(r"^an?\s+", re.IGNORECASE)
#: Where a scene is when the model put a person in the place: the person's home.
_HOME = {"en": "Home", "zh": "家"}

_AGAIN = re.compile(r"(?:\s*[-–—,(（]?\s*\b(?:again|once more|revisited)\b\s*[)）]?)+\s*$", re.I)
#: "A city in the evening", "The beach at dawn": a time of day is not part of a place.
_PLACE_TIME = re.compile(
    r"\s+(?:(?:in|during) the (?:early |late )?(?:morning|afternoon|evening|night)"
    r"|at (?:dawn|dusk|daybreak|sunrise|sunset|twilight|night|midnight|noon|nightfall))$",
    re.I,
)
#: The time a place's tail names, as a heading says it.
_TAIL_TIMES = {
    "dawn": "DAWN",
    "daybreak": "DAWN",
    "sunrise": "DAWN",
    "morning": "MORNING",
    "dusk": "DUSK",
    "sunset": "DUSK",
    "twilight": "DUSK",
    "nightfall": "DUSK",
    "evening": "EVENING",
    "night": "NIGHT",
    "midnight": "NIGHT",
}
_THE_SAME = re.compile(r"^the\s+same\s+", re.I)
#: The place said again after a comma: "Mrs. Thompson's studio again, her studio" (12-03).
_APPOSITIVE = re.compile(r"(?<=\w)\s*,\s+(?:the|a|an|his|her|their|its|our)\s+[^,]+$", re.I)
#: A clause about the place's people or use: "The alleyway where Joe works as a food
#: delivery rider" is the alleyway. Kept when nothing of a place would be left before it.
_CLAUSE = re.compile(r"\s*,?\s+(?:where|which|that|who|whose|when)\s+.*$", re.I)
_AGAIN_ZH = re.compile(r"^(?:再次|又回到|重回)|[（(]?(?:再次|又一次)[)）]?$")
#: A time of day or weather in front of a Chinese place: "暴雨夜的居民区" is the 居民区 at
#: night, and the heading already says NIGHT (外卖小哥, 2026-12-01).
_PLACE_TIME_ZH = re.compile(
    r"^[\u4e00-\u9fff]{0,2}(?:夜晚|夜里|夜|晚上|清晨|早晨|傍晚|黄昏|午后|凌晨|中午|下午|上午)的"
    r"(?=[\u4e00-\u9fff]{2})"
)


def without_again(place: str) -> str:
    """``place`` without "again", "the same", a time of day or a clause about it.

    ("School lift again" -> "School lift"; "The same city in the evening" -> "city"; "The
    beach at dawn" -> "The beach"; "暴雨夜的居民区" -> "居民区"; "Her studio again, her
    studio" -> "Her studio"; "The alleyway where Joe works" -> "The alleyway".)
    """
    place = _APPOSITIVE.sub("", place)
    before_clause = _CLAUSE.sub("", place)
    if re.search(r"\w{3,}", before_clause):
        place = before_clause
    shorter = _AGAIN_ZH.sub("", _AGAIN.sub("", place)).strip(" ,.;:-")
    shorter = _THE_SAME.sub("", _PLACE_TIME.sub("", shorter)).strip(" ,.;:-")
    shorter = _PLACE_TIME_ZH.sub("", shorter)
    return shorter or place


def time_in_place(place: str) -> str:
    """The heading time a place's own tail names ("Park at night": NIGHT), or ""."""
    found = _PLACE_TIME.search(_CLAUSE.sub("", _AGAIN.sub("", place.strip())))
    if not found:
        return ""
    return _TAIL_TIMES.get(found.group(0).split()[-1].lower(), "")


def clean_place(place: str, cast: list[str], language: str = "en") -> str:
    """A usable place for a heading: the exact fixes a small model's place needs.

    Stray punctuation, a heading's "INT." and a trailing time of day ("Bus stop - DAY",
    which would read "- DAY - DAY") go, and so does what :func:`without_again` cuts; a
    character's name where the location belongs ("INT. LIAM - DAY") becomes their home.
    """
    cleaned = _HEADING_PREFIX.sub("", place.strip()).strip(" ,.;:-")
    while True:
        shorter = _TRAILING_TIME.sub("", cleaned).strip(" ,.;:-")
        if shorter == cleaned or not shorter:
            break
        cleaned = shorter
    cleaned = without_again(cleaned)
    if _ARTICLE.match(cleaned) and len(cleaned.split()) > 1:  # "INT. A GYM FLOOR - DAY"
        cleaned = _ARTICLE.sub("", cleaned)
        cleaned = cleaned[0].upper() + cleaned[1:]
    if not cleaned or cleaned.lower() in {name.lower() for name in cast}:
        return _HOME.get(language, _HOME["en"])
    return cleaned
