"""Whisper base for the hearing tests: the studio's own assembled model folder.

The studio joins and verifies the two MIT-licensed parts itself now (it listens to a video
model's sound to time subtitles), so the tests use that code rather than a copy of it.
"""

from tools.subtitles.whisper_model import MODEL_SHA256, WhisperMissing, whisper_base_dir

__all__ = ["MODEL_SHA256", "WhisperMissing", "whisper_base_dir"]
