"""Each model's frame and size rules, and how shots become jobs of legal length."""

from __future__ import annotations

import pytest

from tools.backends.base import Shot
from tools.backends.comfyui.backend import plan_parts
from tools.backends.comfyui.rules import (
    RULES,
    legal_frames,
    legal_size,
    longest_seconds,
    rules_for,
)
from tools.backends.comfyui.workflow import WorkflowError, load_workflow, shipped

SECONDS = (0.1, 0.5, 1.0, 2.5, 3.0, 3.33, 4.9, 5.0, 6.0, 9.0, 30.0)


@pytest.mark.parametrize(
    ("family", "fps", "step"), [("wan", 16, 4), ("wan", 24, 4), ("ltx", 24, 8)]
)
def test_frame_counts_are_on_the_models_grid_and_nearest_the_shot(family, fps, step):
    rules = RULES[family]
    for seconds in SECONDS:
        frames = legal_frames(seconds, fps, rules)
        assert frames % step == 1 and step + 1 <= frames <= rules.max_frames
        if step + 1 < seconds * fps < rules.max_frames:  # inside the range: nearest legal count
            assert abs(frames - seconds * fps) <= step / 2 + 1


def test_frame_counts_of_known_lengths():
    wan, ltx = RULES["wan"], RULES["ltx"]
    assert legal_frames(3.0, 16, wan) == 49  # 48 frames asked: 4*12+1
    assert legal_frames(5.0, 16, wan) == 81  # the model's longest clip
    assert legal_frames(9.0, 16, wan) == 81  # capped
    assert legal_frames(4.0, 24, ltx) == 97  # 96 asked: 8*12+1
    assert legal_frames(30.0, 24, ltx) == 257
    assert longest_seconds(16, wan) == pytest.approx(81 / 16)
    with pytest.raises(ValueError, match="still images"):
        legal_frames(1.0, 24, RULES["image"])


@pytest.mark.parametrize(
    ("family", "full_hd", "hd"),
    [
        ("wan", (464, 832), (464, 832)),
        ("ltx", (448, 800), (448, 800)),
        ("image", (768, 1360), (720, 1280)),  # a keyframe may be as big as the film's frame
    ],
)
def test_sizes_are_legal_vertical_and_within_the_budget(family, full_hd, hd):
    rules = rules_for(family)
    for request, expected in (((1080, 1920), full_hd), ((720, 1280), hd)):
        width, height = legal_size(*request, rules)
        assert (width, height) == expected
        assert width % rules.size_step == 0 and height % rules.size_step == 0
        assert width / height == pytest.approx(9 / 16, rel=0.01)
        assert width * height <= rules.max_pixels


def test_a_landscape_request_stays_landscape_and_a_small_one_is_not_enlarged():
    assert legal_size(1920, 1080, RULES["ltx"]) == (800, 448)
    width, height = legal_size(180, 320, RULES["wan"])
    assert width * height <= 180 * 320 and width % 16 == 0 and height % 16 == 0
    assert width / height == pytest.approx(9 / 16, rel=0.05)


def test_frame_rates_follow_the_model():
    RULES["wan"].check_fps(16)
    RULES["wan"].check_fps(24)
    with pytest.raises(ValueError, match="16 or 24 fps, not 25"):
        RULES["wan"].check_fps(25)
    RULES["ltx"].check_fps(25)
    with pytest.raises(ValueError, match="Unknown model family 'sora'"):
        rules_for("sora")


def test_a_wan_mapping_at_an_untrained_frame_rate_is_refused(tmp_path):
    template = tmp_path / "flow.json"
    template.write_text(
        '{"1": {"class_type": "LoadImage", "inputs": {"image": "x.png"}}}', encoding="utf-8"
    )
    (tmp_path / "flow.mapping.yaml").write_text("family: wan\nfps: 30\ninputs: {}\n")
    with pytest.raises(WorkflowError, match="16 or 24 fps, not 30"):
        load_workflow(template)


def test_shots_become_jobs_the_model_can_make():
    shots = [Shot(0, "Mei waits.", 3.0), Shot(1, "The bus arrives.", 8.0), Shot(2, "Go.", 0.4)]
    wan = plan_parts(shots, shipped("wan22_i2v"))
    assert [(p.shot.index, p.piece, p.pieces, p.frames) for p in wan] == [
        (0, 0, 1, 49),
        (1, 0, 2, 65),  # 8 s is longer than Wan's 5.06 s: two 4 s parts
        (1, 1, 2, 65),
        (2, 0, 1, 5),
    ]
    assert sum(p.planned_s for p in wan) == pytest.approx(11.4)
    ltx = plan_parts(shots, shipped("ltxv_i2v"))
    assert [(p.pieces, p.frames) for p in ltx] == [(1, 73), (1, 193), (1, 9)]
