"""Number words in English and Chinese: "three", "3rd", "二十三", "两".

Lengths ("a two-minute film", "一分半") and scene references ("scene three", "第三场")
are read from the same vocabulary, so both live here, below every reader of user text.
"""

from __future__ import annotations

EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
    "7th": 7,
    "8th": 8,
    "9th": 9,
    "10th": 10,
}
LAST = -1
"""Scene reference meaning "the last scene", resolved once the scene count is known."""

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def zh_number(text: str) -> int | None:
    """Value of a Chinese or digit numeral up to the hundreds ("二十三" -> 23, "两" -> 2)."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in ZH_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + ZH_DIGITS[ch]
    return total + current


def en_number(word: str) -> int | None:
    """Value of an English number word, ordinal or digits ("three", "3rd", "12")."""
    word = word.strip().lower().rstrip(".,")
    if word.isdigit():
        return int(word)
    if word in ("last", "final", "closing"):
        return LAST
    if word == "opening":
        return 1
    return EN_NUMBERS.get(word) or EN_ORDINALS.get(word)
