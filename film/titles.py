"""English titles and short forms, in one table for every pass that reads them.

Four passes had four lists of their own (sentence splitting, names said twice, a voice's
sex, a newcomer's role), and they disagreed: "Dr." ended a sentence in one and was a
title in another. Each now takes what it needs from here.
"""

from __future__ import annotations

import re

#: A title said before a name, and the sex it gives ("" where it gives none).
TITLES: dict[str, str] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dr": "",
    "prof": "",
    "madam": "f",
    "sir": "m",
}
#: The titles written before a surname ("Mrs. Thompson"), not said alone ("sir").
BEFORE_A_SURNAME = ("mr", "mrs", "ms", "miss", "dr")
#: Short forms whose full stop closes the word, not the sentence ("Mrs.", "St.", "Jr.").
ABBREVIATIONS = ("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr")


#: A title before a surname in a pattern: any case, with or without its stop.
TITLE_BEFORE_A_SURNAME = r"(?i:" + "|".join(BEFORE_A_SURNAME) + r")\.?"
#: One whole word that is a title before a surname ("Mrs", "dr.").
TITLE_WORD = re.compile(rf"^{TITLE_BEFORE_A_SURNAME}$")


def title_sex(name: str) -> str:
    """The sex ("f" or "m") a name's title gives ("Mrs. Thompson", "Mr Li"), or ""."""
    first = name.strip().casefold().split(" ")[0].rstrip(".")
    return TITLES.get(first, "")
