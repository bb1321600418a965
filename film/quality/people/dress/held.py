"""What a person holds is a prop, not part of their look.

Recorded (the second reader, 2026-12-03): the dumplings grandmother's look was "戴口罩和帽子，
手里拿着擀面杖和揉面桶", and the drummer's "He carries a drum kit.". The look describes a
face and a build for every shot; a thing in the hand belongs in one scene, so it moves to
the props, where the scenes take it up, and the look keeps the rest.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from film.screenplay import CharacterProfile

#: A look's clause that holds something, the thing in ``thing``.
_HELD = re.compile(
    r"^(?:(?:他|她)?(?:手里|手上|手中)?(?:拿着|握着|捧着|提着|抱着|背着)(?P<zh>.+)"
    r"|(?:(?:he|she|they)\s+)?(?:is\s+)?(?:carries|carrying|holds|holding)\s+(?P<en>.+))$",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[^，,；;。.]+[，,；;。.]?")
_ZH_AND = re.compile(r"和|、|与")
_EN_AND = re.compile(r",\s*|\s+and\s+")
_ARTICLE = re.compile(r"^(?:a|an|the|his|her|their)\s+", re.IGNORECASE)


def one_of_each(props: Iterable[str], taken: Collection[str] = ()) -> list[str]:
    """``props`` with each thing once, and none already ``taken`` (by :func:`thing_key`).

    Recorded (the lighthouse, craft bench, 2026-12-04): "Props: the lantern; lantern".
    """
    kept: dict[str, str] = {}
    for prop in props:
        if (key := thing_key(prop)) not in taken:
            kept.setdefault(key, prop)
    # "擀面杖和揉面桶; 擀面杖; 揉面桶" (the dumplings, 2026-12-04): a prop that only joins
    # others listed is them again; "手机; 一部智能手机" (the video call) is one phone, said
    # best by the longer name.
    single = {k: p for k, p in kept.items() if not _joins_others(k, kept.keys() - {k})}
    return [prop for key, prop in single.items() if not _named_longer(key, single.keys())]


def _named_longer(key: str, keys: Collection[str]) -> bool:
    """Whether another of ``keys`` is the same thing with more words: 智能手机 for 手机."""
    return any(
        other != key
        and other.endswith(key)
        and (not key.isascii() or other[: len(other) - len(key)].endswith(" "))
        for other in keys
    )


def _joins_others(key: str, others: Collection[str]) -> bool:
    """Whether the prop ``key`` is two or more of ``others`` joined by "and" or 和."""
    parts = [thing_key(p) for p in re.split(r"和|、|与|及|,\s*|\s+and\s+", key) if p.strip()]
    return len(parts) > 1 and all(part in others for part in parts)


def thing_key(prop: str) -> str:
    """What one prop is, to tell two alike: "the lantern" and "Lantern" are one thing.

    So are 一部智能手机 and 智能手机: a count and its measure word go.
    """
    return _MEASURE.sub("", _ARTICLE.sub("", prop.strip())).casefold()


_MEASURE = re.compile(
    r"^[一两几]?(?:部|个|只|把|张|副|本|台|件|条|支|根|双|顶|块|盒|袋|瓶|杯|碗)(?=.)"
)


def held_as_props(person: CharacterProfile) -> CharacterProfile:
    """``person`` whose look holds nothing: each held thing is one of the props instead."""
    kept, held = [], []
    for clause in _CLAUSES.findall(person.look):
        found = _HELD.match(clause.strip(" ，,；;。."))
        if found is None:
            kept.append(clause)
            continue
        if found["zh"]:
            held += [t.strip() for t in _ZH_AND.split(found["zh"]) if t.strip()]
        else:
            held += [_ARTICLE.sub("", t.strip()) for t in _EN_AND.split(found["en"]) if t.strip()]
    look = "".join(kept).strip(" ，,；;")
    if not held or not look:
        return person
    if look[-1:] not in "。.":
        look += "。" if re.search(r"[\u4e00-\u9fff]$", look) else ""
    props = one_of_each([*person.props, *held])[:6]
    return person.model_copy(update={"look": look, "props": props})
