"""Shared fixtures: two small screenplays (English, Chinese) and real media inspection.

Media tests check real files with ffprobe, never a mock. ffprobe is not bundled with
imageio-ffmpeg; the README's test command (``python3 dev.py test``) installs Debian's
``ffmpeg`` package, which provides it. A missing ffprobe fails loudly instead of skipping.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from film.form import with_estimates
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay


def english_film() -> Screenplay:
    """Three short scenes: a dissolve, a fade and a cut, two characters with pinned looks."""
    return with_estimates(
        Screenplay(
            title="The Last Bus Home",
            logline="A shy student and a night-shift driver share the last bus of the year.",
            genre=Genre.YOUTH_ROMANCE,
            language="en",
            theme="small kindnesses",
            setting_time="New Year's Eve",
            characters=[
                CharacterProfile(
                    name="Mia",
                    role="student",
                    look="17, short black bob",
                    wardrobe="white school uniform, red scarf",
                    voice="young woman",
                ),
                CharacterProfile(
                    name="Leo",
                    role="bus driver",
                    look="30s, silver hair",
                    wardrobe="navy driver jacket",
                    voice="deep man",
                ),
            ],
            scenes=[
                Scene(
                    number=1,
                    interior="EXT",
                    place="Bus stop",
                    time_of_day="NIGHT",
                    action=["Snow falls on an empty bus stop."],
                    dialogue=[DialogueLine(speaker="Mia", text="Please, one more bus.")],
                    characters=["Mia"],
                    visual="Orange streetlight, drifting snow.",
                    transition="DISSOLVE",
                ),
                Scene(
                    number=2,
                    interior="INT",
                    place="Night bus",
                    time_of_day="NIGHT",
                    action=["Leo opens the door and smiles."],
                    dialogue=[DialogueLine(speaker="Leo", text="Last ride of the year.")],
                    characters=["Mia", "Leo"],
                    transition="FADE",
                ),
                Scene(
                    number=3,
                    interior="EXT",
                    place="City bridge",
                    time_of_day="DAWN",
                    action=["The bus crosses the bridge at sunrise."],
                    characters=["Mia", "Leo"],
                ),
            ],
        )
    )


def chinese_film() -> Screenplay:
    """Two scenes in Chinese, with Chinese names, wardrobe and dialogue."""
    return with_estimates(
        Screenplay(
            title="回家的路",
            logline="在外打工的儿子除夕夜赶回老家，给母亲一个惊喜。",
            genre=Genre.TOUCHING_FAMILY,
            language="zh",
            theme="亲情",
            setting_time="除夕",
            characters=[
                CharacterProfile(
                    name="小明", role="儿子", look="二十五岁，短发", wardrobe="蓝色羽绒服，灰色围巾"
                ),
                CharacterProfile(
                    name="妈妈", role="母亲", look="五十多岁，白发", wardrobe="红色毛衣"
                ),
            ],
            scenes=[
                Scene(
                    number=1,
                    interior="INT",
                    place="老家厨房",
                    time_of_day="EVENING",
                    action=["妈妈一个人包饺子。"],
                    dialogue=[DialogueLine(speaker="妈妈", text="今年他又不回来了吧。")],
                    characters=["妈妈"],
                    transition="FADE",
                ),
                Scene(
                    number=2,
                    interior="EXT",
                    place="村口",
                    time_of_day="NIGHT",
                    action=["小明拖着行李箱跑进村子。"],
                    dialogue=[DialogueLine(speaker="小明", text="妈，我回来了！")],
                    characters=["小明", "妈妈"],
                ),
            ],
        )
    )


def ffprobe_exe() -> str:
    found = shutil.which("ffprobe")
    if not found:
        pytest.fail(
            "ffprobe is missing. The test command `python3 dev.py test` installs "
            "Debian's ffmpeg package, which provides it (or: apt-get install -y ffmpeg)."
        )
    return found


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's JSON description of ``path``: ``format`` and ``streams``."""
    result = subprocess.run(
        [
            ffprobe_exe(),
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"ffprobe could not read {path}: {result.stderr}"
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def stream(info: dict[str, Any], kind: str) -> dict[str, Any]:
    """The first stream of ``kind`` ("video" or "audio") in a :func:`probe` result."""
    found = [s for s in info["streams"] if s["codec_type"] == kind]
    assert found, f"no {kind} stream in {info['format'].get('filename')}"
    return found[0]


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The decoded RGB frame of ``path`` at ``seconds`` (height, width, 3)."""
    from tools.ffmpeg import ffmpeg_exe

    info = stream(probe(path), "video")
    width, height = int(info["width"]), int(info["height"])
    raw = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-ss",
            f"{seconds:.3f}",
            "-i",
            str(path),
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3)
