"""A beat names its people as the bible does, not by the idea's words for them.

Recorded (the courier, 2026-12-03): the bible cast 林夏 as the courier (快递员) and 许爷爷 as
the old man (老爷爷), but the outline's first beats were the idea's clauses as written,
"快递员每天给独居的老爷爷送快递" and "有一天老爷爷没有来开门". The scene writer then read a
third person, 老爷爷, beside its cast, and wrote 许爷爷 as the courier's colleague, waiting
with him for an old man who never came. A person word that is one bible person's role is
that person's name (:func:`named_by_role`). Whom a beat says is not there is not in its cast
(:func:`absent_from`, and the scene task says so; :func:`without_the_absent` strikes the
lines the model gives them anyway), and a door they do not open is theirs
(:func:`their_door`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from film.language import has_cjk
from film.quality.heads import role_head
from film.quality.mend.cast import where_they_are
from film.quality.people.words import PEOPLE, PERSON_WORDS
from film.quality.story.away import away_words
from film.screenplay import Scene

_ARTICLE = r"(?:\b(?:a|an|the|this|that)\s+)?"
_ZH_BEFORE = r"(?:(?<![\u4e00-\u9fff])|(?<=[的和与跟给对向把被让叫请等在是天见找陪帮教]))"


def named_by_role(text: str, roles: Mapping[str, str]) -> str:
    """``text`` with each role only one of ``roles`` (name: role) has said as the name.

    A role is matched whole ("retired piano teacher", 快递员), with its English article;
    a role two people share, a one-word English role ("student": "the student council"),
    and a role inside a name ("爷爷" in 许爷爷) are left as they are.
    """
    counts: dict[str, int] = {}
    for role in roles.values():
        key = role.strip().casefold()
        counts[key] = counts.get(key, 0) + 1
    names = [name for name in roles if name.strip()]
    for name, role in sorted(roles.items(), key=lambda item: -len(item[1])):
        role = role.strip()
        if len(role) < 2 or counts[role.casefold()] > 1 or role.casefold() == name.casefold():
            continue
        if has_cjk(role):
            # 学生们 are not one person, and 宫廷画师 is not a 画师 renamed: a Chinese role is
            # its own word, after a stop, a particle or a verb that takes a person.
            # A name that holds the role says the rest too: "保安大爷" is 小区保安大爷 whole,
            # not "小区保安大爷大爷" (the guard's outline, craft bench, 2026-12-04).
            tail = name.partition(role)[2] if role in name else ""
            rest = f"(?:{re.escape(tail)})?" if tail else ""
            pattern = re.compile(f"{_ZH_BEFORE}{re.escape(role)}{rest}(?!们)")
        elif re.fullmatch(r"[A-Za-z' -]+", role) and len(role.split()) >= 2:
            pattern = re.compile(rf"{_ARTICLE}\b{re.escape(role)}\b", re.IGNORECASE)
        else:
            continue
        text = _outside_names(text, names, _said_as(pattern, name))
    return text


def _said_as(pattern: re.Pattern[str], name: str) -> Callable[[str], str]:
    """A change that says ``pattern`` as ``name``."""
    return lambda part: pattern.sub(name, part)


def _outside_names(text: str, names: list[str], change: Callable[[str], str]) -> str:
    """``text`` changed by ``change`` only between the bible's names, never inside one."""
    said = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    parts = re.split(f"({said})", text) if said else [text]
    return "".join(part if index % 2 else change(part) for index, part in enumerate(parts))


#: Someone a beat says is not there: 许爷爷没有来开门, "Grandpa doesn't answer the door".
_ABSENT_ZH = (
    r"[^，。！？]{0,4}?(?:没有|没|不|再也没)来?(?:开门|来|出现|露面|回来|回家|接电话)"
    r"|不见了|失踪了?"
)
_ABSENT_EN = (
    r"(?:\s+(?:still|again))?\s+(?:doesn't|does not|didn't|did not|never|won't|will not)\s+"
    r"(?:come|answer|open|show up|appear|return)\b"
    r"|\s+(?:is|was|has gone)\s+(?:missing|gone|absent)\b|\s+disappears\b"
)


def absent_from(summary: str, cast: list[str]) -> list[str]:
    """``cast`` without whom ``summary`` says is not there, while someone else is left.

    Recorded (the courier, 2026-12-03): "有一天许爷爷没有来开门" was played with 许爷爷 at the
    courier's side, talking; the beat's turn is his absence, so he is not in its cast.
    """
    gone = absent_names(summary, cast)
    left = [name for name in cast if name not in gone]
    return left if left else cast


def absent_names(summary: str, names: list[str]) -> list[str]:
    """Those of ``names`` whom ``summary`` says are not there."""
    absent = _ABSENT_ZH if has_cjk(summary) else _ABSENT_EN
    return [
        name
        for name in names
        if name.strip() and re.search(f"{re.escape(name)}(?:{absent})", summary, re.I)
    ]


def away_cast(idea: str, people: Sequence[tuple[str, str]]) -> list[str]:
    """Who of ``people`` (name, role) the idea puts out of the film, by name or role.

    The words for them too ("Father", 父亲), for a cue the model gives one it never cast:
    the swordswoman's exiled father walked the pass beside her (craft bench, 2026-12-04).
    """
    gone = away_words(idea, sorted(PERSON_WORDS))
    if not gone:
        return []
    groups = [group for group in PEOPLE if set(group) & set(gone)]
    words = sorted({w for group in groups for w in group}, key=len, reverse=True)

    def is_them(name: str, role: str) -> bool:
        head = role_head(role) if role.isascii() else role.strip()
        return any(
            name.strip().casefold() == w.casefold() or head.casefold() == w.casefold()
            for w in words
        )

    names = [name for name, role in people if is_them(name, role)]
    said = [w.title() if w.isascii() else w for w in gone]
    return list(dict.fromkeys([*names, *said]))


#: An action line that tells the absence rather than the person: "许爷爷的门紧闭着",
#: "Grandpa's chair stays empty".
_STILL_ABSENT = re.compile(
    r"没|不|未|空|紧闭|n't\b"
    r"|\b(?:no|not|never|empty|missing|gone|absent|closed|locked)\b",
    re.I,
)


def without_the_absent(scene: Scene, summary: str, cast: list[str]) -> Scene:
    """``scene`` without a word or a deed of whom its beat ``summary`` says is not there.

    Recorded (craft bench, 2026-12-03): the beat "有一天许爷爷没有来开门" was cast without
    him and its task said he was not there, and the model still gave him three lines, so
    the courier's worry was answered by the old man he was worried for. His lines go, and
    so does an action line he opens on, unless it tells his absence ("许爷爷的门紧闭着").
    """
    return without_people(scene, absent_names(summary, cast))


def without_people(scene: Scene, gone: list[str]) -> Scene:
    """``scene`` without the lines and deeds of ``gone``, who are not in it.

    Their cues go, and an action line that opens on one of them unless it tells their
    absence; the scene keeps at least one action line.
    """
    if not gone:
        return scene

    def acts(line: str) -> bool:
        return acts_there(line, gone)

    action = [line for line in scene.action if not acts(line)]
    characters = [name for name in scene.characters if name not in gone]
    # Every line theirs: who is there says where they are, not the gone one's deed ("The
    # nurse notices the baker's note" was the baker's scene's only line, 2026-12-03, 19:45).
    fallback = [where_they_are(scene.model_copy(update={"characters": characters}))]
    return scene.model_copy(
        update={
            "action": action or (fallback if characters else scene.action[:1]),
            "dialogue": [line for line in scene.dialogue if line.speaker not in gone],
            "characters": characters,
        }
    )


def beat_cast(
    summary: str,
    cast: list[str],
    index: int,
    *,
    apart_among: Mapping[str, str] | Sequence[str] = (),
    away: Sequence[str] = (),
) -> list[str]:
    """Who beat ``index`` shows: not the absent, and one alone where nobody ever meets.

    ``apart_among`` is the whole bible (name: role) of a film whose people never meet: the
    one on screen is chosen from all of them, not from the beat's own list, which the model
    had kept to the nurse in every beat (craft bench, 2026-12-03), so the baker never
    showed. Whom the beat says is not there is not the one it shows, nor anyone the idea
    keeps ``away`` (:func:`away_cast`) while someone else is left.
    """
    cast = [name for name in cast if name not in away] or cast
    if apart_among:
        roles = {
            name: role
            for name, role in (
                apart_among.items()
                if isinstance(apart_among, Mapping)
                else dict.fromkeys(apart_among, "").items()
            )
            if name not in away
        }
        present = absent_from(summary, list(roles))
        return one_on_screen(summary, present, index, roles)
    return absent_from(summary, cast)


def acts_there(line: str, people: list[str]) -> bool:
    """Whether action ``line`` opens on one of ``people`` doing something there.

    A line of their absence ("许爷爷没有开门") does not count.
    """
    opens = any(re.match(_opening(name), line.lstrip(), re.I) for name in people)
    return opens and not _STILL_ABSENT.search(line)


def _opening(name: str) -> str:
    """A line that opens on ``name``: "The baker" opens on a Baker, 许爷爷笑 on 许爷爷."""
    return rf"(?:the\s+)?{re.escape(name)}\b" if name.isascii() else re.escape(name)


def one_on_screen(
    summary: str, cast: list[str], index: int, roles: Mapping[str, str] | None = None
) -> list[str]:
    """The one person of ``cast`` beat ``index`` shows, in a film whose people never meet.

    Recorded (craft bench, 2026-12-03): "A night-shift nurse and the baker … swap notes on
    the bakery window for a whole winter without ever meeting" was six scenes of the two
    side by side in the bakery, chatting. Each beat now shows one of them: of those its
    summary names, beats take turns (the nurse writes, then the baker answers), and a beat
    that names nobody takes the next in the cast. A person is named by their name or by
    their role's head noun (``roles``): "the baker" is Alex, the baker across the street.
    """
    people = [name for name in cast if name.strip()]
    if len(people) < 2:
        return cast
    folded = summary.casefold()

    def said_at(name: str) -> int:
        """Where the summary first names ``name`` (a Chinese name within its words), or -1."""
        heads = [name.casefold(), role_head((roles or {}).get(name, ""))]
        words = [rf"\b{re.escape(h)}\b" if h.isascii() else re.escape(h) for h in heads if h]
        return min((m.start() for w in words for m in re.finditer(w, folded)), default=-1)

    # In the bible's order, so the turns alternate: in the summaries' own order, "Sam
    # notices…" and "Alex tells Sam…" put Sam on screen in all seven scenes (12-03).
    named = [n for n in people if said_at(n) >= 0] or people
    return [named[index % len(named)]]


_DOOR_ZH = r"[^，。！？]{0,4}?(?:没有|没|不|再也没)来?开门"
_DOOR_EN = (
    r"(?:\s+(?:still|again))?\s+(?:doesn't|does not|didn't|did not|never)\s+"
    r"(?:answer|open)\s+(?:the|his|her)\s+door\b"
)


def their_door(summary: str, cast: list[str]) -> str:
    """The place outside the door ``summary`` says someone of ``cast`` does not open, or "".

    The door is theirs: "有一天许爷爷没有来开门" was played at the courier's depot
    (快递站门口, the courier, 2026-12-03), where 许爷爷 has no door to open.
    """
    zh = has_cjk(summary)
    for name in (n for n in cast if n.strip()):
        if re.search(f"{re.escape(name)}{_DOOR_ZH if zh else _DOOR_EN}", summary, re.I):
            return f"{name}家门口" if zh else f"{name}'s front door"
    return ""
