"""A face the film shows: no mask or sunglasses the story did not ask for.

Recorded (craft bench, the dumplings, 2026-12-04): the grandmother teaching her grandson
in her own kitchen was "戴口罩和帽子", and he wore "墨镜" at the table. Every shot of a
micro film is a face on a phone screen; a mask or dark glasses hide the one thing the
viewer reads. Where the idea names one (a masked hero, a star in sunglasses) it stays.
Nor is a face both clean-shaven and bearded, nor a grown body 60 cm tall (the ginger soup's
courier and old man were "身高60cm" and "身高50cm"), nor an age "45s old" (the baker; both
craft bench, 2026-12-04).
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


def face_shown(person: CharacterProfile, idea: str) -> CharacterProfile:
    """``person`` whose look and wardrobe hide no face the idea does not hide, said once."""
    update = {
        field: shown
        for field in ("look", "wardrobe")
        if not _HIDES.search(idea)
        and (shown := _shown(text := getattr(person, field))) != text
        and shown
    }
    if (face := plain_age(real_height(one_face(update.get("look", person.look))))) != person.look:
        update["look"] = face
    return person.model_copy(update=update) if update else person
