"""A stand-in name becomes a real one.

The 1.5B model cast the night-market coder and her family as 张三, 李四 and 王五 through
three answers, and the whole draft was refused (craft bench, 18:07). Those names mean
"anybody": a reader laughs at them, and they carry nothing of the person. Before any scene
is written, nothing refers to a bible name yet, so it can be swapped for a real one with no
story lost: a plain given name, chosen for neither sex, that nobody else in the bible has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.quality.heads import job_as_name, owned_label
from film.quality.names import NOBODY_NAMES, PLACEHOLDER_NAMES
from film.quality.people.names.jobs import idea_label, job_phrase, zh_job_as_name
from film.quality.people.names.spare import as_called, person_kind, spare_name
from film.quality.people.words import TRADES
from film.quality.story.actions import idea_lead, lead_head
from film.screenplay import CharacterProfile, DialogueLine

#: A name with a bracket after it: "Driver (Grandfather)", "Lily (granddaughter)".
_BRACKETED = re.compile(r"^\s*(?P<outer>[^()（）]+?)\s*[(（]\s*(?P<inner>[^()（）]+?)\s*[)）]\s*$")


def unbracketed(name: str) -> tuple[str, str]:
    """``name`` without its bracket, and the part that went ("" when it had none).

    What stays is the name itself, or the kin a bare trade stood for.

    Recorded (en-family-bus, 2026-12-01): the grandfather was cast as "Driver
    (Grandfather)", and every cue and action line read "DRIVER (GRANDFATHER)". A bracket
    in a name is the role said twice: "Lily (granddaughter)" is Lily, and "Driver
    (Grandfather)" is Grandfather, since a trade is no name.
    """
    found = _BRACKETED.match(name)
    if found is None:
        return name, ""
    outer, inner = found["outer"], found["inner"]
    return (inner, outer) if _trades_in(outer) and not _trades_in(inner) else (outer, inner)


#: A name or role told apart by a letter or a number: "Captain A" and "Captain B"
#: (en-romance-lift, 2026-12-01), 同桌A, 顾客1, 同学甲, "Student 2". The one pattern for it.
_NUMBERED = re.compile(
    r"^\s*(?P<base>\S.*?)(?:\s+|(?<=[\u4e00-\u9fff]))(?:[A-Z]|[0-9]{1,2}|[甲乙丙丁])\s*$"
)


def numbered_base(name: str) -> str:
    """What ``name`` numbers ("顾客1": 顾客, "Captain A": Captain), or "" if it numbers none.

    A reader needs names: a numbered person is a stand-in (:func:`real_names`), a
    numbered cue the bible's person it numbers, a numbered role the role.
    """
    found = _NUMBERED.match(name)
    return found["base"].strip() if found else ""


#: Kin a family calls by name, not by the kin word: a grandfather said "Granddaughter, I
#: hope you have seen the city before" (craft bench, the bus, 2026-12-04). Elders and
#: parents ("Grandma", "Dad") are called so, and keep it. English only: a Chinese bible's
#: 孙子 is how the idea and its scenes say him, and a swap would reach into every line.
_CALLED_BY_NAME = frozenset(
    {"granddaughter", "grandson", "grandchild", "grandkid", "niece", "nephew"}
)


def junior_kin_name(name: str) -> bool:
    """Whether ``name`` is a kin word a family would call by a real name, or 李孙子 (12-04)."""
    return " ".join(name.lower().split()) in _CALLED_BY_NAME or bool(_SURNAMED_JUNIOR.match(name))


_SURNAMED_JUNIOR = re.compile(r"^\s*([\u4e00-\u9fff])(外?孙子|外?孙女|儿子|女儿)\s*$")


#: A Chinese name that describes someone by whose they are: "独居老人家的老人" (the old man of
#: the home of the old man living alone) was the ginger-soup host's name in every cue
#: (craft bench, 2026-12-04). What follows the last 的 is what the film calls them.
_WHOSE = re.compile(r"^[\u4e00-\u9fff]{2,}的(?P<called>[\u4e00-\u9fff]{2,4})$")


def undescribed(name: str) -> str:
    """``name`` without a Chinese description before it: 小明的妈妈 is 妈妈."""
    found = _WHOSE.match(name.strip())
    return found["called"] if found else name


#: Years of a life's work in the idea: whoever did it is old.
_LONG_SERVED = re.compile(
    r"\b(?:thirty|forty|fifty|sixty|[3-6]\d) years\b|[三四五六]十多?年|几十年"
)


def real_names(
    names: Sequence[str],
    language: str,
    idea: str = "",
    roles: Sequence[str] = (),
    hints: Sequence[str] = (),
) -> list[str]:
    """``names`` with each stand-in replaced by a real name, in order.

    Stand-ins: 张三 and John Doe, lettered roles (Captain A), the ``idea``'s own words
    for someone ("Food Delivery Rider"), and a name that is only its role's job ("Nurse"
    for a night-shift nurse: the bible of the nurse and the baker was refused six times
    for "Nurse" and "Baker", 2026-12-02; ``roles`` in the order of ``names``), and a
    grandchild called "Granddaughter" (:func:`junior_kin_name`). A bracket and a
    description go first (:func:`unbracketed`, :func:`undescribed`), unless that makes two
    people one name. A new name suits the sex and age the name, role and ``hints`` (look
    and voice, in the order of ``names``) give (:func:`spare_name`).
    """
    owned = [owned_label(name, names) for name in names]  # "Sam's friend", 小明的朋友
    plain = [undescribed(unbracketed(name)[0]) for name in names]
    clash = {n.lower() for n in plain if [p.lower() for p in plain].count(n.lower()) > 1}
    names = [
        new if new.lower() not in clash else old for old, new in zip(names, plain, strict=True)
    ]
    taken = {name.strip().lower() for name in names}
    renamed: list[str] = []
    jobs = {
        name
        for name, role in zip(names, roles, strict=False)
        if job_as_name(name, role) or zh_job_as_name(name, role)
    }
    padded = zip(names, [*roles, *[""] * len(names)], [*hints, *[""] * len(names)], strict=False)
    # A lead who has kept the light "for forty years" is old (the lighthouse, 2026-12-04).
    veteran = lead_head(idea_lead(idea)) if _LONG_SERVED.search(idea) else ""
    for (name, role, hint), labelled in zip(padded, owned, strict=False):
        hint = f"{hint} elderly" if veteran and veteran in role.lower() else hint
        stand_in = name in jobs or (
            " ".join(name.lower().split()) in PLACEHOLDER_NAMES | NOBODY_NAMES
            or numbered_base(name)
            or idea_label(name, idea)
            or job_phrase(name, role, idea)
            or junior_kin_name(name)
            or labelled
        )
        new = spare_name(language, *person_kind(name, role, hint), taken) if stand_in else ""
        if new and (family := _SURNAMED_JUNIOR.match(name)) and len(new) == 2:
            new = family[1] + new[1] if family[1] + new[1] not in taken else new  # 李默
        if new:
            taken.add(new.lower())
        renamed.append(as_called(new, f"{role} {hint}", language) if new else name)
    return renamed


def holds_own_word(words: Iterable[str], text: str) -> bool:
    """Whether ``text`` holds one of ``words`` as its own: "driver", not "driver's" or 司机的."""
    return any(
        re.search(rf"\b{re.escape(w)}s?\b(?!['’]s)", text, re.I)
        if w.isascii()
        else re.search(rf"{re.escape(w)}(?!的)", text)
        for w in words
    )


def _trades_in(text: str) -> list[tuple[str, str]]:
    """The trades ``text`` holds: each trade's first word and the word ``text`` uses."""
    found = []
    for group in TRADES:
        word = next((w for w in group if holds_own_word([w], text)), None)
        if word is not None:
            found.append((group[0], word))
    return found


def role_of_trade_name(name: str, role: str) -> str:
    """``role``, or the trade the name carries when the role is only another trade.

    Recorded (craft bench, 保安大爷的天罗地网): 保安大爷, the residential compound's guard,
    had the role 警察, and a reader took him for a policeman. A role that says more than a
    trade ("the guard's nephew, a police cadet") is left alone.
    """
    by_name, by_role = _trades_in(name), _trades_in(role)
    bare = role.strip(" 。.")
    short = len(bare) <= 4 if not bare.isascii() else len(bare.split()) <= 2
    if len(by_name) != 1 or not by_role or by_name[0][0] in dict(by_role) or not short:
        return role
    return by_name[0][1]


def stand_ins_cast(lines: list[DialogueLine], beat_cast: list[str]) -> list[DialogueLine]:
    """``lines`` with stand-in speakers (张三, 李四) as the beat's people who do not speak.

    Recorded (craft bench, the court painter, 2026-12-02): scene 1 gave every cue to 张三 and
    李四, who are nobody, through six answers, and the whole film was refused. In order of
    first line, each stand-in is the next of the beat's people with no line of their own;
    one left over answers the line before.
    """
    stand_ins = list(
        dict.fromkeys(
            line.speaker for line in lines if line.speaker.strip().lower() in PLACEHOLDER_NAMES
        )
    )
    if not stand_ins:
        return lines
    speaking = {line.speaker for line in lines}
    free = [name for name in beat_cast if name not in speaking]
    cast_as = dict(zip(stand_ins, free, strict=False))
    cast: list[DialogueLine] = []
    for line in lines:
        speaker = cast_as.get(line.speaker, line.speaker)
        if speaker in stand_ins and beat_cast:  # more stand-ins than people: a reply
            before = cast[-1].speaker if cast else ""
            speaker = next((n for n in beat_cast if n != before), beat_cast[0])
        cast.append(
            line if speaker == line.speaker else line.model_copy(update={"speaker": speaker})
        )
    return cast


#: Where an English role turns into a description of the moment: "New person standing next
#: to James with concern, wearing a black hoodie and jeans, sneakers, looking" was a role
#: in the drummer's bible (craft bench, 2026-12-03), cut off mid-word.
_DESCRIBED = re.compile(r"\s+(?:standing|sitting|wearing|looking|holding|walking)\b.*$", re.I)


#: A look written as the role: "A woman with gray hair and a beard" (the lighthouse's
#: newcomer, craft bench, 2026-12-03). The look has its own field.
_LOOKS = re.compile(
    r"\s+with\s+(?:\w+\s+){0,4}(?:hair|beard|eyes|glasses|moustache|mustache)\b.*$", re.I
)


def short_role(role: str) -> str:
    """``role`` as who someone is, not a description: up to its first comma, then its noun.

    A role of six words or less (fifteen characters in Chinese) is left as written.
    """
    role = _LOOKS.sub("", role.strip()) or role.strip()
    if (len(role.split()) if role.isascii() else len(role)) <= (6 if role.isascii() else 15):
        return role
    first = re.split(r"[,，;；]", role, maxsplit=1)[0].strip()
    if first.isascii() and len(first.split()) > 6:
        first = _DESCRIBED.sub("", first).strip() or first
    return first or role


def renamed_bible(
    profiles: Sequence[CharacterProfile], language: str, idea: str
) -> list[CharacterProfile]:
    """The bible with stand-in names made real, wherever they appear in it."""
    roles, hints = [p.role for p in profiles], [f"{p.look} {p.voice}" for p in profiles]
    names = real_names([p.name for p in profiles], language, idea, roles, hints)
    swaps = [(p.name, new) for p, new in zip(profiles, names, strict=True) if p.name != new]
    if not swaps:
        return list(profiles)

    def swapped(text: str, own: str = "") -> str:
        for old, new in swaps:
            if old != own:
                text = text.replace(old, new)
        return text

    def with_trade(person: CharacterProfile, name: str) -> str:
        """The role, holding the trade a bracketed name lost ("Driver (Grandfather)").

        A person's own old name stays in their role: it was their job ("Nurse", whose role
        read "Nurse" and became "Sam" beside the new name Sam, 2026-12-02).
        """
        kept, went = unbracketed(person.name)
        role = swapped(person.role, own=person.name)
        if owned_label(person.name, [p.name for p in profiles]) and person.name not in role:
            return (
                f"{role} ({person.name})" if person.name.isascii() else f"{role}（{person.name}）"
            )
        if junior_kin_name(person.name):  # "Granddaughter", role "grandchild": she is hers
            kept, went = name, _SURNAMED_JUNIOR.sub(r"\2", person.name)  # 李孙子 is 孙子
        if kept != name or not went or went.lower() in role.lower():
            return role
        return f"{role} ({went.lower()})" if went.isascii() else f"{role}（{went}）"

    return [
        p.model_copy(
            update={
                "name": name,
                "role": with_trade(p, name),
                "look": swapped(p.look),
                "wardrobe": swapped(p.wardrobe),
                # "张三的声音活泼而开朗" was left on 林夏 (craft bench, 2026-12-02).
                "voice": swapped(p.voice),
            }
        )
        for p, name in zip(profiles, names, strict=True)
    ]
