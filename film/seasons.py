"""One season a film is set in, said once and kept to; and the sun on its own course.

Recorded (the nurse and the baker, craft bench, 2026-12-04): "Setting: a winter in June",
the idea's winter run into a month of summer, and in that winter's last scene the nurse
said "It's been a great summer, hasn't it?". A setting that names a season keeps it and
loses a month of another season; a line that calls the present another season loses that
sentence. Seasons are the northern hemisphere's, as the studio's audience reads them.
"""

from __future__ import annotations

import re

from film.language import has_cjk
from film.quality.text import sentences
from film.screenplay import Scene

#: Season words, English and Chinese. A lone 夏 or 春 is part of names (林夏) and festivals
#: (春节), so Chinese needs the whole word.
_SEASON_WORDS = {
    "winter": r"\bwinter\b|冬天|冬日|冬季|寒冬|冬夜|隆冬",
    "spring": r"\bspring(?:time)?\b|春天|春日|春季",
    "summer": r"\bsummer\b|夏天|夏日|夏季|盛夏|夏夜|炎夏",
    "autumn": r"\b(?:autumn|fall)\b|秋天|秋日|秋季|深秋|秋夜",
}
_MONTHS = {
    "winter": ("december", "january", "february", "十二月", "一月", "二月"),
    "spring": ("march", "april", "may", "三月", "四月", "五月"),
    "summer": ("june", "july", "august", "六月", "七月", "八月"),
    "autumn": ("september", "october", "november", "九月", "十月", "十一月"),
}
#: Another time than the film's own: "last summer", 去年夏天, "every winter".
_OTHER_TIME = re.compile(
    r"\b(?:last|next|every|each|that|one|previous|coming|past|of)\s+(?:\w+\s+)?$"
    r"|(?:去年|明年|那年|每年|前年|后年|上个|下个|那个|以前的|小时候的?)$",
    re.I,
)


def seasons_in(text: str) -> list[str]:
    """The seasons ``text`` names, in the order of :data:`_SEASON_WORDS`."""
    return [s for s, words in _SEASON_WORDS.items() if re.search(words, text, re.I)]


def one_season(setting: str) -> str:
    """``setting`` with one season: a month of another season goes ("a winter in June").

    The task's "a season" as a frame goes too: "a season in summer" is summer (the
    scooter, 2026-12-03).
    """
    # Or a month: "a season in June" is June (the lighthouse, craft bench, 2026-12-04).
    named_months = "|".join(m for ms in _MONTHS.values() for m in ms if m.isascii())
    setting = re.sub(
        rf"^a season (?:in|of|during) (?=(?:the )?(?:summer|winter|spring|autumn|fall|"
        rf"{named_months})\b)",
        "",
        setting,
        flags=re.I,
    )
    named = seasons_in(setting)
    if len(named) != 1:
        return setting
    for season, months in _MONTHS.items():
        if season == named[0]:
            continue
        for month in months:
            if month.isascii():
                pattern = rf",?\s*\b(?:in|of|during)?\s*(?:early |late |mid-)?{month}\b"
            else:
                pattern = rf"(?<![十一二]){month}的?"
            setting = re.sub(pattern, "", setting, flags=re.I).strip(" ,，")
    return re.sub(r"^an? (?=\w+$)", "", setting)  # "a winter" is winter


def film_season(setting: str) -> str:
    """The one season the film's setting names, or ""."""
    named = seasons_in(setting)
    return named[0] if len(named) == 1 else ""


def in_season(scene: Scene, season: str) -> Scene:
    """``scene`` without the sentences that call the present another season than ``season``.

    "It's been a great summer" goes from a winter film; "last summer" and 去年夏天 stay.
    """
    if season not in _SEASON_WORDS:
        return scene
    others = "|".join(w for s, w in _SEASON_WORDS.items() if s != season)

    def now_other(sentence: str) -> bool:
        return any(
            not _OTHER_TIME.search(sentence[: m.start()])
            for m in re.finditer(others, sentence, re.I)
        )

    def kept(text: str) -> str:
        staying = [part.strip() for part in sentences(text) if not now_other(part)]
        return ("" if has_cjk(text) else " ").join(staying).strip()

    action = [k for line in scene.action if (k := kept(line))] or scene.action[:1]
    dialogue = [
        line.model_copy(update={"text": k}) if k != line.text else line
        for line in scene.dialogue
        if (k := kept(line.text))
    ] or scene.dialogue[:1]
    if action == scene.action and dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


#: The sun rises in the east and sets in the west. "太阳终于从西边升起" (the lake at dawn,
#: craft bench, 2026-12-04) is a saying for the impossible, not a sunrise to film.
_SUN_WRONG_WAY = (
    (re.compile(r"(?<=从)西(?=边|方|面)(?=.{1,3}(?:升起|升上|露出|出来))"), "东"),
    (re.compile(r"(?<=从)东(?=边|方|面)(?=.{1,3}(?:落下|落山|沉下))"), "西"),
    (
        re.compile(r"\b(ris(?:es|ing)|rose|comes? up|came up) (in|over|from) the west\b", re.I),
        "east",
    ),
    (
        re.compile(
            r"\b(sets?|setting|sinks?|sinking|sank|goes down|went down) (in|over|into) the east\b",
            re.I,
        ),
        "west",
    ),
)


def sun_on_its_course(text: str) -> str:
    """``text`` with a sun that rises in the east and sets in the west."""
    for pattern, quarter in _SUN_WRONG_WAY:
        # English keeps its verb and preposition (groups 1 and 2); Chinese swaps one word.
        text = pattern.sub(rf"\1 \2 the {quarter}" if pattern.groups else quarter, text)
    return text
