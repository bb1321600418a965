"""Names that are a job or the idea's own words for someone, not a person's name.

Split from :mod:`film.quality.people.names.naming`, which swaps such a name for a real one: a
reader wants "Lin Xia", not "Night Market Girl" or "摄影师", in every cue.
"""

from __future__ import annotations

import re

from film.quality.people.words import NOT_FAMILY, PERSON_WORDS
from film.quality.story.actions import idea_lead, lead_head


def idea_label(name: str, idea: str) -> bool:
    """Whether ``name`` is the idea's own words for someone rather than a name.

    Recorded (en-spoof-scooter, 2026-12-01): the idea's "food delivery rider" was cast as
    "Food Delivery Rider". One kin or trade word ("Grandmother") names people; a phrase
    does not, nor the noun of the idea's lead alone ("Drummer", 2026-12-02).
    """
    if _ZH_LABEL.match(name) and all(char in idea for char in name):
        return True  # "夜市女孩" for "在夜市摆摊卖煎饼的女孩" (craft bench, 2026-12-04)
    words = re.findall(r"[a-z'-]+", name.lower())
    said = set(re.findall(r"[a-z'-]+", idea.lower()))
    if words and words == [lead_head(idea_lead(idea))]:
        return True  # the lead's own noun: "Drummer" for "a deaf teenage drummer"
    if len(words) == 1 and name.isascii() and words[0] not in PERSON_WORDS:
        # A thing the idea has: the rider was cast as "Scooter" for "his second-hand scooter"
        # (craft bench, 2026-12-05). Kin and trade words name people, and stay.
        noun = rf"\b(?:a|an|the|his|her|their|its|my|our)\s+(?:[\w-]+\s+){{0,2}}{words[0]}s?\b"
        if re.search(noun, idea, re.I):
            return True
    return len(words) >= 2 and name.isascii() and all(word in said for word in words)


_ZH_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:女孩|男孩|少年|少女|姑娘|小伙子?)$")  # 夜市女孩
#: The last word of an English job phrase: "Karaoke Player", "Night Watchman", "Street Artist".
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|man|woman|dj|guard|chef|clerk|cook|maid)$")


def job_phrase(name: str, role: str, idea: str) -> bool:
    """Whether an English ``name`` is a job said as a phrase, not a person's name.

    Recorded (craft bench, en-spoof-scooter, 2026-12-02): the karaoke girl was cast as
    "Karaoke Player" (role "Karaoke DJ"), and every cue read so. A phrase is a job when
    its last word is an agent noun and its other words are the role's or the idea's own:
    "Tom Miller" keeps his name, since "tom" is neither.
    """
    words = re.findall(r"[a-z'-]+", name.lower())
    if len(words) < 2 or not name.isascii() or not _AGENT_NOUN.search(words[-1]):
        return False
    said = set(re.findall(r"[a-z'-]+", f"{role} {idea}".lower()))
    # "Deaf Teen Drummer" for "a deaf teenage drummer" (craft bench, 22:30): a word of the
    # idea shortened is still the idea's.
    return all(any(w.startswith(word) for w in said) for word in words[:-1])


#: The Chinese words for somebody that are not kin (trades, ranks, "老人", "女孩"), longest
#: first. Kin stays: 奶奶 is what the grandson calls her, in every line.
_ZH_NOT_KIN = tuple(
    sorted(
        {w for group in NOT_FAMILY for w in group if not w.isascii() and len(w) >= 2},
        key=len,
        reverse=True,
    )
)


def zh_job_as_name(name: str, role: str) -> bool:
    """Whether a Chinese ``name`` is only a trade or rank word, the ``role``'s own.

    Recorded (craft bench, 2026-12-05): the lone photographer at Qinghai Lake was cast as
    "摄影师", the court painter and the princess as "宫廷画师" and "公主", the ginger soup's
    courier and host as "外卖小哥" and "老人" (role "独居老人家的居民"); a reader wants names.
    """
    name = name.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", name):
        return False
    word = next((w for w in _ZH_NOT_KIN if name.endswith(w)), "")
    return bool(word) and (name == word or name in role or name[: -len(word)] in role)
