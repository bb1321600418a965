"""Subtitles for a video model's own sound: the script's words on the heard clock.

The words here are what Whisper could have heard (times in seconds); the real listener is
exercised end to end in ``tests/tools/sound/test_native_sound.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from tools.subtitles.align import HOLD_S, align_cues
from tools.subtitles.hearing import WHISPER_RATE, HeardWord, on_the_sound


def heard(*items: tuple[float, float, str]) -> list[HeardWord]:
    return [HeardWord(start, end, text) for start, end, text in items]


ENGLISH_LINES = [
    ("Mia", "Where did you put the keys to the old lighthouse?"),
    ("Grandpa Joe", "In the blue tin, Mia. Under the stairs."),
]


def test_script_text_with_the_heard_times_and_names_spelled_as_written():
    words = heard(
        (0.50, 0.62, "Where"), (0.62, 0.76, "did"), (0.76, 0.90, "you"), (0.90, 1.05, "put"),
        (1.05, 1.20, "the"), (1.20, 1.45, "keys"), (1.45, 1.60, "to"), (1.60, 1.72, "the"),
        (1.72, 1.95, "old"), (1.95, 2.60, "light-house?"),
        (3.40, 3.52, "In"), (3.52, 3.64, "the"), (3.64, 3.90, "blue"), (3.90, 4.20, "tin,"),
        (4.30, 4.70, "Mya."), (5.10, 5.30, "Under"), (5.30, 5.42, "the"), (5.42, 5.90, "stairs."),
    )  # fmt: skip
    result = align_cues(words, ENGLISH_LINES, "en")
    assert result.source == "script" and result.heard_share >= 0.8
    assert [(c.text, c.speaker) for c in result.cues] == [
        ("Where did you put the keys to the old lighthouse?", "Mia"),
        ("In the blue tin, Mia. Under the stairs.", "Grandpa Joe"),
    ]
    first, second = result.cues
    assert first.start_s == pytest.approx(0.50) and first.end_s == pytest.approx(2.60 + HOLD_S)
    assert second.start_s == pytest.approx(3.40) and second.end_s == pytest.approx(5.90 + HOLD_S)


def test_a_line_nobody_said_gets_no_cue_and_extra_speech_gets_its_own():
    words = heard(
        (0.2, 0.4, "Where"), (0.4, 0.5, "did"), (0.5, 0.6, "you"), (0.6, 0.8, "put"),
        (0.8, 0.9, "the"), (0.9, 1.2, "keys"), (1.2, 1.3, "to"), (1.3, 1.4, "the"),
        (1.4, 1.6, "old"), (1.6, 2.1, "lighthouse?"),
        (4.0, 4.3, "Come"), (4.3, 4.5, "on,"), (4.5, 4.9, "hurry!"),
    )  # fmt: skip
    lines = [ENGLISH_LINES[0], ("Mia", "Answer me."), ("Mia", "Where did you put the keys?")]
    result = align_cues(words, lines, "en")
    assert result.source == "script"
    texts = [(c.text, round(c.start_s, 2)) for c in result.cues]
    assert texts[0] == ("Where did you put the keys to the old lighthouse?", 0.2)
    assert ("Come on, hurry!", 4.0) in texts
    assert all("Answer" not in c.text for c in result.cues)
    starts = [c.start_s for c in result.cues]
    assert starts == sorted(starts)
    assert all(a.end_s <= b.start_s for a, b in zip(result.cues, result.cues[1:], strict=False))


def test_speech_unlike_the_script_is_subtitled_as_heard():
    words = heard(
        (0.3, 0.5, "Look"), (0.5, 0.7, "at"), (0.7, 1.0, "the"), (1.0, 1.5, "sea."),
        (2.6, 2.9, "It's"), (2.9, 3.3, "beautiful"), (3.3, 3.6, "tonight."),
    )  # fmt: skip
    result = align_cues(words, ENGLISH_LINES, "en")
    assert result.source == "heard" and result.heard_share < 0.5
    assert [(c.text, c.start_s) for c in result.cues] == [
        ("Look at the sea.", 0.3),
        ("It's beautiful tonight.", 2.6),
    ]
    assert result.cues[0].end_s == pytest.approx(1.5 + HOLD_S)


def test_long_heard_speech_is_cut_into_readable_cues():
    text = "and then we walked all the way down to the harbour to watch the boats come in"
    words = heard(*((0.3 * i, 0.3 * i + 0.25, w) for i, w in enumerate(text.split())))
    result = align_cues(words, [], "en")
    assert result.source == "heard" and len(result.cues) >= 2
    assert " ".join(c.text for c in result.cues) == text
    assert all(len(c.text) <= 42 for c in result.cues)


def test_chinese_homophones_count_as_said_and_keep_the_script_characters():
    lines = [
        ("妈妈", "你把灯塔的钥匙放在哪里了？"),
        ("小明", "如果我们现在跑过去，还能赶上最后一班车。"),
    ]
    words = heard(
        (0.0, 0.12, "你"), (0.12, 0.28, "把"), (0.28, 0.46, "登"), (0.46, 0.64, "塔"),
        (0.64, 0.84, "的"), (0.84, 1.1, "要是"), (1.1, 1.22, "放"), (1.22, 1.4, "在"),
        (1.4, 1.58, "哪"), (1.58, 1.78, "里"), (1.78, 1.94, "了。"),
        (2.3, 2.7, "如果"), (2.7, 3.06, "我们"), (3.06, 3.38, "现在"), (3.38, 3.64, "跑"),
        (3.64, 3.86, "过"), (3.86, 4.12, "去,"), (4.52, 4.62, "还"), (4.62, 4.84, "能"),
        (4.84, 5.0, "赶"), (5.0, 5.2, "上"), (5.2, 5.4, "最"), (5.4, 5.6, "后"),
        (5.6, 5.78, "一"), (5.78, 5.94, "般"), (5.94, 6.2, "车。"),
    )  # fmt: skip
    result = align_cues(words, lines, "zh")
    assert result.source == "script" and result.heard_share > 0.85
    assert [(c.text, c.speaker, c.start_s) for c in result.cues] == [
        ("你把灯塔的钥匙放在哪里了？", "妈妈", 0.0),
        ("如果我们现在跑过去，还能赶上最后一班车。", "小明", 2.3),
    ]
    assert result.cues[0].end_s == pytest.approx(1.94 + HOLD_S)


def test_heard_chinese_is_grouped_into_short_cues_without_spaces():
    said = "今天晚上的海特别安静我们一起去看灯塔吧好不好"
    words = heard(*((0.2 * i, 0.2 * i + 0.18, ch) for i, ch in enumerate(said)))
    result = align_cues(words, [("妈妈", "钥匙呢？")], "zh")
    assert result.source == "heard"
    assert "".join(c.text for c in result.cues) == said
    assert all(" " not in c.text and len(c.text) <= 16 for c in result.cues)


def test_a_word_heard_in_the_silence_before_it_starts_where_the_sound_does():
    rate = WHISPER_RATE
    sound = np.zeros(3 * rate, np.float32)
    t = np.arange(int(1.2 * rate)) / rate
    sound[int(0.6 * rate) : int(1.8 * rate)] = 0.3 * np.sin(2 * np.pi * 220 * t)
    words = heard((0.0, 1.0, "Where"), (1.0, 2.4, "now?"), (2.5, 2.9, "hm"))

    moved = on_the_sound(words, sound)

    assert [(w.start_s, w.end_s) for w in moved] == [(0.6, 1.0), (1.0, 1.8), (2.5, 2.9)]
