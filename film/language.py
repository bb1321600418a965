"""English or Chinese: which one a text is in, what counts as Chinese, where lines may break.

The studio works in both languages, and several places need the same small facts about
them: the ideograph ranges (Chinese has no spaces, so it is counted, matched and wrapped
per character), the rule that picks the reply language from a message, and the
typesetting rules that keep closing punctuation off the start of a line. They live here
once so a subtitle, a poster and a reply never disagree about what "Chinese" is.
"""

from __future__ import annotations

import re

from film.screenplay import Language

#: CJK ideographs: the unified block, extension A and the compatibility ideographs.
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Characters set one per cell in Chinese text: ideographs plus CJK punctuation and
#: full-width forms. A line may break before or after any of them.
WIDE = "\u3000-\u303f" + IDEOGRAPHS + "\uff00-\uffef"

CJK = re.compile(f"[{IDEOGRAPHS}]")
CJK_RUN = re.compile(f"[{IDEOGRAPHS}]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")

#: Marks that must not start a line (kinsoku shori): closing punctuation and brackets.
NO_LINE_START = frozenset("，。、；：！？）」』》〉】〕…—‥·・,.;:!?)]}%”’")
#: Marks that must not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『《〈【〔([{“‘")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character."""
    return CJK.search(text) is not None


def detect_language(text: str, preferred: str = "auto") -> Language:
    """The reply language: the configured one, else Chinese when the text is mostly Chinese.

    "Mostly" counts each Chinese character against each English word, and needs two
    characters, so an English request that names 李明 is still answered in English.
    """
    if preferred in ("en", "zh"):
        return preferred  # type: ignore[return-value]
    cjk = len(CJK.findall(text))
    words = len(LATIN_WORD.findall(CJK.sub(" ", text)))
    return "zh" if cjk >= 2 and cjk >= words else "en"
