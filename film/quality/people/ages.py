"""People look their age.

A grandparent (by the kin word in their name or role: 奶奶, 外公, Grandma) or a
retired person (退休, retired) is not drawn young or under fifty, and a pupil (同桌,
高三学生, classmate) not middle-aged, old or thirty and over. The 1.5B model drew the
dumplings grandmother, whose grandson leaves for university, "middle-aged" with black
hair, and a high-school desk-mate 中年; the look drives the cast card, the figure and the
voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from film.language import has_cjk
from film.quality.findings import Finding
from film.quality.people.words import TRADES
from film.quality.text import shorten

_ELDER_ZH = (
    *("奶奶", "爷爷", "外婆", "外公", "姥姥", "姥爷", "祖母", "祖父", "阿婆", "太奶奶", "老太太"),
    *("大爷", "大妈"),  # "保安大爷" came back 中年
)
_ELDER_EN = re.compile(
    r"\b(?:grand(?:ma|mother|pa|father|dad)|granny|gran|nana|gramps|grandad)\b", re.IGNORECASE
)
_YOUNG_ZH = re.compile(r"年轻|青年|中年|少年|少女|小伙|头发乌黑|乌黑的头发|一头黑发|满头黑发")
_YOUNG_EN = re.compile(r"\b(?:young|youthful|middle-aged|teen(?:age|ager)?|jet-black)\b", re.I)
_AGE_ZH = re.compile(r"(\d{1,2})\s*岁")
_AGE_EN = re.compile(
    r"\b(\d{1,2})[- ](?:years?[- ]old|yo)\b"
    # "in his 60s", "in her mid-20s", "mid-20s" (the nurse, 12-04); a look that opens on its
    # decade, "50s with gray hair" (the bus driver, 2026-12-04).
    r"|(?:\bin (?:her|his|their) (?:early |mid-?|late )?|\b(?:early|mid|late)-?\s?|^\s*)(\d)0s\b"
    r"|\bage(?:d)?(?::| of)?\s+(\d{1,2})\b",
    re.I,
)
#: The youngest a grandparent or a retired person looks: "50岁左右" was the grandmother of a
#: son who works in another city (craft bench, 2026-12-04), and a reader took her for his
#: sister.
ELDER_AT_LEAST = 55
#: The age an elder whose look gave a young number is given instead.
ELDER_AGE = 65
PUPIL_UNDER = 30
_PUPIL_ZH = ("同桌", "学生", "高中生", "初中生", "小学生", "同学", "高一", "高二", "高三", "初三")
_PUPIL_EN = re.compile(
    r"\b(?:student|schoolboy|schoolgirl|classmate|desk-?mate|teen(?:ager|age)?|pupil)s?\b", re.I
)
_OLD_ZH = re.compile(r"中年|老年|年迈|苍老|白发|花白|满脸皱纹")
_OLD_EN = re.compile(r"\b(?:middle-aged|elderly|old (?:man|woman)|gr[ae]y-haired|wrinkled)\b", re.I)


def own_role(role: str) -> tuple[str, str]:
    """The role's own words, Chinese and English: "奶奶的孙子" is 孙子, "Leo's aunt" is aunt.

    Not a relative clause's: "general who exiled father" is a general, whom the swordswoman
    called "Dad" (craft bench, the letter, 2026-12-02).
    """
    english = re.split(r"\b(?:who|that|which|whom|whose)\b", role, maxsplit=1)[0]
    return role.split("的")[-1], re.sub(r"\b[\w ]*?'s\b", " ", english)


def own_words(role: str) -> str:
    """The role's own words in the language its "的" says: 孙子 of "奶奶的孙子", else English."""
    own_zh, own_en = own_role(role)
    return own_zh if "的" in role else own_en


#: A role that makes its person old whatever their kin: the idea's "retired bus driver" was
#: drawn a muscular young man with short brown hair.
_RETIRED = re.compile(r"\b(?:retired|elderly)\b|退休|年迈|老人|老大爷|老奶奶|老爷爷", re.I)
#: An old hand at a trade, named so ("老木匠", web app 2026-12-02: drawn 中年男子), and in
#: English "an old carpenter". 老师 is a teacher and 老王 a surname, so only a trade counts.
_OLD_HAND = re.compile(
    "^老(?:{zh}|师傅)|\\bold (?:{en})\\b".format(
        zh="|".join(w for trade in TRADES for w in trade if not w.isascii() and w != "老师"),
        en="|".join(w for trade in TRADES for w in trade if w.isascii()),
    ),
    re.I,
)


def is_elder(name: str, role: str) -> bool:
    """Whether the person's own name or role calls them a grandparent, or retired.

    Only the role's own kin word counts: "奶奶的孙子" is the grandson and "Grandma's
    helper" the helper, while "Leo's grandmother" is the grandmother.
    """
    own_zh, own_en = own_role(role)
    if "孙" in name or "孙" in own_zh:
        return False
    if _RETIRED.search(own_en) or _RETIRED.search(own_zh):
        return True
    if _OLD_HAND.search(name.strip()) or _OLD_HAND.search(own_zh.strip()):
        return True
    if any(word in name or word in own_zh for word in _ELDER_ZH):
        return True
    return bool(_ELDER_EN.search(name) or _ELDER_EN.search(own_en))


#: Words that make a role sound old without making its person a grandparent: "the old
#: fisherman", 老伯, 大妈. Too loose for the look checks (an "old friend" is any age), but
#: enough to draw and cast a person the idea calls old.
_OLD_SOUNDING = re.compile(
    r"\b(?:aged|elderly|retired)\b|(?<![-\w])old\b(?!\s+(?:friend|classmate|flame|self))"
    r"|退休|年迈|老人|老爷爷|老奶奶|老伯|大爷|大妈",
    re.I,
)


def sounds_old(name: str, role: str) -> bool:
    """Whether the person is an elder (:func:`is_elder`) or their role calls them old."""
    return is_elder(name, role) or bool(_OLD_SOUNDING.search(role))


def stated_age(look: str) -> int | None:
    """The age a look gives in digits ("12岁", "7-year-old", "in her 60s"), if any."""
    for pattern in (_AGE_ZH, _AGE_EN):
        if match := pattern.search(look):
            decade = match.groups()[1] if len(match.groups()) > 1 else None
            return int(match.group(1) or (f"{decade}0" if decade else match.groups()[-1]))
    return None


def with_age(look: str, age: int) -> str:
    """``look`` with the age it states said as ``age`` ("in her mid-20s" → "aged 17")."""
    if match := _AGE_ZH.search(look):
        return f"{look[: match.start(1)]}{age}{look[match.end(1) :]}"
    if match := _AGE_EN.search(look):
        said = f"{age}-year-old" if match.group(1) else f"aged {age}"
        return f"{look[: match.start()]}{said}{look[match.end() :]}"
    return look


def is_pupil(name: str, role: str) -> bool:
    """Whether the person's own role makes them a school pupil or a student."""
    own_zh, own_en = own_role(role)
    return re.sub(r"[\d\s]+$", "", own_zh).endswith(_PUPIL_ZH) or bool(_PUPIL_EN.search(own_en))


def _age_words(look: str, words: Sequence[re.Pattern[str]], too: Callable[[int], bool]) -> str:
    """The first of ``words`` in ``look``, else its first stated age that is ``too`` much."""
    for pattern in words:
        if match := pattern.search(look):
            return match.group(0)
    for pattern in (_AGE_ZH, _AGE_EN):
        for match in pattern.finditer(look):
            number = next(group for group in match.groups() if group)
            if too(int(number) * (10 if match.group(0).endswith("0s") else 1)):
                return match.group(0)
    return ""


def old_words(look: str) -> str:
    """The words of ``look`` that make its person middle-aged or old, or ""."""
    return _age_words(look, (_OLD_ZH, _OLD_EN), lambda age: age >= PUPIL_UNDER)


def young_words(look: str) -> str:
    """The words of ``look`` that make its person young, or ""."""
    return _age_words(look, (_YOUNG_ZH, _YOUNG_EN), lambda age: age < ELDER_AT_LEAST)


def check_age_looks(people: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """Grandparents drawn young and pupils drawn old; ``people`` is (name, role, look)."""
    findings: list[Finding] = []
    for index, (name, role, look) in enumerate(people):
        if is_elder(name, role) and (words := young_words(look)):
            check, advice = (
                "coverage.elder-look",
                (
                    f"{name} is an older person ({role or name}), but the look says "
                    f"{words!r}. Describe them as old: grey or white hair, a lined face, "
                    "an age of 60 or more."
                ),
            )
        elif is_pupil(name, role) and (words := old_words(look)):
            check, advice = (
                "coverage.pupil-look",
                (
                    f"{name} is a pupil or student, but the look says {words!r}. Describe someone "
                    "of school age: a teenager's face, a school uniform or casual clothes."
                ),
            )
        elif is_grandchild(name, role) and (words := _age_words(look, _GREY, _grown)):
            check, advice = (
                "coverage.grandchild-look",
                (
                    f"{name} is a grandchild ({role or name}), but the look says {words!r}. "
                    "Describe a child, a teenager or a young adult, a generation younger "
                    "than the grandparent."
                ),
            )
        else:
            continue
        findings.append(Finding(check, f"characters[{index}].look", shorten(look), advice))
    return findings


_GRANDCHILD = re.compile(r"\bgrand(?:daughter|son|child|kid)s?\b|孙", re.I)
#: Old on a grandchild: the bus driver's granddaughter was "old, grey hair, lined face, age
#: of 60 or more" (craft bench, 2026-12-04 20:50), as old as her grandfather.
_GREY = (
    _OLD_ZH,
    _OLD_EN,
    re.compile(r"^\s*old\b|\b(?:gr[ae]y|white|silver) hair|\blined face\b", re.I),
)
GRANDCHILD_UNDER = 40


def _grown(age: int) -> bool:
    return age >= GRANDCHILD_UNDER


def is_grandchild(name: str, role: str) -> bool:
    """Whether the person's own name or role calls them a grandchild (孙女, grandson)."""
    own_zh, own_en = own_role(role)
    return bool(_GRANDCHILD.search(name) or _GRANDCHILD.search(own_zh + " " + own_en))


#: Signs of age an elder's look may carry beside a stray young word.
_ELDER_SIGNS = re.compile(
    r"老年|年迈|苍老|白发|花白|银发|皱纹|灰白|白或灰"
    r"|\b(?:elderly|old|gr[ae]y|white|silver|wrinkl\w*|lined)\b",
    re.I,
)


#: The age words an elder's look may carry by slip (年轻时, "in her young days" are kept).
_SLIP = re.compile(
    r"中年(?:的)?|年轻(?!时)(?:的)?|青年|\b(?:middle-aged|young|youthful)\b(?! days)", re.I
)


MIDDLE_AGED = re.compile(r"中年|\bmiddle-aged\b", re.I)
YOUNG = re.compile(r"年轻|青年|少年|\b(?:young|youthful|teen\w*)\b", re.I)
_OLDER = {"中年": "六十多岁的", "middle-aged": "elderly"}


def elder_look(name: str, role: str, look: str) -> str:
    """An elder's ``look`` without the young words it contradicts itself with.

    Recorded: the dumplings grandmother was "中年妇女，头发花白" and, asked again, "中年，
    头发白或灰，脸有皱纹，年龄60岁以上": the white hair and the age are hers, the 中年 a
    slip. A look that says old and young loses the young words; one whose only young word
    is its number (保安大爷 "年龄40岁") is given :data:`ELDER_AGE`, and one whose only age
    word is 中年 ("中年男子") is made older; one that otherwise says young is left for
    the gate to ask about.
    """
    if not is_elder(name, role):
        return look
    age = stated_age(look)
    if age is not None and age < ELDER_AT_LEAST and not _SLIP.search(look):
        # "年龄40岁，脸圆肉丰" for 保安大爷: only the number is young, so the number goes.
        return _AGE_ZH.sub(f"{ELDER_AGE}岁", _AGE_EN.sub(f"{ELDER_AGE}-year-old", look, 1), 1)
    if not _SLIP.search(look):
        return look
    aged = _ELDER_SIGNS.search(look) or any(
        int(m.group(1)) >= ELDER_AT_LEAST for m in _AGE_ZH.finditer(look)
    )
    if not aged:
        if age is None and MIDDLE_AGED.search(look) and not YOUNG.search(look):
            # "中年男子，留着络腮胡子" for 保安大爷: the one age word is the idea's to set.
            older = MIDDLE_AGED.sub(lambda m: _OLDER[m.group(0).lower()], look, 1)
            older = re.sub(r"六十多岁的(?=[，,、。；;]|$)", "六十多岁", older)
            older = re.sub(r"\b([Aa]) (?=elderly)", r"\1n ", older)
            return look if young_words(older) else older  # black hair: the gate asks
        return look
    mended = _SLIP.sub("", look)
    mended = re.sub(r" {2,}", " ", mended)  # "A middle-aged man" → "A man"
    mended = re.sub(r"([，,、])[\s，,、]+", r"\1", mended)  # a clause left empty
    mended = mended.strip(" ，,、")
    return mended if _ELDER_SIGNS.search(mended) or _AGE_ZH.search(mended) else look


FACIAL_HAIR = re.compile(
    r"胡子|胡须|胡茬|络腮胡|八字胡|山羊胡|\b(?:beard(?:ed)?|moustache|mustache|stubble|goatee)\b",
    re.IGNORECASE,
)
#: What no pupil has either: the 15-year-old granddaughter "留着几根银发" (by hand, 22:47).
_NOT_YOUNG = re.compile(
    rf"{FACIAL_HAIR.pattern}|银发|白发|花白|\b(?:silver|gr[ae]y|white)(?:ing)? hairs?\b",
    re.IGNORECASE,
)
_ZH_CLAUSE = re.compile(r"[^，,、；;。]+[，,、；;。]?")
_EN_CLAUSE = re.compile(r"[^,;.]+[,;.]?")
#: Under this age a beard is a slip, not a look.
BEARD_FROM = 18


def young_look(name: str, role: str, look: str) -> str:
    """A pupil's or teenager's ``look`` without the beard or grey hair the model gave them.

    Recorded (craft bench): the 高三 desk-mate 小明 "留着八字胡", and the deaf teenage
    drummer with "a full beard". Only the clause that names the facial hair goes; a look
    that is nothing else is left for the gate.
    """
    age = stated_age(look)
    young = is_pupil(name, role) or (age is not None and age < BEARD_FROM)
    if not young or (age is not None and age >= BEARD_FROM + 4) or not _NOT_YOUNG.search(look):
        return look
    return without_facial_hair(look, _NOT_YOUNG)


def without_facial_hair(look: str, hair: re.Pattern[str] = FACIAL_HAIR) -> str:
    """``look`` without the clauses that name facial hair (as it was, if that is all it is)."""
    chinese = has_cjk(look)
    clause = _ZH_CLAUSE if chinese else _EN_CLAUSE
    kept = [part for part in clause.findall(look) if not hair.search(part)]
    mended = "".join(kept).strip(" ，,、;；")
    if not mended:
        return look
    if not chinese and not mended.endswith((".", "!", "?")):
        mended += "."
    return mended
