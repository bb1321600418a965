"""Names of the film's own time and place: an ancient-style film is cast in Chinese names.

Recorded (craft bench, 2026-12-05): the English ancient-style idea of a swordswoman who
carries a sealed letter across a snowy pass was cast as Isabella, Ben and Leo. Ancient
Style (古风) is Chinese antiquity; a reader laughed at a general called Ben. A Chinese
film's names are Chinese already, so only an English one is mended: each common Western
given name becomes a Chinese name in pinyin that suits the person's sex, carried through
the bible and whatever text already names them (the logline).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from film.quality.people.names.spare import person_kind
from film.quality.people.sexes import FEMALE, MALE
from film.screenplay import CharacterProfile, Genre

#: Western given names the model reaches for, the studio's own English spare names among
#: them. A name outside the list is left alone: it may be the user's own.
WESTERN_NAMES = frozenset(
    """
    lily emma grace chloe hannah ruby ben leo owen tom daniel max sam alex robin jamie
    casey jordan rowan avery margaret edith ruth helen dorothy joan walter arthur harold
    george frank albert pat terry leslie marion isabella isabel sophia sophie olivia
    ava mia amelia charlotte emily abigail ella elizabeth sarah anna anne mary jane kate
    katie lucy alice rose laura julia jessica jennifer linda susan lisa nancy karen amy
    rachel rebecca claire zoe eva luna stella victoria natalie taylor john james michael
    david william richard robert thomas charles joseph christopher matthew andrew mark
    paul peter steven kevin brian jason ryan eric adam jack jacob ethan noah liam lucas
    mason logan henry oliver harry charlie oscar alfie archie theo finn jake luke nathan
    chris mike tim nick ted bob bill joe steve dan ed fred greg ian kyle sean tony victor
""".split()
)

#: Names in pinyin by sex, surnames all different; "" serves either.
_PINYIN: dict[str, tuple[str, ...]] = {
    FEMALE: ("Lin Yue", "Su Wan", "Ye Qing", "Tang Xue", "Qin Lan", "He Jing"),
    MALE: ("Shen Mo", "Gu Chuan", "Jiang Heng", "Zhao Yan", "Meng Yang", "Lu Feng"),
    "": ("Xu Yan", "Song He", "Cheng Yi", "Fang Zhou"),
}


def _western(name: str) -> bool:
    words = re.findall(r"[A-Za-z]+", name)
    return bool(words) and name.isascii() and any(w.lower() in WESTERN_NAMES for w in words)


def _pinyin_name(sex: str, taken: set[str]) -> str:
    for key in (sex, "", FEMALE if sex == MALE else MALE):
        for name in _PINYIN.get(key, ()):
            if name.lower() not in taken and name.split()[0].lower() not in taken:
                return name
    return ""


def period_names(
    profiles: Sequence[CharacterProfile], genre: Genre | None, language: str
) -> dict[str, str]:
    """Old name to new, for each Western name in an English ancient-style bible; or {}."""
    if genre is not Genre.ANCIENT_STYLE or language == "zh":
        return {}
    taken = {p.name.lower() for p in profiles}
    taken |= {p.name.split()[0].lower() for p in profiles if p.name.split()}
    swaps: dict[str, str] = {}
    for person in profiles:
        if not _western(person.name):
            continue
        sex, _old = person_kind(person.name, person.role, f"{person.look} {person.voice}")
        new = _pinyin_name(sex, taken)
        if new:
            swaps[person.name] = new
            taken |= {new.lower(), new.split()[0].lower()}
    return swaps


def renamed(text: str, swaps: Mapping[str, str]) -> str:
    """``text`` with each old name, as a whole word, said by its new one."""
    for old, new in swaps.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text


def in_period_names(
    profiles: Sequence[CharacterProfile], swaps: Mapping[str, str]
) -> list[CharacterProfile]:
    """The bible with ``swaps`` made in every name and every field that names someone."""
    if not swaps:
        return list(profiles)
    return [
        p.model_copy(
            update={
                "name": swaps.get(p.name, p.name),
                "role": renamed(p.role, swaps),
                "look": renamed(p.look, swaps),
                "wardrobe": renamed(p.wardrobe, swaps),
                "voice": renamed(p.voice, swaps),
                "props": [renamed(prop, swaps) for prop in p.props],
            }
        )
        for p in profiles
    ]


def period_cast(
    profiles: Sequence[CharacterProfile],
    logline: Mapping[str, str],
    genre: Genre | None,
    language: str,
) -> tuple[list[CharacterProfile], dict[str, str]]:
    """The bible in the film's period names (:func:`period_names`), and the logline so too."""
    swaps = period_names(profiles, genre, language)
    told = {key: renamed(str(value), swaps) for key, value in logline.items()}
    return in_period_names(profiles, swaps), told
