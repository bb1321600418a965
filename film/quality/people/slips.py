"""Exact fixes for the family slips of a small model, made before the gate asks again.

Each fix here is certain, so it costs no retry (a retry is a whole answer, 20-60 s on two
cores, and the 1.5B model often repeats itself):

* a title's relative the idea contradicts takes its counterpart (*The Grandmother's Bike*
  for a grandfather's idea: :func:`title_with_idea_kin`);
* the relative an idea implies ("his granddaughter") is written into the one person it
  is (:func:`with_implied_roles`), and the must-cast list joins them (:func:`cast_words`);
* a bare role that contradicts a kin name, and an elder's stray young word
  (:func:`mend_people`);
* a relative nobody in the film is, where the film has their counterpart, in a scene
  (爷爷 in a film whose only grandparent is 奶奶: :func:`with_told_kin`).

What counts as a relative, and the checks that fire when no fix is certain, live in
:mod:`film.quality.people.family`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from film.quality.coverage import mentions
from film.quality.people.ages import elder_look, young_look
from film.quality.people.family import (
    KEYED,
    PAIRS,
    WORDS,
    contradicted,
    implied_relatives,
    lead_as_relative,
    relatives_in,
    whole_kin,
    words_of,
)
from film.quality.people.kin import role_of_kin_name
from film.quality.people.names.naming import holds_own_word, role_of_trade_name
from film.quality.people.words import PEOPLE
from film.quality.story.actions import lead_name

_SWAPS: tuple[tuple[str, str], ...] = (
    ("grandmother", "grandfather"),
    ("grandma", "grandpa"),
    ("granddaughter", "grandson"),
    ("mother", "father"),
    ("mom", "dad"),
    ("mum", "dad"),
    ("daughter", "son"),
    ("奶奶", "爷爷"),
    ("外婆", "外公"),
    ("姥姥", "姥爷"),
    ("祖母", "祖父"),
    ("外孙女", "外孙"),
    ("孙女", "孙子"),
    ("妈妈", "爸爸"),
    ("母亲", "父亲"),
    ("老妈", "老爸"),
    ("女儿", "儿子"),
)

#: Each kin word and its counterpart in the pair, for mending a title.
_COUNTERPARTS: dict[str, str] = {
    **{a: b for a, b in _SWAPS},
    **{b: a for a, b in _SWAPS},
}


def title_with_idea_kin(title: str, idea: str) -> str:
    """``title`` with a contradicted kin word swapped for its counterpart.

    *The Grandmother's Bike* for a grandfather's idea is *The Grandfather's Bike*; 奶奶的
    自行车 is 爷爷的自行车. A word without a counterpart here is left to the check.
    """
    return whole_kin(_swapped(title, {key for key, _other in contradicted(title, idea)}), idea)


def film_relatives(idea: str, people: Iterable[tuple[str, str]]) -> set[str]:
    """The relatives a film has: named or implied by its idea, or in its bible (name, role)."""
    bible = "\n".join(f"{name} {role}" for name, role in people)
    return relatives_in(idea) | implied_relatives(idea) | relatives_in(bible)


def with_told_kin(text: str, told: set[str], film_text: str = "") -> str:
    """``text`` with a relative the film lacks swapped for the counterpart it has.

    Recorded (craft bench 18:18, 饺子里的叮嘱): the grandmother's dumplings lesson had
    "孙子站在爷爷面前，看着奶奶在做" and a line for 爷爷, who is in neither the idea nor
    the bible, and the form repair then cast a grandfather nobody asked for. ``told`` is
    :func:`film_relatives`.
    """
    wrong = {key for key in relatives_in(text) - told if _partner(key) in told}
    swapped = _a_generation_up(_swapped(text, wrong), told, film_text)
    # "看着爸爸和妈妈在散步" in a film with no mother came out "爸爸和爸爸" (2026-12-01).
    once = _TWICE.sub(lambda match: match.group(1) or match.group(2), swapped)
    return once if swapped != text else text


_TWICE = re.compile(r"([\u4e00-\u9fff]{2,3})(?:和|与|跟)\1|\b([A-Z][a-z]+) and \2\b")
#: A parent or child the film lacks, where it has the grandparent or grandchild instead;
#: and a grandchild it lacks where it has the child: a 孙子 answered the phone in the film of
#: a grandmother who video-calls her son (2026-12-04), and was cast as a stranger.
_GENERATION = {
    "mother": "grandmother",
    "father": "grandfather",
    "son": "grandson",
    "daughter": "granddaughter",
    "grandson": "son",
    "granddaughter": "daughter",
}


def _a_generation_up(text: str, told: set[str], film_text: str) -> str:
    """``text`` with a parent (or child) the film lacks said as its grandparent (grandchild).

    Recorded (craft bench, 饺子的约定): "孙子在学校的校车里，妈妈给他送行。" in a film of a
    grandmother and her grandson only. Only when the film has neither parent (child) and
    has the grandparent (grandchild); the word is the film's own (外婆, not 奶奶, in a film
    of 外婆), from ``film_text`` (the idea and the bible).
    """
    for key in relatives_in(text) - told:
        target = _GENERATION.get(key)
        if target is None or target not in told or {key, _partner(key)} & told:
            continue
        for word, found in WORDS:
            if found != key:
                continue
            chosen = _film_word(target, film_text, chinese=not word.isascii())
            if word.isascii():
                text = re.sub(rf"\b{re.escape(word)}\b", _in_case_of(chosen), text, flags=re.I)
            else:
                text = text.replace(word, chosen)
    return text


def _film_word(key: str, film_text: str, *, chinese: bool) -> str:
    """The film's own word for the relative ``key``, in the script asked for."""
    words = [w for w in words_of(key) if w.isascii() != chinese and w != "grandchild"]
    used = [w for w in words if w.lower() in film_text.lower()]
    return (used or words)[0]


def _partner(key: str) -> str:
    pair = next(p for p in PAIRS if key in p)
    return pair[1] if pair[0] == key else pair[0]


def _swapped(text: str, wrong: set[str]) -> str:
    """``text`` with each kin word of the ``wrong`` relatives swapped for its counterpart."""
    if not wrong:
        return text
    for word, key in WORDS:
        partner = _COUNTERPARTS.get(word.lower())
        if key not in wrong or partner is None:
            continue
        if word.isascii():
            text = re.sub(rf"\b{re.escape(word)}(?=s?\b)", _in_case_of(partner), text, flags=re.I)
        else:
            text = text.replace(word, partner)
    return text


def _in_case_of(partner: str) -> Callable[[re.Match[str]], str]:
    """A replacement that writes ``partner`` capitalised where the word it replaces was."""

    def replace(match: re.Match[str]) -> str:
        return partner.capitalize() if match.group(0)[0].isupper() else partner

    return replace


def cast_words(idea: str, people: list[str]) -> list[str]:
    """The idea's ``people`` words, the implied relative joined to the one it describes.

    The must-cast list for "A retired bus driver teaches his granddaughter" reads "driver
    (grandfather), granddaughter": one person, who is both. Listed apart, the model would
    cast a grandfather beside the driver. A relative with no other person word to join
    is added on its own.
    """
    implied = sorted(implied_relatives(idea) - relatives_in(idea))
    if not implied:
        return people
    chinese = bool(re.search(r"[\u4e00-\u9fff]", idea))
    said = [next(w for w in words_of(k) if not w.isascii()) if chinese else k for k in implied]
    plain = [i for i, word in enumerate(people) if not relatives_in(word)]
    if not plain:
        return [*people, *said]
    joined = list(people)
    first = plain[0]
    joined[first] = (
        f"{people[first]}（{'、'.join(said)}）"
        if chinese
        else (f"{people[first]} ({', '.join(said)})")
    )
    return joined


#: The relatives whose counterpart an implied relative is: a grandfather's grandchild.
_CHILDREN_OF = {
    "grandfather": ("granddaughter", "grandson"),
    "grandmother": ("granddaughter", "grandson"),
    "father": ("daughter", "son"),
    "mother": ("daughter", "son"),
}


def with_implied_roles(idea: str, people: list[tuple[str, str]]) -> list[str]:
    """Each person's role, the idea's implied relative written into the one it is.

    "A retired bus driver ... his granddaughter": the bible's "Joe, driver" becomes "driver,
    Lily's grandfather" when Lily is the granddaughter. Only a certain case is mended: one
    person carries the idea's person word ("driver", 司机) and nobody is the relative yet.
    ``people`` is (name, role); the roles come back in the same order.
    """
    roles = [role for _name, role in people]
    chinese = bool(re.search(r"[\u4e00-\u9fff]", idea))
    everyone = "\n".join(f"{name} {role}" for name, role in people)
    for key in sorted(implied_relatives(idea) - relatives_in(idea) - relatives_in(everyone)):
        carriers = [i for i, role in enumerate(roles) if carries_idea_person(idea, role)]
        if len(carriers) != 1:
            continue
        child = next(
            (
                name
                for name, role in people
                if relatives_in(f"{name} {role}") & set(_CHILDREN_OF[key])
            ),
            "",
        )
        word = next(w for w in words_of(key) if not w.isascii()) if chinese else key
        if chinese:
            roles[carriers[0]] += f"，{child}的{word}" if child else f"，{word}"
        else:
            roles[carriers[0]] += f", {child}'s {word}" if child else f", {word}"
    return roles


def carries_idea_person(idea: str, role: str) -> bool:
    """Whether ``role`` names a non-kin person word of the idea ("driver" of "bus driver").

    A possessive is someone else: "grandfather (driver's father)", 司机的父亲.
    """
    return any(
        group[0] not in KEYED and holds_own_word([w for w in group if _said_in(w, idea)], role)
        for group in PEOPLE
    )


def _said_in(word: str, idea: str) -> bool:
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}s?\b", idea, re.I) is not None
    return mentions(idea, word)  # 老师傅 says no 老师


def mend_people(idea: str, people: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """The bible's exact people fixes, before the gate: each person's (role, look).

    ``people`` is (name, role, look). In order: a bare role that contradicts a kin name
    (:func:`~film.quality.people.kin.role_of_kin_name`) or the trade in a name
    (:func:`~film.quality.people.names.naming.role_of_trade_name`), the idea's implied relative
    (:func:`with_implied_roles`), then an elder's stray young word
    (:func:`~film.quality.people.ages.elder_look`), which needs the mended role to know
    who is old.
    """
    named = [
        (name, role_of_trade_name(name, role_of_kin_name(name, role)))
        for name, role, _look in people
    ]
    roles = with_implied_roles(idea, named)
    named = [(name, role) for (name, _role), role in zip(named, roles, strict=True)]
    # The lead is found by name, role or look: Sam, "Teacher", was the "Young boy".
    lead = lead_name(idea, [(name, f"{role} {look}") for name, role, look in people])
    roles = lead_as_relative(idea, lead, named)
    return [
        (role, young_look(name, role, elder_look(name, role, look)))
        for (name, _role, look), role in zip(people, roles, strict=True)
    ]


#: How a child calls each elder by default, when the bible names them otherwise.
_CALLS = {
    "en": {"grandmother": "Grandma", "grandfather": "Grandpa", "mother": "Mom", "father": "Dad"},
    "zh": {"grandmother": "奶奶", "grandfather": "爷爷", "mother": "妈妈", "father": "爸爸"},
}
_ZH_ADDRESS = "(?:^|(?<=谢谢)|(?<=[，,！!。]))({word})(?=[，,。！!？?…~]|$)"
_EN_ADDRESS = r"(?:^|(?<=thanks, )|(?<=thank you, )|(?<=[,!.] ))({word})(?=[,.!?…]|$)"


def call_for(name: str, role: str, language: str) -> str:
    """What the other person of a scene calls ``name`` (a kin word), or "" if not kin."""
    keys = relatives_in(f"{name} {role}") & set(_CALLS["en"])
    if len(keys) != 1:
        return ""
    key = keys.pop()
    if language == "zh":
        own = [w for w in words_of(key) if not w.isascii() and w in f"{name}{role}"]
        return own[0] if own else _CALLS["zh"][key]
    return _CALLS["en"][key]


def calls_to_listener(text: str, listener_call: str, told: set[str]) -> str:
    """``text`` with an elder the film lacks, called by name, called as the listener instead.

    Recorded (craft bench, 饺子里的叮嘱): the grandson, alone in the kitchen with his
    grandmother, answered her "谢谢妈妈。" The film has no mother; the line is his thanks
    to the person in front of him. Only a word used to call someone (at the start or end
    of a clause, after 谢谢 or "thanks,") is changed: "我妈妈也会包" stays.
    """
    if not listener_call:
        return text
    for word, key in WORDS:
        if key in told or key not in _CALLS["en"] or word == listener_call:
            continue
        pattern = _ZH_ADDRESS if not word.isascii() else _EN_ADDRESS
        text = re.sub(
            pattern.format(word=re.escape(word)), listener_call, text, flags=re.IGNORECASE
        )
    return text
