"""The idea's family is the film's family.

"A retired bus driver teaches his granddaughter to ride a bike" names one relative, but
says two: the driver is her grandfather. The 1.5B model heard only the first. It cast the
driver as "James, driver" (drawn young, brown-haired, muscular), brought in a grandmother
to do the teaching, and called the film *The Grandmother's Bike*. Two checks hold it to
the idea:

* ``coverage.implied-person`` (the bible): a relative the idea implies by a possessive
  ("his granddaughter": a grandfather; 她的儿子: a mother) is somebody in the bible, named
  as such in their name, role or look, so everything downstream (their age, their figure,
  their voice) knows who they are. :func:`with_implied_roles` writes it into the role
  first where the person is certain (the one "driver"), so the check fires only where
  it is not;
* ``names.title-kin`` (the logline stage): the title names no relative the idea contradicts.
  A title's grandmother is wrong when the idea's grandparent is a grandfather, and right
  when the idea names no grandparent at all. :func:`title_with_idea_kin` mends it first
  where the word has a counterpart (grandmother → grandfather, 奶奶 → 爷爷), so the check
  fires only for a title it cannot mend.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from film.quality.coverage import PEOPLE
from film.quality.findings import Finding
from film.quality.people.ages import elder_look
from film.quality.people.kin import role_of_kin_name

#: Relatives by generation: within a pair, naming one where the idea names the other is a
#: contradiction. Each key is the first word of its :data:`PEOPLE` group.
PAIRS: tuple[tuple[str, str], ...] = (
    ("grandfather", "grandmother"),
    ("grandson", "granddaughter"),
    ("father", "mother"),
    ("son", "daughter"),
)
_KEYED = {key for pair in PAIRS for key in pair}
#: Kin words that would also match another word ("妈" in 大妈, "爸" in 爸爸 is fine but
#: "grandchild" is either grandchild): left out of the matching.
_AMBIGUOUS = frozenset({"grandchild", "妈", "爸", "爹"})
_WORDS = sorted(
    (
        (word, group[0])
        for group in PEOPLE
        if group[0] in _KEYED
        for word in group
        if word not in _AMBIGUOUS
    ),
    key=lambda pair: -len(pair[0]),
)

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

#: "his granddaughter" makes him her grandfather (and "her son" makes her his mother).
_IMPLIED_EN = re.compile(
    r"\b(his|her)\s+(?:\w+\s+)?(grand)?(daughter|son|child|children|kids?)s?\b", re.I
)
_IMPLIED_ZH = re.compile(r"(他|她)的?(孙女|孙子|外孙女|外孙|女儿|儿子|孩子)")


def relatives_in(text: str) -> set[str]:
    """The :data:`PAIRS` relatives ``text`` names (the longest kin word wins: 外孙女)."""
    found: set[str] = set()
    remaining = text
    for word, key in _WORDS:
        if word.isascii():
            pattern = re.compile(rf"\b{re.escape(word)}s?\b", re.I)
            if pattern.search(remaining):
                found.add(key)
                remaining = pattern.sub(" ", remaining)
        elif word in remaining:
            found.add(key)
            remaining = remaining.replace(word, " ")
    return found


def implied_relatives(idea: str) -> set[str]:
    """The relatives ``idea`` implies by a possessive: "his granddaughter" → grandfather."""
    implied: set[str] = set()
    for match in _IMPLIED_EN.finditer(idea):
        male = match.group(1).lower() == "his"
        grand = match.group(2) is not None
        implied.add(("grandfather" if male else "grandmother") if grand else _parent(male))
    for match in _IMPLIED_ZH.finditer(idea):
        male = match.group(1) == "他"
        grand = "孙" in match.group(2)
        implied.add(("grandfather" if male else "grandmother") if grand else _parent(male))
    return implied


def _parent(male: bool) -> str:
    return "father" if male else "mother"


def _words_of(key: str) -> tuple[str, ...]:
    return next(group for group in PEOPLE if group[0] == key)


def check_implied_people(idea: str, bible: Iterable[tuple[str, str]]) -> list[Finding]:
    """Each relative the idea implies is someone in the bible (``bible``: name, about)."""
    known = relatives_in("\n".join(f"{name} {about}" for name, about in bible))
    findings: list[Finding] = []
    for key in sorted(implied_relatives(idea) - relatives_in(idea) - known):
        native = "/".join(w for w in _words_of(key) if not w.isascii())
        findings.append(
            Finding(
                "coverage.implied-person",
                "characters",
                key,
                f"The idea makes one of its people a {key} ({native}): say so in that "
                f"person's role (for example \"retired bus driver, Lucy's {key}\"), and "
                "describe their age in the look.",
            )
        )
    return findings


#: Each kin word and its counterpart in the pair, for mending a title.
_COUNTERPARTS: dict[str, str] = {
    **{a: b for a, b in _SWAPS},
    **{b: a for a, b in _SWAPS},
}


def _contradicted(title: str, idea: str) -> list[tuple[str, str]]:
    """The title's relatives the idea contradicts, each with the idea's one (key, other)."""
    told = relatives_in(idea) | implied_relatives(idea)
    wrong: list[tuple[str, str]] = []
    for key in sorted(relatives_in(title) - told):
        pair = next(p for p in PAIRS if key in p)
        other = pair[1] if pair[0] == key else pair[0]
        if other in told:  # the idea names neither: a title may bring the relative in
            wrong.append((key, other))
    return wrong


def title_with_idea_kin(title: str, idea: str) -> str:
    """``title`` with a contradicted kin word swapped for its counterpart.

    *The Grandmother's Bike* for a grandfather's idea is *The Grandfather's Bike*; 奶奶的
    自行车 is 爷爷的自行车. A word without a counterpart here is left to the check.
    """
    wrong = {key for key, _other in _contradicted(title, idea)}
    if not wrong:
        return title
    for word, key in _WORDS:
        partner = _COUNTERPARTS.get(word.lower())
        if key not in wrong or partner is None:
            continue
        if word.isascii():
            title = re.sub(rf"\b{re.escape(word)}(?=s?\b)", _in_case_of(partner), title, flags=re.I)
        else:
            title = title.replace(word, partner)
    return title


def _in_case_of(partner: str) -> Callable[[re.Match[str]], str]:
    """A replacement that writes ``partner`` capitalised where the word it replaces was."""

    def replace(match: re.Match[str]) -> str:
        return partner.capitalize() if match.group(0)[0].isupper() else partner

    return replace


def check_title_kin(title: str, idea: str) -> list[Finding]:
    """A relative in the title where the idea names the other one of the pair."""
    findings: list[Finding] = []
    for key, other in _contradicted(title, idea):
        findings.append(
            Finding(
                "names.title-kin",
                "title",
                title,
                f"The title names a {key}, but the idea's relative is a {other}. Title the "
                "film after the idea's own people.",
            )
        )
    return findings


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
    said = [next(w for w in _words_of(k) if not w.isascii()) if chinese else k for k in implied]
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
        carriers = [i for i, role in enumerate(roles) if _carries_idea_person(idea, role)]
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
        word = next(w for w in _words_of(key) if not w.isascii()) if chinese else key
        if chinese:
            roles[carriers[0]] += f"，{child}的{word}" if child else f"，{word}"
        else:
            roles[carriers[0]] += f", {child}'s {word}" if child else f", {word}"
    return roles


def _carries_idea_person(idea: str, role: str) -> bool:
    """Whether ``role`` names a non-kin person word of the idea ("driver" of "bus driver")."""
    for group in PEOPLE:
        if group[0] in _KEYED:
            continue
        for word in group:
            if word.isascii():
                pattern = rf"\b{re.escape(word)}s?\b"
                if re.search(pattern, idea, re.I) and re.search(pattern, role, re.I):
                    return True
            elif word in idea and word in role:
                return True
    return False


def mend_people(idea: str, people: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """The bible's exact people fixes, before the gate: each person's (role, look).

    ``people`` is (name, role, look). In order: a bare role that contradicts a kin name
    (:func:`~film.quality.people.kin.role_of_kin_name`), the idea's implied relative
    (:func:`with_implied_roles`), then an elder's stray young word
    (:func:`~film.quality.people.ages.elder_look`), which needs the mended role to know
    who is old.
    """
    named = [(name, role_of_kin_name(name, role)) for name, role, _look in people]
    roles = with_implied_roles(idea, named)
    return [
        (role, elder_look(name, role, look))
        for (name, _role, look), role in zip(people, roles, strict=True)
    ]
