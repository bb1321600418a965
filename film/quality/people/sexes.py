"""People are the sex the idea and their own role make them.

Recorded (craft bench, 2026-12-01, *夜市煎饼女孩*): the idea is about a girl who sells
pancakes at a night market and teaches herself to code. The 1.5B model cast three men for
it: every voice 男声, and the lead "中年，留着络腮胡子". The film was then voiced by a man and
drawn with a beard. Elsewhere a grandmother's voice hint read "deep male voice".

Two exact fixes, before the gate:

1. A person whose own name or role says their sex (奶奶, Grandpa, 女孩, "swordswoman") keeps
   it in the voice hint and the look. The voice hint picks the synthetic voice and the
   look drives the figure, so a slip there is heard and seen.
2. The idea's sexed people are in the bible. An idea that names a girl needs a female
   person in the film. When the bible lacks one, the first person whose own words leave
   their sex open (a 程序员, a "drummer") is the idea's girl: the lead comes first.

Whatever the fixes cannot settle is a finding, ``coverage.idea-sex``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.quality.findings import Finding
from film.quality.gender import given_name_sex
from film.quality.people.ages import FACIAL_HAIR, own_words, without_facial_hair
from film.quality.text import shorten
from film.screenplay import CharacterProfile
from film.titles import title_sex

FEMALE, MALE = "f", "m"
_FEMALE_EN = (
    r"female|woman|women|girl|girls|lady|ladies|mother|mom|mum|mama|grandma|grandmother|granny|"
    r"nana|aunt|auntie|sister|daughter|granddaughter|niece|wife|queen|princess|empress|bride|"
    r"widow|girlfriend|actress|waitress|heroine|nun|swordswoman|policewoman|businesswoman|"
    r"she|her|hers|herself|soprano|alto"
)
_MALE_EN = (
    r"male|man|men|boy|boys|guy|gentleman|father|dad|papa|grandpa|grandfather|granddad|uncle|"
    r"brother|son|grandson|nephew|husband|king|prince|emperor|groom|widower|boyfriend|monk|"
    r"swordsman|fisherman|policeman|businessman|he|him|his|himself|baritone|tenor"
)
_WORD_EN = {
    FEMALE: re.compile(rf"\b(?:{_FEMALE_EN})\b", re.I),
    MALE: re.compile(rf"\b(?:{_MALE_EN})\b", re.I),
}
# Single characters say the sex in Chinese (女, 妈, 爷...), less the words where they do not:
# 牛奶 is milk, 吉他 a guitar, 夫人 a wife, 父母 both parents.
_WORD_ZH = {
    FEMALE: re.compile(
        r"女|妈|(?<!父)母(?!校|语)|(?<![牛酸])奶(?![茶粉油酪])|婆|姐|妹|姑|姨|娘|妻|嫂|她|公主|皇后|夫人"
    ),
    MALE: re.compile(
        r"男|爸|(?<!师)父(?!母)|爷|叔|伯(?!母)|哥|弟|(?<!大)夫(?!人)|郎|(?<!吉)他|公子|少爷|小伙"
        r"|儿子|孙子|外孙(?!女)|少年|皇帝|王子|和尚|书生|胡子|胡须|络腮胡"
    ),
}
#: "with a thick beard", "bearded": the English phrase goes, the rest of its clause stays.
_BEARD_PHRASE = re.compile(
    r"\s*,?\s*\b(?:with|and|has|sporting)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:beard|moustache|mustache|stubble|goatee)\b|\bbearded\s+",
    re.I,
)
_SWAPS = {
    FEMALE: (
        (r"男子", "女子"),
        (r"男人", "女人"),
        (r"男孩", "女孩"),
        (r"男生", "女生"),
        (r"男性", "女性"),
        (r"小伙子?", "姑娘"),
        (r"(?<!吉)他", "她"),
        (r"男声", "女声"),
        (r"\bgentleman\b", "lady"),
        (r"\bman\b", "woman"),
        (r"\bmen\b", "women"),
        (r"\bboy\b", "girl"),
        (r"\bguy\b", "woman"),
        (r"\bmale\b", "female"),
        (r"\bhe\b", "she"),
        (r"\bhim\b", "her"),
        (r"\bhis\b", "her"),
        (r"\bhimself\b", "herself"),
    ),
    MALE: (
        (r"女子", "男子"),
        (r"女人", "男人"),
        (r"女孩", "男孩"),
        (r"女生", "男生"),
        (r"女性", "男性"),
        (r"姑娘", "小伙子"),
        (r"她", "他"),
        (r"女声", "男声"),
        (r"\blady\b", "man"),
        (r"\bwoman\b", "man"),
        (r"\bwomen\b", "men"),
        (r"\bgirl\b", "boy"),
        (r"\bfemale\b", "male"),
        (r"\bshe\b", "he"),
        (r"\bherself\b", "himself"),
        (r"\bher\b", "his"),
    ),
}
_VOICE = {FEMALE: {"zh": "女声", "en": "female voice"}, MALE: {"zh": "男声", "en": "male voice"}}
_SAID = {FEMALE: ("female", "女性"), MALE: ("male", "男性")}


def _counts(text: str) -> dict[str, int]:
    return {
        sex: len(_WORD_EN[sex].findall(text)) + len(_WORD_ZH[sex].findall(text))
        for sex in (FEMALE, MALE)
    }


def sex_of(text: str) -> str:
    """The sex ``text`` (a voice hint, a look) gives its person, "f" or "m", or "" if unsure."""
    counts = _counts(text)
    if counts[FEMALE] == counts[MALE]:
        return ""
    return FEMALE if counts[FEMALE] > counts[MALE] else MALE


def _first_sex(text: str) -> str:
    """The sex of the first sexed word in ``text``, skipping possessives ("Mia's", 儿子的)."""
    best, found = len(text) + 1, ""
    for sex in (FEMALE, MALE):
        for pattern in (_WORD_EN[sex], _WORD_ZH[sex]):
            for match in pattern.finditer(text):
                after = text[match.end() : match.end() + 2]
                if after.startswith(("'s", "’s", "的")) or match.group(0).lower() in {"his", "her"}:
                    continue
                if match.start() < best:
                    best, found = match.start(), sex
                break
    return found


def own_sex(name: str, role: str) -> str:
    """The sex a person's own name or role gives them ("奶奶", "Grandpa Joe", "女孩"), or ""."""
    # "Mrs. Thompson" had been given "male voice" (the piano teacher, 2026-12-03).
    return _first_sex(name) or title_sex(name) or _first_sex(own_words(role))


def person_sex(person: CharacterProfile) -> str:
    """The person's sex: their name and role first, then the voice hint, then the look."""
    return own_sex(person.name, person.role) or sex_of(person.voice) or sex_of(person.look)


_POSSESSED_EN = re.compile(r"\b(?:his|her|their|my|our|your)\s+(?:\w+\s+)?$|['’]s\s+$", re.I)
_POSSESSED_ZH = re.compile(r"(?:他|她|他们|她们|我|你)的?$")


def idea_sexes(idea: str) -> dict[str, int]:
    """How many people of each sex the idea puts in the film.

    Each sexed person word counts once ("孙子 ... 奶奶": one of each). Someone's relative
    ("her father", 他的孙女) may stay off screen, so only a pronoun counts for them: "a
    bus driver ... his granddaughter" needs a man, and the granddaughter is the must-cast
    list's business (:mod:`film.quality.coverage`).
    """
    needed = {FEMALE: 0, MALE: 0}
    for sex in (FEMALE, MALE):
        words: set[str] = set()
        for pattern in (_WORD_EN[sex], _WORD_ZH[sex]):
            for match in pattern.finditer(idea):
                word = match.group(0).lower()
                if word in {
                    "he",
                    "him",
                    "his",
                    "himself",
                    "she",
                    "her",
                    "hers",
                    "herself",
                    "他",
                    "她",
                }:
                    needed[sex] = max(needed[sex], 1)
                    continue
                before = idea[: match.start()]
                if _POSSESSED_EN.search(before) or _POSSESSED_ZH.search(before):
                    continue
                words.add(word)
        needed[sex] = max(needed[sex], len(words))
    return needed


def _as_sex(person: CharacterProfile, sex: str) -> CharacterProfile:
    """``person`` with the voice hint and the look saying ``sex`` (a beard goes for a woman)."""
    language = "zh" if has_cjk(f"{person.name}{person.role}{person.look}") else "en"
    look = person.look
    if sex == FEMALE:
        look = _BEARD_PHRASE.sub("", look)
    if sex == FEMALE and FACIAL_HAIR.search(look):
        look = without_facial_hair(look)
    voice = person.voice
    for wrong, right in _SWAPS[sex]:
        look = re.sub(wrong, right, look, flags=re.I)
        voice = re.sub(wrong, right, voice, flags=re.I)
    if sex_of(voice) != sex:
        said = _VOICE[sex][language]
        if language == "en" and re.match(r"(?:A|An|The)\b", voice):  # "female voice, a soft…"
            voice = voice[:1].lower() + voice[1:]
        voice = f"{said}，{voice}" if language == "zh" and voice else voice and f"{said}, {voice}"
        voice = voice or said
    if look == person.look and voice == person.voice:
        return person
    return person.model_copy(update={"look": look, "voice": voice})


def _speaks_against(person: CharacterProfile, sex: str) -> bool:
    """Whether the voice hint or the look gives ``person`` the other sex, or her a beard.

    Recorded (The Snow Queen's Letter, 2026-12-01): the swordswoman was "a young woman
    with long hair and a beard"; the look said woman, so nothing had read on to the beard.
    """
    if sex == FEMALE and FACIAL_HAIR.search(person.look):
        return True
    return any(sex_of(text) not in ("", sex) for text in (person.voice, person.look))


def _open_to(person: CharacterProfile, sex: str) -> bool:
    """Whether ``person`` may be made ``sex``: their name and role leave it open."""
    if own_sex(person.name, person.role):
        return False
    return given_name_sex(person.name) in ("", sex) and person_sex(person) != sex


_YOUNG_IDEA = re.compile(r"\b(?:girl|boy)s?\b|女孩|男孩|少女|少年|姑娘|小伙|女生|男生", re.I)
_GROWN = ((r"中年(?:的)?", "年轻"), (r"\bmiddle-aged\b", "young"))


def _beardless(person: CharacterProfile) -> CharacterProfile:
    """``person`` whose look calls her a woman, without the beard it gave her too.

    Recorded (the nurse, craft bench, 2026-12-04): "A middle-aged woman with a white dress,
    glasses, and a beard." Her name and role ("Lily", "Night Shift Nurse") say no sex, so
    only the look's own words are read, and only the beard goes.
    """
    if sex_of(person.look) != FEMALE or not FACIAL_HAIR.search(person.look):
        return person
    fields = {"look": person.look, "wardrobe": person.wardrobe}
    bare = {k: without_facial_hair(_BEARD_PHRASE.sub("", v)) for k, v in fields.items()}
    return person.model_copy(update=bare)


def _own_sexed(person: CharacterProfile) -> CharacterProfile:
    """``person`` with voice and look of the sex their name or role gives (or no beard on her)."""
    sex = own_sex(person.name, person.role)
    if not sex:
        return _beardless(person)
    return _as_sex(person, sex) if _speaks_against(person, sex) else person


def mend_sexes(idea: str, people: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible with each person's voice and look their own sex, and the idea's sexes cast."""
    mended = [_own_sexed(p) for p in people]
    for sex, wanted in idea_sexes(idea).items():
        have = sum(person_sex(p) == sex for p in mended)
        for index, person in enumerate(mended):
            if have >= wanted:
                break
            if not _open_to(person, sex):
                continue
            made = _as_sex(person, sex)
            if _YOUNG_IDEA.search(idea):  # the idea's girl is no middle-aged woman
                look = made.look
                for old, young in _GROWN:
                    look = re.sub(old, young, look, flags=re.I)
                made = made.model_copy(update={"look": look})
            mended[index] = made
            have += 1
    return mended


def check_idea_sexes(idea: str, people: Sequence[CharacterProfile]) -> list[Finding]:
    """The idea's sexed people missing from the bible: "a girl" and nobody female."""
    findings: list[Finding] = []
    for sex, wanted in idea_sexes(idea).items():
        have = sum(person_sex(p) == sex for p in people)
        if have < wanted:
            english, chinese = _SAID[sex]
            findings.append(
                Finding(
                    "coverage.idea-sex",
                    "characters",
                    shorten(idea),
                    f"The idea has {wanted} {english} ({chinese}) person(s), but the bible has "
                    f"{have}. Make the idea's people the sex the idea gives them, in "
                    "'role', 'look' and 'voice'.",
                )
            )
    return findings
