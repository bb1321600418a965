"""A spare name that suits the person it is given to.

Stand-in names (张三, "Nurse", "Granddaughter") are swapped for real ones before any scene
is written (:mod:`film.quality.people.naming`). One list of names for either sex served
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
