"""The intelligibility scoring rules (no model): what counts as a misheard word or character."""

from __future__ import annotations

import hearing


def test_edit_distance_counts_substitutions_insertions_deletions() -> None:
    assert hearing.edit_distance("kitten", "sitting") == 3
    assert hearing.edit_distance([], ["a"]) == 1
    assert hearing.edit_distance(["a", "b"], []) == 2


def test_english_words_ignore_case_punctuation_and_digit_spelling() -> None:
    assert hearing.english_words("Four hours, DON'T wait!") == hearing.english_words(
        "4 hours don’t wait"
    )
    assert hearing.errors("Please, one more bus.", "Please one more bus", "en") == (0, 4)
    assert hearing.errors("Please, one more bus.", "Please, one more boss!", "en") == (1, 4)


def test_a_split_compound_costs_nothing_but_a_wrong_word_does() -> None:
    assert hearing.errors("the old lighthouse", "the old light house", "en") == (0, 3)
    assert hearing.errors("the old light house", "the old lighthouse", "en") == (0, 3)
    assert hearing.errors("the old lighthouse", "the cold light house", "en") == (1, 3)


def test_chinese_units_are_simplified_hanzi_without_punctuation() -> None:
    assert hearing.chinese_characters("請坐，醫生！") == list("请坐医生")
    assert hearing.errors("请坐，医生！", "請坐醫生", "zh") == (0, 4)
    assert hearing.errors("妈，我回来了！", "妈我回家了", "zh") == (1, 5)


def test_pinyin_forgives_homophones_but_not_other_syllables() -> None:
    assert hearing.pinyin_syllables("灯塔") == hearing.pinyin_syllables("登塔") == ["deng1", "ta3"]
    assert hearing.pinyin_errors("钥匙", "要是") == (1, 2)
    assert hearing.errors("灯塔", "登塔", "zh") == (1, 2)
