"""A name's sex against its role's: the "husband" named "Mrs. Smith" (a recorded draft).

Split from :mod:`film.quality.names`, which asks it of every bible entry.
"""

from __future__ import annotations

import re

from film.quality.text import strip_abbreviations


def _norm(text: str) -> str:
    return " ".join(text.strip().strip(".,;:!?。，").lower().split())


_MALE = frozenset(
    """
husband father dad daddy grandfather grandpa son brother boyfriend uncle king prince man boy
gentleman monk emperor widower groom
丈夫 父亲 爸爸 爷爷 外公 儿子 哥哥 弟弟 男友 叔叔 伯伯 王子 皇帝 和尚 老公
""".split()
)
_FEMALE = frozenset(
    """
wife mother mom mum mommy grandmother grandma granny daughter sister girlfriend aunt queen
princess woman girl lady widow bride nun
妻子 母亲 妈妈 奶奶 外婆 姥姥 女儿 姐姐 妹妹 女友 阿姨 公主 皇后 老婆
""".split()
)
_MALE_TITLES = (
    "mr",
    "sir",
    "grandpa",
    "uncle",
    "father",
    "brother",
    "king",
    "prince",
    "先生",
    "爷爷",
    "叔叔",
    "哥",
)
_FEMALE_TITLES = (
    "mrs",
    "ms",
    "miss",
    "madam",
    "lady",
    "grandma",
    "granny",
    "aunt",
    "mother",
    "sister",
    "queen",
    "princess",
    "太太",
    "女士",
    "小姐",
    "奶奶",
    "阿姨",
    "姐",
    "妈",
)


def _gender_words(text: str, words: frozenset[str]) -> int:
    """Position of the first of ``words`` in ``text`` that is not a possessive, or -1."""
    lowered = text.lower()
    best = -1
    for word in words:
        if word.isascii():
            match = re.search(rf"(?<![a-z']){word}(?!'s)(?![a-z])", lowered)
            at = match.start() if match else -1
        else:
            match = re.search(rf"{word}(?!的)", text)
            at = match.start() if match else -1
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


# Given names the 1.5B model reaches for, whose gender no English reader doubts. Reading a
# craft-bench draft found "Mary" cast as the keeper's son (and a boy by her look); names
# used for both (Alex, Sam, Jordan) are left out on purpose.
_FEMALE_GIVEN = frozenset(
    "mary lucy emma sarah lily anna eva emily sophia olivia grace alice rose nora mia ella "
    "chloe amy kate jane susan linda helen laura julia clara ruby zoe hannah ava isabella ana "
    "maria elena sophie".split()
)
_MALE_GIVEN = frozenset(
    "john mike michael tom bob jack james david peter paul mark george henry william "
    "robert richard thomas daniel matthew ben leo max lucas liam noah ethan oliver harry "
    "joe frank carl victor ricardo".split()
)


def given_name_sex(name: str) -> str:
    """The sex ("f" or "m") of a given name no English reader doubts (Mary, Jack), or ""."""
    first = _norm(strip_abbreviations(name)).split(" ")[0]
    return "f" if first in _FEMALE_GIVEN else "m" if first in _MALE_GIVEN else ""


def gender_problem(name: str, role: str) -> bool:
    """Whether the role's own kin word contradicts the title in the name.

    The first gendered word of the role is the character's own ("Mia's husband" is a
    husband; "widow who lost her husband" is a widow); a possessive ("husband's boss",
    "儿子的妈妈") is someone else.
    """
    male, female = _gender_words(role, _MALE), _gender_words(role, _FEMALE)
    if male < 0 and female < 0:
        return False
    is_male = female < 0 or (0 <= male < female)
    first = _norm(strip_abbreviations(name)).split(" ")[0]
    titles = _FEMALE_TITLES if is_male else _MALE_TITLES
    given = _FEMALE_GIVEN if is_male else _MALE_GIVEN
    return first in titles or first in given or any(not t.isascii() and t in name for t in titles)
