"""Native audio end to end: a video model that speaks, kept in the film and subtitled by ear.

The fake ``/v1/videos`` server returns a clip whose sound is real speech, made offline with
the studio's own voices, starting :data:`LEAD_S` into the clip (so the model's timing is not
the voices' timing). The render must keep that sound (ffprobe: an audio stream as long as
the picture, to the frame), Whisper must hear the script in it, and the subtitle cues must
sit on the words Whisper heard and on where the speech really is. A clip without sound falls
back to the voices and says so; a backend that makes no sound says so too.
"""

from __future__ import annotations

from pathlib import Path

import fake_media_server
import numpy as np
import pytest
from fake_media_server import FakeMediaServer
from media_kit import frame_at, probe, stream
from openai_kit import config

from agent.production.report import sound_summary
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay
from tools.assembly.production import ProductionSettings, produce_film
from tools.assembly.segments import Manifest
from tools.backends.base import register_backend
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings
from tools.ffmpeg import SAMPLE_RATE, EncodeFormat, FrameEncoder, decode_audio, write_wav
from tools.sound import native
from tools.sound.native import NATIVE, SILENT_CLIP, UNAVAILABLE
from tools.sound.voice import read_wav, synthesize_scene
from tools.subtitles.hearing import HeardWord, hear_words

LEAD_S = 0.6
CLIP_S = 12
FPS = 12
SETTINGS = ProductionSettings(
    backend="native-videos", width=180, height=320, fps=FPS, preset="ultrafast"
)
FILMS = {
    "en": (
        [CharacterProfile(name="Mia", role="student"), CharacterProfile(name="Leo", role="driver")],
        [
            ("Mia", "Where did you put the keys to the old lighthouse?"),
            ("Leo", "Nobody in this town remembers what happened that night."),
        ],
    ),
    "zh": (
        [CharacterProfile(name="妈妈", role="母亲"), CharacterProfile(name="小明", role="儿子")],
        [
            ("妈妈", "你把灯塔的钥匙放在哪里了？"),
            ("小明", "如果我们现在跑过去，还能赶上最后一班车。"),
        ],
    ),
}


def film(language: str) -> Screenplay:
    cast, lines = FILMS[language]
    scene = Scene(
        number=1,
        interior="EXT",
        place="Harbour",
        time_of_day="NIGHT",
        action=["They stand by the water."],
        dialogue=[DialogueLine(speaker=s, text=t) for s, t in lines],
        characters=[c.name for c in cast],
        duration_s=9.0,
    )
    return Screenplay(
        title="Keys" if language == "en" else "钥匙",
        logline="Two people look for a key.",
        genre=Genre.TOUCHING_FAMILY,
        characters=cast,
        scenes=[scene],
        language=language,
    )


def spoken_clip(folder: Path, screenplay: Screenplay) -> tuple[bytes, list[tuple[float, str]]]:
    """A 12 s clip whose sound is the scene spoken by the studio's voices, ``LEAD_S`` in."""
    scene = screenplay.scenes[0]
    voice = synthesize_scene(scene, screenplay.characters, screenplay.language, folder / "v.wav")
    speech = read_wav(voice.wav_path)
    track = np.zeros((CLIP_S * SAMPLE_RATE, 2), np.float32)
    lead = int(LEAD_S * SAMPLE_RATE)
    track[lead : lead + len(speech)] = speech[: len(track) - lead]
    write_wav(folder / "track.wav", track)
    fmt = EncodeFormat(64, 112, 10, preset="ultrafast")
    frame = np.full(fmt.frame_shape, 128, np.uint8)
    with FrameEncoder(folder / "model.mp4", fmt, folder / "track.wav") as encoder:
        for index in range(CLIP_S * 10):
            frame[: fmt.height] = 60 + index % 100
            encoder.write(frame)
    return (folder / "model.mp4").read_bytes(), [(c.start_s + LEAD_S, c.text) for c in voice.cues]


@pytest.fixture
def server(monkeypatch):
    with FakeMediaServer() as fake:
        settings = VideoSettings(
            config=config(fake.base_url),
            allowed_seconds=(CLIP_S,),
            use_references=False,
            keep_thumbnail=False,
            native_audio=True,
        )
        register_backend("native-videos", lambda: OpenAIVideosBackend(settings))
        yield fake


def scene_manifest(project: Path) -> Manifest:
    [found] = sorted((project / "segments").glob("scene-01-*.json"))
    manifest = Manifest.load(found.parent, found.stem)
    assert manifest is not None
    return manifest


def within_a_frame(path: Path, seconds: float) -> dict:
    info = probe(path)
    video, audio = stream(info, "video"), stream(info, "audio")
    assert float(video["duration"]) == pytest.approx(seconds, abs=1 / FPS + 1e-3)
    assert float(audio["duration"]) == pytest.approx(seconds, abs=1 / FPS + 1e-3)
    return info


def words_in(words: list[HeardWord], start: float, end: float) -> list[HeardWord]:
    return [w for w in words if start - 0.2 <= w.start_s < end]


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("zh", marks=pytest.mark.slow)],  # zh: Whisper takes longer
)
def test_the_models_speech_is_kept_and_subtitled_where_it_is_said(
    server, monkeypatch, tmp_path, language
):
    screenplay = film(language)
    clip, truth = spoken_clip(tmp_path, screenplay)
    monkeypatch.setattr(fake_media_server, "tiny_mp4", lambda *args, **kwargs: clip)
    heard: list[HeardWord] = []

    def listening(samples: np.ndarray, rate: int, lang: str) -> list[HeardWord]:
        heard.extend(hear_words(samples, rate, lang))  # what the pipeline's listener heard
        return heard

    monkeypatch.setattr(native, "hear_words", listening)
    project = tmp_path / "project"

    result = produce_film(screenplay, project, SETTINGS)

    assert result.sound == {1: NATIVE}
    reel = scene_manifest(project)
    assert reel.sound == NATIVE
    segment = project / "segments" / reel.pieces["body"]
    within_a_frame(segment, reel.duration_s)
    [kept] = (project / "segments" / "clips").glob("*.mp4")
    stream(probe(kept), "audio")  # the join kept the model's sound
    within_a_frame(result.path, result.duration_s)

    # Listen: the kept sound says the script, and the cues sit on the words heard in it.
    assert float(np.abs(decode_audio(segment)).max()) > 0.1
    said = ("" if language == "zh" else " ").join(w.text for w in heard)
    assert ("我们现在" if language == "zh" else "lighthouse") in said.lower()
    assert [c.text for c in reel.cues] == [text for _, text in truth]
    for cue, (true_start, _) in zip(reel.cues, truth, strict=True):
        spoken = words_in(heard, cue.start_s, cue.end_s)
        assert spoken, f"no word heard under {cue}"
        assert cue.start_s == pytest.approx(spoken[0].start_s, abs=0.2)
        assert cue.end_s == pytest.approx(spoken[-1].end_s, abs=0.2)
        assert cue.start_s == pytest.approx(true_start, abs=0.3), "not where it was said"
    srt = result.srt_path.read_text(encoding="utf-8") if result.srt_path else ""
    assert truth[0][1] in srt

    # Look: white letters in the subtitle box while the first cue shows, none before the
    # speech starts (the model's picture here is grey, never white).
    cue = reel.cues[0]
    box = slice(int(320 * 0.70), int(320 * 0.88))
    during = frame_at(segment, (cue.start_s + cue.end_s) / 2)[box]
    before = frame_at(segment, cue.start_s / 2)[box]
    assert (during > 230).all(axis=-1).sum() > 50
    assert not (before > 230).all(axis=-1).any()
    assert sound_summary(result.sound, language)


def test_a_clip_without_sound_is_voiced_by_the_studio_and_says_so(server, tmp_path):
    screenplay = film("en")
    project = tmp_path / "project"

    quiet = SETTINGS.model_copy(update={"music": False})
    result = produce_film(screenplay, project, quiet)  # the fake's clips are silent

    assert result.sound == {1: SILENT_CLIP}
    reel = scene_manifest(project)
    segment = project / "segments" / reel.pieces["body"]
    within_a_frame(segment, reel.duration_s)
    voice = decode_audio(segment)
    assert float(np.abs(voice).max()) > 0.1, "the scene is not silent: the voices speak"
    assert [c.text for c in reel.cues] == [text for _, text in FILMS["en"][1]]
    assert "without sound" in sound_summary(result.sound, "en")
    assert "没有声音" in sound_summary(result.sound, "zh")


def test_a_backend_without_sound_says_native_audio_is_not_available(monkeypatch, tmp_path):
    monkeypatch.setenv("MICROFILM_NATIVE_AUDIO", "1")
    settings = SETTINGS.model_copy(update={"backend": "local", "music": False})

    result = produce_film(film("en"), tmp_path, settings)

    assert result.sound == {1: UNAVAILABLE}
    assert stream(probe(result.path), "audio")
    assert "makes no sound of its own" in sound_summary(result.sound, "en")
    assert "不会生成声音" in sound_summary(result.sound, "zh")
