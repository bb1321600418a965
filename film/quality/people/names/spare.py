"""A spare name that suits the person it is given to.

Stand-in names (张三, "Nurse", "Granddaughter") are swapped for real ones before any scene
is written (:mod:`film.quality.people.names.naming`). One list of names for either sex served
everyone, so its first name, "Sam", went to a granddaughter, a night-shift nurse and an
old lighthouse keeper in three English films of one bench run (craft bench, 2026-12-04),
and a reader noticed. A name a viewer hears says a sex and, in English, an age: an old
keeper is Walter or Edith, a granddaughter Lily. Chinese elders are called by surname and
kin (:func:`as_called`), so a Chinese name needs only a sex. Two people given one look
word for word get a feature each to tell their faces apart (:func:`spare_feature`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from film.quality.names import PLACEHOLDER_NAMES
from film.quality.people.ages import ELDER_AT_LEAST, sounds_old, stated_age
from film.quality.people.sexes import FEMALE, MALE, own_sex, sex_of

#: Names by (language, sex, old). An unknown sex ("") takes a name worn by either.
#: Chinese names start with different surnames, since an elder is called by the surname.
_SPARE: dict[tuple[str, str, bool], tuple[str, ...]] = {
    ("en", FEMALE, False): ("Lily", "Emma", "Grace", "Chloe", "Hannah", "Ruby"),
    ("en", MALE, False): ("Ben", "Leo", "Owen", "Tom", "Daniel", "Max"),
    ("en", "", False): ("Sam", "Alex", "Robin", "Jamie", "Casey", "Jordan", "Rowan", "Avery"),
    ("en", FEMALE, True): ("Margaret", "Edith", "Ruth", "Helen", "Dorothy", "Joan"),
    ("en", MALE, True): ("Walter", "Arthur", "Harold", "George", "Frank", "Albert"),
    ("en", "", True): ("Pat", "Lee", "Terry", "Leslie", "Marion"),
    ("zh", FEMALE, False): ("林夏", "苏晴", "叶青", "唐悦", "秦雪", "何静"),
    ("zh", MALE, False): ("陈默", "周舟", "江遥", "顾一", "赵川", "孟阳"),
    ("zh", "", False): ("许言", "沈星", "苏禾", "江遥", "顾一", "叶青"),
}

#: Looks and voice hints that make their person old; "middle-aged" does not.
_OLD_HINT = re.compile(
    r"\b(?:elderly|old (?:man|woman)|gr[ae]y-haired|white-haired|wrinkled)\b"
    r"|老年|年迈|苍老|白发|满头银发|满脸皱纹",
    re.IGNORECASE,
)


def person_kind(name: str, role: str, hint: str = "") -> tuple[str, bool]:
    """The sex ("f", "m" or "") and whether old, from a person's name, role and ``hint``.

    ``hint`` is their look and voice: a "Nurse" is nobody's sex until her voice is "a
    gentle female voice".
    """
    sex = own_sex(name, role) or sex_of(hint)
    age = stated_age(hint)
    old = sounds_old(name, role) or bool(_OLD_HINT.search(hint))
    return sex, old or (age is not None and age >= ELDER_AT_LEAST)


def spare_name(language: str, sex: str, old: bool, taken: Collection[str]) -> str:
    """A name for someone of ``sex`` and age nobody in ``taken`` has (lower case), or "".

    The closest list with a free name serves: the person's own, then either sex at their
    age, then any.
    """
    lang = "zh" if language == "zh" else "en"
    if lang == "zh":
        old = False  # a Chinese elder is called 林奶奶: the name itself has no age
    tried = [(lang, sex, old), (lang, "", old), (lang, sex, not old), (lang, "", not old)]
    for key in tried:
        for name in _SPARE.get(key, ()):
            if name.lower() not in taken:
                return name
    return ""


def as_called(name: str, role: str, language: str) -> str:
    """A spare ``name`` as a Chinese film calls someone of ``role``: an elder by surname.

    Recorded (2026-12-03): the courier's 老爷爷 was cast as 许言, and the courier called him
    "你好，许言": nobody calls an old man by his full given name. An elder is 许爷爷 or 许奶奶,
    or 老许 when the role leaves the sex open; anyone else keeps the name.
    """
    if language != "zh" or not sounds_old("", role):
        return name
    sex = own_sex("", role)
    if sex not in (FEMALE, MALE):
        return f"老{name[0]}"
    return f"{name[0]}{'奶奶' if sex == FEMALE else '爷爷'}"


#: Features that tell one face from another, by (language, sex); "" serves either.
_FEATURES: dict[tuple[str, str], tuple[str, ...]] = {
    ("en", FEMALE): (
        "a high ponytail and bright eyes",
        "a shoulder-length bob and thin-rimmed glasses",
    ),
    ("en", MALE): ("cropped black hair and black-rimmed glasses", "curly hair and thick eyebrows"),
    ("en", ""): ("a round face and black-rimmed glasses", "wavy hair and a freckled face"),
    ("zh", FEMALE): ("扎着高马尾，眼睛明亮", "齐肩短发，戴细框眼镜"),
    ("zh", MALE): ("寸头，戴黑框眼镜", "头发微卷，眉毛浓黑"),
    ("zh", ""): ("圆脸，戴黑框眼镜", "头发微卷，脸上有雀斑"),
}


def spare_feature(language: str, sex: str, nth: int) -> str:
    """The ``nth`` feature that marks a face apart, for someone of ``sex``."""
    features = _FEATURES[("zh" if language == "zh" else "en", sex if sex in (FEMALE, MALE) else "")]
    return features[nth % len(features)]


#: Stand-ins a scene's action may name (:data:`PLACEHOLDER_NAMES`); 某某 and 某人 are words
#: there ("某人敲门"), and the English ones are names only written as names ("John Doe").
_ACTION_STAND_INS = tuple(
    sorted(n for n in PLACEHOLDER_NAMES - {"某某", "某人"} if not n.isascii())
)
_ACTION_STAND_INS_EN = re.compile(
    "|".join(rf"\b{re.escape(n.title())}\b" for n in sorted(PLACEHOLDER_NAMES) if n.isascii())
)
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」]?|[^。！？!?]+$")


def _stand_ins_in(texts: list[str], cast: Collection[str]) -> list[str]:
    """The stand-in names ``texts`` use, in order of first use, minus the bible's own."""
    joined = "\n".join(texts)
    found = [(joined.find(name), name) for name in _ACTION_STAND_INS if name in joined]
    found += [(m.start(), m.group(0)) for m in _ACTION_STAND_INS_EN.finditer(joined)]
    return [name for _, name in sorted(set(found)) if name not in cast]


def stand_ins_named(action: list[str], visual: str, people: list[str]) -> tuple[list[str], str]:
    """The scene's ``action`` and ``visual`` with stand-in names as its people, or struck.

    Recorded (craft bench, the court painter, 2026-12-04): "张三和李四正在讨论着秘密" and
    "张三拿起画笔" in action lines and the visual note, a joke to a Chinese reader. The
    speakers were already recast (:func:`film.quality.people.names.naming.stand_ins_cast`). In
    order of first use each stand-in becomes the next of ``people`` (the scene's cast) whom
    the action does not already name; a stand-in left over loses its sentence.
    """
    texts = [*action, visual]
    stand_ins = _stand_ins_in(texts, people)
    if not stand_ins:
        return action, visual
    named = "\n".join(texts)
    free = [name for name in dict.fromkeys(people) if name and name not in named]
    cast_as = dict(zip(stand_ins, free, strict=False))

    def recast(text: str) -> str:
        for stand_in, name in cast_as.items():
            text = text.replace(stand_in, name)
        left = [s for s in stand_ins if s in text]
        if left:
            kept = [s for s in _SENTENCE.findall(text) if not any(n in s for n in left)]
            text = "".join(kept).strip()
        return text

    mended = [line for line in (recast(a) for a in action) if line]
    if not mended:  # every line was the stand-ins': keep the first, as the lead's
        first = action[0]
        for stand_in in stand_ins:
            first = first.replace(stand_in, people[0] if people else "")
        mended = [first]
    return mended, recast(visual)
