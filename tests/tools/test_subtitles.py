"""Subtitle cues, SRT text and burned-in caption images (English and Chinese)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from tools.fonts import cjk_sans_path
from tools.subtitles.cues import (
    BOTTOM_UI_FRACTION,
    Cue,
    caption_font,
    parse_srt,
    subtitle_image,
    to_srt,
    wrap_lines,
)

_STAMP = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$")


def test_srt_is_numbered_monotonic_and_never_overlaps() -> None:
    cues = [
        Cue(2.0, 3.5, "second", "B"),
        Cue(0.0, 2.4, "first", "A"),
        Cue(3.5, 3.5, "zero length"),
        Cue(4.0, 6.0, "   "),
        Cue(3661.25, 3662.0, "late"),
    ]
    text = to_srt(cues)
    blocks = text.strip().split("\n\n")
    assert [b.split("\n")[0] for b in blocks] == ["1", "2", "3"]
    assert all(_STAMP.match(b.split("\n")[1]) for b in blocks)
    parsed = parse_srt(text)
    assert [c.text for c in parsed] == ["first", "second", "late"]
    assert parsed[0].end_s == pytest.approx(2.0)  # cut back to the next start
    assert parsed[2].start_s == pytest.approx(3661.25)
    assert "01:01:01,250 --> 01:01:02,000" in text
    for earlier, later in zip(parsed, parsed[1:], strict=False):
        assert earlier.start_s < earlier.end_s <= later.start_s


def test_srt_keeps_chinese_and_joins_lines() -> None:
    parsed = parse_srt(to_srt([Cue(0.0, 1.5, "妈，\n我回来了！", "小明")]))
    assert parsed == [Cue(0.0, 1.5, "妈， 我回来了！")]


def test_parse_srt_rejects_garbage_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="SRT"):
        parse_srt("1\nthis is not a timing line\nhello\n")


def test_english_wraps_on_word_boundaries_within_width() -> None:
    face = caption_font(54)
    text = "I never thought I would come back to this little town, but here I am again."
    lines = wrap_lines(text, face, 600)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(face.getlength(line) <= 600 for line in lines)


def test_chinese_wraps_per_character_without_orphaned_punctuation() -> None:
    face = caption_font(60)
    text = "你们别吵了。今天是妈妈的生日，我们一起吃顿饭吧！好不好？" * 2
    lines = wrap_lines(text, face, 9 * 60)
    assert len(lines) >= 4
    assert "".join(lines) == text
    assert not any(line[0] in "，。！？、；：）」" for line in lines)
    # a line may exceed by at most the one punctuation mark pulled back onto it
    assert all(face.getlength(line.rstrip("，。！？")) <= 9 * 60 for line in lines)


@pytest.mark.parametrize(
    ("title", "width"),
    [
        ("最后一个饺子", 5 * 60),
        ("灯塔守护者的最后一夜", 9 * 60),
        ("The Last Bus Home Tonight", 600),
    ],
)
def test_balanced_titles_leave_no_lone_word_on_the_last_line(title: str, width: int) -> None:
    face = caption_font(60)
    greedy = wrap_lines(title, face, width)
    even = wrap_lines(title, face, width, balance=True)
    assert len(greedy) == 2 and len(even) == 2, "same number of lines, only evened out"
    assert "".join(even).replace(" ", "") == title.replace(" ", "")
    shortest = min(face.getlength(line) for line in even)
    assert shortest >= 0.6 * max(face.getlength(line) for line in even)
    assert shortest > min(face.getlength(line) for line in greedy)


def test_opening_bracket_is_not_left_at_a_line_end() -> None:
    face = caption_font(60)
    lines = wrap_lines("他说「今天不回家」然后走了很远很远的路", face, 3 * 60)
    assert not any(line.endswith("「") for line in lines)


def _alpha_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = image.getchannel("A").getbbox()
    assert box is not None, "nothing was drawn"
    return box


@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "Please, one more bus. I have been waiting here since midnight."),
        ("zh", "今年他又不回来了吧。饺子都包好了。"),
    ],
)
def test_caption_sits_bottom_centre_above_the_phone_ui(language: str, text: str) -> None:
    image = subtitle_image(text, 1080, 1920, language)
    assert image.size == (1080, 1920) and image.mode == "RGBA"
    left, top, right, bottom = _alpha_box(image)
    assert bottom <= 1920 * (1 - BOTTOM_UI_FRACTION)
    assert top > 1920 * 0.6
    assert abs((left + right) / 2 - 540) <= 2
    assert left >= 1080 * 0.04 and right <= 1080 * 0.96
    alpha = np.asarray(image.getchannel("A"))
    assert alpha[: int(1920 * 0.5)].max() == 0  # the picture above is untouched
    # large enough to read on a phone: a line of text is at least 4% of the frame width tall
    assert caption_font(round(1080 * 0.05)).size >= 1080 * 0.04


def _drawn(text: str, face: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> np.ndarray:
    canvas = Image.new("L", (900, 120), 0)
    ImageDraw.Draw(canvas).text((10, 10), text, font=face, fill=255)
    return np.asarray(canvas)


def test_chinese_glyphs_really_draw() -> None:
    first, second = "春眠不觉晓", "夜来风雨声"
    # The check can tell: a face without CJK draws both strings identically (boxes or nothing).
    default = ImageFont.load_default(size=60)
    assert np.array_equal(_drawn(first, default), _drawn(second, default))
    # Our captions draw real, different glyphs for different characters.
    ours_a = np.asarray(subtitle_image(first, 1080, 1920, "zh").getchannel("A"))
    ours_b = np.asarray(subtitle_image(second, 1080, 1920, "zh").getchannel("A"))
    assert np.mean(ours_a != ours_b) > 0.003
    cmap = TTFont(str(cjk_sans_path()), lazy=True).getBestCmap()
    assert all(ord(ch) in cmap for ch in first + second)


def test_overlong_caption_is_shrunk_then_ellipsized_not_spilled() -> None:
    text = "这是一句非常非常长的台词，" * 12
    image = subtitle_image(text, 720, 1280, "zh")
    left, top, right, bottom = _alpha_box(image)
    assert right - left <= 720 and bottom <= 1280 * (1 - BOTTOM_UI_FRACTION)
    assert bottom - top < 1280 * 0.25


def test_empty_text_is_a_transparent_overlay_and_bad_sizes_are_refused() -> None:
    assert subtitle_image("   ", 320, 568).getchannel("A").getbbox() is None
    with pytest.raises(ValueError, match="positive size"):
        subtitle_image("hi", 0, 100)
