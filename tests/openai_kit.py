"""Shared pieces for the API backend tests: a tiny scene, fast retry settings, ffprobe."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from fake_media_server import API_KEY

from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay
from tools.assembly.settings import ProductionSettings
from tools.backends.api_config import ApiConfig, RetryPolicy
from tools.backends.base import RenderRequest, Shot

FAST = RetryPolicy(
    attempts=3,
    backoff_s=0.01,
    max_backoff_s=0.05,
    max_retry_after_s=0.2,
    timeout_s=3.0,
    connect_timeout_s=1.0,
    poll_interval_s=0.01,
    max_poll_interval_s=0.05,
    poll_budget_s=10.0,
)

MEI = CharacterProfile(
    name="Mei",
    role="lead",
    look="early twenties, short black bob, round glasses",
    wardrobe="yellow raincoat over a grey school uniform",
    props=["red umbrella"],
)
GRANDPA = CharacterProfile(
    name="爷爷",
    role="grandfather",
    look="seventies, white stubble, kind eyes",
    wardrobe="faded blue Mao jacket",
    props=["bamboo fan"],
)


def config(server_url: str, *, policy: RetryPolicy = FAST, key: str = API_KEY) -> ApiConfig:
    """Client settings pointing at the fake server."""
    return ApiConfig(base_url=server_url, model="test-model", api_key=key, policy=policy)


def sample_request(
    *,
    width: int = 64,
    height: int = 112,
    fps: int = 10,
    shots: tuple[tuple[str, float, tuple[str, ...]], ...] = (
        ("Mei runs up the stairs, out of breath.", 1.2, ("Mei",)),
        ("Mei hands 爷爷 the umbrella; he smiles.", 1.8, ("Mei", "爷爷")),
    ),
    references: dict[str, Path] | None = None,
) -> RenderRequest:
    """A two-shot, three-second rooftop scene with two pinned characters."""
    scene = Scene(
        number=2,
        interior="EXT",
        place="Rooftop",
        time_of_day="DUSK",
        action=["Mei finds her grandfather waiting in the rain."],
        dialogue=[DialogueLine(speaker="Mei", text="You forgot this.")],
        visual="Rain on the rooftop garden, city lights behind.",
        characters=["Mei", "爷爷"],
        duration_s=sum(s[1] for s in shots),
    )
    screenplay = Screenplay(
        title="Red Umbrella",
        logline="A student brings her grandfather an umbrella.",
        genre=Genre.TOUCHING_FAMILY,
        characters=[MEI, GRANDPA],
        scenes=[scene],
    )
    built = tuple(
        Shot(
            index=i,
            description=text,
            duration_s=length,
            characters=cast,
            dialogue=tuple(scene.dialogue) if i == 1 else (),
        )
        for i, (text, length, cast) in enumerate(shots)
    )
    return RenderRequest(
        screenplay=screenplay,
        scene=scene,
        shots=built,
        bible=(MEI, GRANDPA),
        width=width,
        height=height,
        fps=fps,
        duration_s=scene.duration_s,
        reference_images=references or {},
    )


def probe(path: Path) -> dict[str, Any]:
    """Codec, size, duration and stream kinds of a media file, from Debian's ffprobe."""
    exe = shutil.which("ffprobe")
    assert exe, "ffprobe is missing: install Debian's ffmpeg package (apt-get install ffmpeg)"
    result = subprocess.run(
        [
            exe,
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type,codec_name,width,height",
            "-show_entries",
            "format=duration",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=30,
    )
    data = json.loads(result.stdout)
    video = next(s for s in data["streams"] if s["codec_type"] == "video")
    return {
        "codec": video["codec_name"],
        "size": (video["width"], video["height"]),
        "duration": float(data["format"]["duration"]),
        "kinds": sorted(s["codec_type"] for s in data["streams"]),
    }


def sheet_settings(backend: str, sheets: dict[str, Path]) -> ProductionSettings:
    """A tiny, silent render with ``backend`` drawn from the character ``sheets``."""
    return ProductionSettings(
        backend=backend,
        width=180,
        height=320,
        voice=False,
        music=False,
        burn_subtitles=False,
        character_sheets={name: str(path) for name, path in sheets.items()},
    )
