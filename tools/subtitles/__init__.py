"""Subtitles: timed cues, SRT files and burned-in captions."""
