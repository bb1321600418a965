"""The hand-off's own media: the film's pieces under plain names, and the music as a stem.

Editors relink by file name and show it on every clip, so the pieces get names that say
what they are (``03-scene-01.mp4``) instead of cache keys. They are hard links to the
segments where the file system allows (no extra space; a segment is never rewritten in
place, only replaced, so a link never changes under the editor), copies elsewhere.

The dialogue lives only in the segments' own audio (each scene's voices are mixed when
it is rendered), so it travels with the picture. The music is not a file at all: the bed
is synthesised, or looped from the person's track, and ducked under the dialogue when the
film is joined. :func:`write_music_stem` makes it a file, ducked the same way, so the
timeline's dialogue plus music sounds like ``film.mp4``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from film.screenplay import Genre
from tools.ffmpeg import SAMPLE_RATE, decode_audio, write_wav
from tools.handoff.cut import Cut, HandoffError
from tools.sound.music import MusicFileError, ducking_gain, music_bed

MEDIA_DIR = "media"
MUSIC_NAME = "music.wav"


def place_media(cut: Cut, folder: Path) -> Path:
    """Link (or copy) every piece into ``folder/media`` under its plain name."""
    media = folder / MEDIA_DIR
    media.mkdir(parents=True, exist_ok=True)
    for shot in cut.shots:
        target = media / shot.file_name
        try:
            os.link(shot.source, target)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(shot.source, target)
    return media


def write_music_stem(cut: Cut, folder: Path) -> Path | None:
    """The film's music as ``folder/media/music.wav``, ducked under the dialogue as in the film.

    Returns None for a film made without music.

    Raises:
        HandoffError: when the person's music file can no longer be read.
    """
    if not cut.music:
        return None
    seconds = cut.frames / cut.fps
    try:
        bed = music_bed(Genre(cut.genre), seconds, SAMPLE_RATE, source_file=cut.music_file)
    except MusicFileError as exc:
        raise HandoffError(f"The music could not be exported: {exc}") from exc
    gain = ducking_gain(_dialogue(cut, len(bed)), SAMPLE_RATE)
    path = folder / MEDIA_DIR / MUSIC_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    write_wav(path, bed * gain[:, None])
    return path


def _dialogue(cut: Cut, samples: int) -> np.ndarray:
    """The film's dialogue in mono, exactly ``samples`` long (it only steers the ducking)."""
    voice = np.zeros(samples, np.float32)
    position = 0
    for shot in cut.shots:
        start = round(position * SAMPLE_RATE / cut.fps)
        position += shot.frames
        end = min(samples, round(position * SAMPLE_RATE / cut.fps))
        if end <= start:
            continue
        mono = decode_audio(shot.source).mean(axis=1)[: end - start]
        voice[start : start + len(mono)] = mono
    return voice
