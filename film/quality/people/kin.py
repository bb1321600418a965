"""People know who they are: nobody is their own relative, and an elder is not a child.

The 1.5B model loses track of who is who inside a scene: in a drafted "The Bike Teacher"
the granddaughter said "My granddaughter is waiting for me", and the retired bus driver
was brought on as "a boy in a blue coat". Both read as a joke, and neither is caught by
the bible checks, because the bible itself was right. So the scenes are read against the
bible:

* ``names.own-relative``: a person speaks of "my <their own relation>" (a granddaughter's
  "my granddaughter", 孙女说"我孙女"), or an action line gives them one ("Lily's
  granddaughter" when Lily is the granddaughter). Only relations nobody in a micro film's
  family has of their own kind are judged: grandchildren, grandparents, sons and
  daughters. A father may well speak of "my father", and a brother of "my brother".
* ``names.elder-as-child``: a grandparent, or anyone whose role says retired or old, is
  called a boy, a girl, a kid or a young man in an action line (老爷爷被写成"小男孩").
* ``names.self-action``: someone watches, helps or talks to themself in an action line
  ("孙女站在村口，看着孙女骑自行车", "Lucy hugs Lucy"): one of the two is somebody else.
* ``names.kin-conflict`` (the bible): a name that is a relation and a role that says
  another one (a character called 奶奶 whose role was 母亲).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.quality.coverage import mentions
from film.quality.fields import VisibleText, scene_label
from film.quality.findings import Finding
from film.quality.people.ages import own_role, sounds_old
from film.quality.people.words import FAMILY
from film.quality.text import shorten
from film.screenplay import Scene

#: Relations a person cannot have of their own kind in a film's family (see the docstring).
OWN_KIND: tuple[tuple[str, ...], ...] = (
    ("grandmother", "grandma", "granny", "nana", "奶奶", "外婆", "姥姥", "祖母"),
    ("grandfather", "grandpa", "granddad", "grandad", "爷爷", "外公", "姥爷", "祖父"),
    ("granddaughter", "grandchild", "孙女", "外孙女"),
    ("grandson", "grandchild", "孙子", "外孙", "外孙子"),
    ("daughter", "女儿"),
    ("son", "儿子"),
)
_CHILD_EN = (
    r"(?:a |an |the )?(?:little |small |young )?"
    r"(?:boy|girl|kid|child|teenager|young man|young woman)"
)
_CHILD_ZH = r"(?:一个|一位|个)?(?:小男孩|小女孩|小孩|孩子|少年|少女|小伙子|小姑娘)"


def _uses(text: str, word: str, *, whole: bool = False) -> bool:
    """Whether ``text`` uses the kin ``word``.

    English as a word (plurals too); Chinese as a word of its own (the 外孙 inside 外孙女 is no
    grandson: :func:`~film.quality.coverage.mentions`), or with ``whole`` as the whole text
    (a name that *is* 奶奶).
    """
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}s?\b", text, re.I) is not None
    return text == word if whole else mentions(text, word)


def _longest(
    groups: Sequence[Sequence[str]],
    english: Sequence[str],
    chinese: Sequence[str],
    *,
    whole: bool = False,
) -> tuple[str, ...] | None:
    """The group whose word, the longest found, one of the texts uses.

    English words are looked for in ``english``, Chinese ones in ``chinese``; the longest
    wins, so 外孙女 is a granddaughter, not a grandson (外孙).
    """
    best: tuple[int, tuple[str, ...]] | None = None
    for group in groups:
        for word in group:
            texts = english if word.isascii() else chinese
            if any(_uses(t, word, whole=whole) for t in texts) and (
                best is None or len(word) > best[0]
            ):
                best = (len(word), tuple(group))
    return best[1] if best else None


def relation_of(name: str, role: str) -> tuple[str, ...] | None:
    """The :data:`OWN_KIND` relation the person's name or own role makes them, if any."""
    own_zh, own_en = own_role(role)
    return _longest(OWN_KIND, (own_en, name), (own_zh, name))


def _own_kind_pattern(group: Sequence[str], name: str) -> re.Pattern[str]:
    """The ways a line makes someone their own relative.

    "my <relation>", "我(的)<relation>", "<name>'s <relation>", "<name>的<relation>".
    """
    english = "|".join(re.escape(w) for w in group if w.isascii())
    chinese = "|".join(re.escape(w) for w in group if not w.isascii())
    forms = [
        rf"\bmy (?:\w+ )?(?:{english})s?\b",
        rf"\b{re.escape(name)}'s (?:\w+ )?(?:{english})s?\b",
        rf"我(?:的|家)?(?:{chinese})",
        rf"{re.escape(name)}的(?:{chinese})",
    ]
    return re.compile("|".join(forms), re.I)


def _line_speakers(fields: Sequence[VisibleText]) -> dict[str, str]:
    """Each dialogue line's path mapped to its speaker's name."""
    return {
        f.path.removesuffix(".speaker") + ".text": f.text for f in fields if f.kind == "speaker"
    }


def check_kin(fields: Sequence[VisibleText], people: Iterable[tuple[str, str]]) -> list[Finding]:
    """Scene fields read against the bible's ``people`` (name, role): see the module docstring."""
    bible = [(name, role) for name, role in people if name.strip()]
    speakers = _line_speakers(fields)
    findings: list[Finding] = []
    for field in fields:
        if field.kind not in ("action", "line"):
            continue
        found = (
            _own_relative(field, bible, speakers)
            or _elder_as_child(field, bible)
            or _self_action(field, bible)
        )
        if found is not None:
            findings.append(found)
    return findings


def _own_relative(
    field: VisibleText, bible: Sequence[tuple[str, str]], speakers: dict[str, str]
) -> Finding | None:
    for name, role in bible:
        group = relation_of(name, role)
        if group is None:
            continue
        match = _own_kind_pattern(group, name).search(field.text)
        if match is None:
            continue
        said_by_them = speakers.get(field.path, "").lower() == name.lower()
        names_them = name.lower() in match.group(0).lower()
        if not (said_by_them or names_them):
            continue  # someone else's "my granddaughter" is right
        where = scene_label(field.path)
        return Finding(
            "names.own-relative",
            field.path,
            shorten(field.text),
            f"{where}: {name} is the {group[0]} ({role or name}), but this line makes them "
            f"their own relative ({match.group(0)!r}). Keep everyone's family roles as the "
            "character bible gives them: give the line to the right person or fix the word.",
        )
    return None


def _elder_as_child(field: VisibleText, bible: Sequence[tuple[str, str]]) -> Finding | None:
    if field.kind != "action":
        return None
    for name, role in bible:
        if not sounds_old(name, role):
            continue
        called = re.compile(
            rf"\b{re.escape(name)}(?:,| is| was| as)\s+{_CHILD_EN}\b"
            rf"|{re.escape(name)}(?:，|是|像)\s*{_CHILD_ZH}",
            re.I,
        ).search(field.text)
        if called is None:
            continue
        return Finding(
            "names.elder-as-child",
            field.path,
            shorten(field.text),
            f"{scene_label(field.path)}: {name} is old ({role or name}), but the line calls them "
            f"a child ({called.group(0)!r}). Describe {name} as the older person they are.",
        )
    return None


_TO_ZH = r"(?:看着|望着|盯着|看见|看到|对着|对|向|和|跟|帮|教|抱着|拉着|扶着|追着)"
_TO_EN = (
    r"(?:watch(?:es|ing)?|looks? at|hugs?|helps?|teach(?:es)?|sees?|tells?|asks?|"
    r"smiles? at|follows?|chases?|holds?)"
)


def _acting_on_self(name: str) -> re.Pattern[str]:
    """``name`` doing something to ``name``, as the subject of a clause: "Mia smiles at Mia"."""
    quoted = re.escape(name)
    return re.compile(
        rf"(?:^|(?<=[。！？；，、：\s]))"  # the clause's subject, not an object of it
        rf"{quoted}(?P<gap>[^。.!?！？；;]{{0,14}}?){_TO_ZH}\s*(?P<object>{quoted})(?!的)"
        rf"|\b{quoted}\b(?P<gap_en>(?:\s+\w+){{0,2}}?)\s+{_TO_EN}\s+(?P<object_en>{quoted})\b(?!'s)",
        re.I,
    )


def _on_self(found: re.Match[str], names: Sequence[str], name: str) -> bool:
    """Whether ``found`` is ``name`` acting on themself, no other name between the two."""
    gap = found.group("gap") or found.group("gap_en") or ""
    return not any(other != name and other in gap for other in names)


def _self_action(field: VisibleText, bible: Sequence[tuple[str, str]]) -> Finding | None:
    if field.kind != "action":
        return None
    names = [name for name, _role in bible]
    for name in names:
        for found in _acting_on_self(name).finditer(field.text):
            if not _on_self(found, names, name):
                continue  # "孙女笑了，爷爷看着孙女": somebody else does it
            return Finding(
                "names.self-action",
                field.path,
                shorten(field.text),
                f"{scene_label(field.path)}: {name} acts on {name} ({found.group(0)!r}). One "
                "of the two is somebody else: name the right person from the character bible.",
            )
    return None


def _family_of(text: str, *, whole_words: bool) -> tuple[str, ...] | None:
    """The family relation ``text`` states (the longest kin word wins), or None."""
    return _longest(FAMILY, (text,), (text,), whole=whole_words)


def _family_of_any(text: str, group: Sequence[str]) -> bool:
    """Whether ``text`` uses any word of the relation ``group``."""
    return any(_uses(text, word) for word in group)


def check_bible_kin(people: Iterable[tuple[str, str]]) -> list[Finding]:
    """A name that is a relation (奶奶, Grandma) and a role that states another (母亲)."""
    findings: list[Finding] = []
    for index, (name, role) in enumerate(people):
        own_zh, own_en = own_role(role)
        by_name = _family_of(name.strip(), whole_words=True) or _family_of(
            re.sub(r"[^A-Za-z' ]", " ", name), whole_words=True
        )
        chinese = re.search(r"[\u4e00-\u9fff]", role) is not None
        by_role = _family_of(own_zh if chinese else own_en, whole_words=False)
        if by_name is None or by_role is None or _family_of_any(role, by_name):
            continue  # "Dad": "Leo's father and Mia's husband" names him the father too
        if re.search(r"'s\b|的|\bof\b", role):
            continue  # "Grandpa" may well be "Mia's father": relations are to someone
        findings.append(
            Finding(
                "names.kin-conflict",
                f"characters[{index}].role",
                shorten(role),
                f"{name} is called the {by_name[0]} by name, but the role says {by_role[0]} "
                f"({role!r}). Make the role say who {name} is in this family.",
            )
        )
    return findings


def role_of_kin_name(name: str, role: str) -> str:
    """``role``, or the name's own relation when the role is a bare other one.

    Recorded: the dumplings grandmother, named 奶奶, had the role 母亲 through three
    answers. A name that *is* a relation is the idea's word for the person, and a role
    that is nothing but another kin word is the slip: 奶奶's role becomes 奶奶. A role that
    says more ("Mia's father") is a relation to someone and is left alone.
    """
    if not check_bible_kin([(name, role)]):
        return role
    bare = role.strip(" 。.")
    if len(bare) > 4 if not bare.isascii() else len(bare.split()) > 2:
        return role
    plain = name.strip()
    by_name = _family_of(plain, whole_words=True) or _family_of(
        re.sub(r"[^A-Za-z' ]", " ", name), whole_words=True
    )
    if by_name is None:
        return role
    return by_name[0] if plain.isascii() else plain  # "grandmother" for Grandma; 奶奶


def acted_on_the_other(scene: Scene) -> Scene:
    """``scene`` of two people, where one "acts on themself", acting on the other instead.

    It mends exactly what the gate's ``names.self-action`` finds (:func:`_acting_on_self`):
    "Mia smiles at Mia" in a scene of Mia and Leo is Mia smiling at Leo. A creative revision
    had been refused for it (CI, 2026-12-03).
    """
    if len(scene.characters) != 2:
        return scene
    pair = list(scene.characters)

    def other(line: str) -> str:
        for name, partner in zip(pair, reversed(pair), strict=True):
            for found in reversed(list(_acting_on_self(name).finditer(line))):
                if _on_self(found, pair, name):
                    start, end = (
                        found.span("object") if found["object"] else found.span("object_en")
                    )
                    line = line[:start] + partner + line[end:]
        return line

    action = [other(line) for line in scene.action]
    return scene if action == scene.action else scene.model_copy(update={"action": action})
