"""A face the film shows: no mask or sunglasses the story did not ask for.

Recorded (craft bench, the dumplings, 2026-12-04): the grandmother teaching her grandson
in her own kitchen was "戴口罩和帽子", and he wore "墨镜" at the table. Every shot of a
micro film is a face on a phone screen; a mask or dark glasses hide the one thing the
viewer reads. Where the idea names one (a masked hero, a star in sunglasses) it stays.
Nor is a face both clean-shaven and bearded, nor a grown body 60 cm tall (the ginger soup's
courier and old man were "身高60cm" and "身高50cm"), nor an age "45s old" (the baker; both
craft bench, 2026-12-04), nor a pupil in their late 20s.
"""

from __future__ import annotations

import re

from film.quality.people.ages import FACIAL_HAIR, without_facial_hair
from film.screenplay import CharacterProfile

_COVER_ZH = r"(?:墨镜|太阳镜|口罩|面具|面罩)"
_COVER_EN = r"(?:sunglasses|shades|face ?masks?|surgical masks?|masks?)"
_BEFORE_ZH = r"(?:一副|一个|黑色的?|白色的?|蓝色的?|大大的)*"
_BEFORE_EN = r"(?:(?:a pair of|a|an|dark|black|white|blue|surgical|big|mirrored)\s+)*"
#: The hiding thing and the join after it ("口罩和帽子" → "帽子"), or the join before it.
_ITEM_THEN_JOIN = re.compile(
    rf"{_BEFORE_ZH}{_COVER_ZH}(?:和|、|与|及)|\b{_BEFORE_EN}{_COVER_EN}\b(?:\s*,\s*|\s+and\s+)",
    re.IGNORECASE,
)
_JOIN_THEN_ITEM = re.compile(
    rf"(?:和|、|与|及){_BEFORE_ZH}{_COVER_ZH}|(?:\s*,\s*|\s+and\s+){_BEFORE_EN}{_COVER_EN}\b",
    re.IGNORECASE,
)
#: A clause that holds nothing but it ("戴着墨镜", "He wears sunglasses").
_CLAUSE = re.compile(r"[^，,；;。.]+[，,；;。.]?")
_HIDES = re.compile(rf"{_COVER_ZH}|\b{_COVER_EN}\b", re.IGNORECASE)


def _shown(text: str) -> str:
    """``text`` without a mask or dark glasses; a clause left with nothing else goes."""
    if not _HIDES.search(text):
        return text
    text = _JOIN_THEN_ITEM.sub("", _ITEM_THEN_JOIN.sub("", text))
    # "a black jacket, dark sunglasses, and boots" leaves a list of two: no comma before "and".
    text = re.sub(r"^([^,]*), and ", r"\1 and ", text)
    kept = "".join(c for c in _CLAUSE.findall(text) if not _HIDES.search(c))
    kept = kept.strip(" ，,；;")
    if kept and text.rstrip()[-1:] in "。." and kept[-1] not in "。.":
        kept += text.rstrip()[-1]
    return kept


#: A shaven face: "65-year-old, clean-shaven with a beard" (the bus driver, 2026-12-04).
_SHAVEN = re.compile(r"\bclean[- ]shaven\b|\bshaven\b|刮(?:得)?干净|没有胡子|不留胡子", re.I)


def one_face(look: str) -> str:
    """``look`` that is not both clean-shaven and bearded: the clause with both goes.

    Without the clause that names the beard the face is shaven, as the look said first.
    """
    if not (_SHAVEN.search(look) and FACIAL_HAIR.search(_SHAVEN.sub("", look))):
        return look
    return without_facial_hair(look)


#: A height in centimetres as a look says it: "身高60cm", "，身高 175 厘米", "about 50 cm tall".
_HEIGHT = re.compile(
    r"(?P<lead>^|[，,；;]\s*)(?:身高|个子)\s*(?P<zh>\d+(?:\.\d+)?)\s*(?:cm|CM|厘米|公分)(?P<tail>[，,；;]\s*)?"
    r"|(?P<lead_en>^|,\s*)(?:about\s+|around\s+)?(?P<en>\d+(?:\.\d+)?)\s*(?:cm|centimet(?:er|re)s?)"
    r"(?:\s+tall)?(?P<tail_en>,\s*)?",
    re.I,
)
#: Heights a person on screen may have, in centimetres: a toddler to the tallest.
_HUMAN_CM = (80.0, 230.0)


def real_height(look: str) -> str:
    """``look`` without a height no grown person has (the clause goes, the rest stays)."""

    def kept(match: re.Match[str]) -> str:
        cm = float(match["zh"] or match["en"])
        if _HUMAN_CM[0] <= cm <= _HUMAN_CM[1]:
            return match[0]
        lead, tail = match["lead"] or match["lead_en"] or "", match["tail"] or match["tail_en"]
        return lead if tail and lead else ""

    return _HEIGHT.sub(kept, look).strip(" ，,")


#: An age said as a decade and "old": "30s old", "45s old" (the nurse and the baker).
_DECADE_OLD = re.compile(r"\b(?P<n>\d{2})s[ -]old\b", re.I)


def plain_age(look: str) -> str:
    """``look`` with "30s old" said "in their 30s", and "45s old" "45 years old"."""
    return _DECADE_OLD.sub(
        lambda m: f"in their {m['n']}s" if m["n"].endswith("0") else f"{m['n']} years old", look
    )


#: A school the idea is set in, and what makes it one for adults (a university, its staff).
_AT_SCHOOL = re.compile(r"\bschool\b|学校|中学|高中|初中|小学|校园|高[一二三]|初[一二三]", re.I)
_ADULTS_SCHOOL = re.compile(
    r"\b(?:universit\w*|college|night school|driving school|teachers?|principal|coach"
    r"|headmaster|headteacher|head teacher|janitor|caretaker|guard"
    r"|parents?|mother|father|mum|mom|dad)\b"
    r"|大学|老师|教师|校长|教练|保安|门卫|家长|妈妈|爸爸|母亲|父亲",
    re.I,
)
#: What a pupil is at school: a captain, a monitor, a classmate, a club's drummer.
_SCHOOL_PART = re.compile(
    r"\b(?:captains?|debaters?|monitor|prefect|classmates?|students?|pupils?|club|team|band"
    r"|drummer|president|teen\w*)\b|队长|班长|社长|同学|学生|同桌|鼓手|辩手|少年|少女",
    re.I,
)
_GROWN_EN = re.compile(
    r"\b(?P<decade>in (?:his|her|their) (?:early |mid-?|late )?[2-9]0s)\b"
    r"|\b(?P<years>[2-9]\d)(?P<unit>[- ]years?[- ]old)\b",
    re.I,
)
_GROWN_ZH = re.compile(r"(?:[二三四五六七八九]十多?|[2-9]\d)岁(?:左右)?")


def school_age(look: str, role: str, idea: str) -> str:
    """A pupil's ``look`` at the age of a pupil, when the idea sets the film at a school.

    Recorded (craft bench, the lift, 2026-12-04): "two rival debate captains … stuck in a
    school lift" were cast "in his late 20s" and "in her late 20s"; a reader saw two
    teachers. A role that is a school part (captain, classmate, 鼓手) of someone who is not
    staff or a parent, in an idea at a school and not a university, is under twenty.
    """
    if not (_AT_SCHOOL.search(idea) and _SCHOOL_PART.search(role)):
        return look
    if _ADULTS_SCHOOL.search(role) or re.search(r"universit|college|大学", idea, re.I):
        return look

    def teen(match: re.Match[str]) -> str:
        if match["decade"]:
            return re.sub(r"(?:early |mid-?|late )?[2-9]0s$", "late teens", match[0])
        return f"17{match['unit']}"

    return _GROWN_ZH.sub("十七岁", _GROWN_EN.sub(teen, look))


#: Words that make their person young by what they are called: 外卖小哥, a "young courier".
_YOUNG_BY_NAME = re.compile(
    # 女孩 too: the night market's girl was drawn 中年 (craft bench, 2026-12-04 21:43).
    r"小哥|小伙|小姑娘|少年|少女|女孩|男孩|\byoung (?:man|woman|courier|rider|girl|boy)\b"
    r"|\bteen\w*|\b(?:girl|boy)\b",
    re.I,
)
_MIDDLE_AGED = (
    (re.compile(r"中年的?"), "二十多岁的"),
    (re.compile(r"\bmiddle-aged\b", re.I), "young"),
)


def young_by_name(look: str, name: str, role: str) -> str:
    """``look`` without "middle-aged" for someone whose name or role says young.

    Recorded (craft bench, the ginger soup, 2026-12-04): the 外卖小哥 was "中年男性", and a
    reader saw a man of fifty where the idea has a lad.
    """
    if not _YOUNG_BY_NAME.search(f"{name} {role}"):
        return look
    for words, young in _MIDDLE_AGED:
        look = words.sub(young, look)
    return look.replace("二十多岁的，", "二十多岁，").replace("二十多岁的。", "二十多岁。")


def face_shown(person: CharacterProfile, idea: str) -> CharacterProfile:
    """``person`` whose look and wardrobe hide no face the idea does not hide, said once."""
    update = {
        field: shown
        for field in ("look", "wardrobe")
        if not _HIDES.search(idea)
        and (shown := _shown(text := getattr(person, field))) != text
        and shown
    }
    face = plain_age(real_height(one_face(update.get("look", person.look))))
    face = young_by_name(school_age(face, person.role, idea), person.name, person.role)
    if face != person.look:
        update["look"] = face
    return person.model_copy(update=update) if update else person
