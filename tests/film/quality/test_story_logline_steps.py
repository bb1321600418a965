"""The logline says something of each of the idea's steps, or is asked once to."""

from __future__ import annotations

from film.quality.story.logline import logline_drops_step

SCOOTER = (
    "A food delivery rider is sure his second-hand scooter is haunted, because it plays"
    " karaoke every time he runs a red light."
)


def test_a_logline_silent_on_the_ideas_joke_is_asked_about_it() -> None:
    """Recorded (craft bench, the scooter, 2026-12-04 20:43): the karaoke at red lights,
    the whole joke, was in neither logline of two runs, and so in no scene."""
    logline = (
        "A food delivery rider finds himself in a haunted town, searching for clues that lead"
        " to his own demise."
    )
    finding = logline_drops_step(SCOOTER, logline, "en")
    assert finding is not None
    assert finding.check == "coverage.logline-step"
    assert "karaoke" in finding.message
    told = "Leo's haunted scooter bursts into karaoke at every red light he runs."
    assert logline_drops_step(SCOOTER, told, "en") is None


def test_a_chinese_logline_that_keeps_both_steps_passes() -> None:
    soup = "外卖小哥在暴雨夜送最后一单到独居老人家，老人留他喝了一碗姜汤"
    assert (
        logline_drops_step(soup, "暴雨夜，外卖小哥送完最后一单，独居老人留他喝姜汤。", "zh") is None
    )
    finding = logline_drops_step(soup, "暴雨夜，外卖小哥把最后一单送到独居老人家。", "zh")
    assert finding is not None and "姜汤" in finding.message
