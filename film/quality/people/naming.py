"""A stand-in name becomes a real one.

The 1.5B model cast the night-market coder and her family as 张三, 李四 and 王五 through
three answers, and the whole draft was refused (craft bench, 18:07). Those names mean
"anybody": a reader laughs at them, and they carry nothing of the person. Before any scene
is written, nothing refers to a bible name yet, so it can be swapped for a real one with no
story lost: a plain given name, chosen for neither sex, that nobody else in the bible has.
"""

from __future__ import annotations

from collections.abc import Sequence

from film.quality.names import PLACEHOLDER_NAMES

#: Names a reader takes for real people, of either sex.
_REAL_NAMES = {
    "zh": ("林夏", "许言", "沈星", "周舟", "苏禾", "江遥", "顾一", "叶青"),
    "en": ("Sam", "Alex", "Robin", "Jamie", "Casey", "Jordan", "Rowan", "Avery"),
}


def real_names(names: Sequence[str], language: str) -> list[str]:
    """``names`` with each stand-in (张三, John Doe) replaced by a real name, in order."""
    taken = {name.strip().lower() for name in names}
    spare = [n for n in _REAL_NAMES["zh" if language == "zh" else "en"] if n.lower() not in taken]
    renamed: list[str] = []
    for name in names:
        if " ".join(name.lower().split()) in PLACEHOLDER_NAMES and spare:
            renamed.append(spare.pop(0))
        else:
            renamed.append(name)
    return renamed
