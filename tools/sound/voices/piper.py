"""A Piper (VITS) voice on onnxruntime: the neural English voice, in about a hundred lines.

Why our own runner: ``piper-tts`` is GPL-3.0-or-later, and ``piper-onnx`` (MIT) needs
``phonemizer-fork`` (GPL-3.0) and phonemises without the stress marks and punctuation Piper
voices are trained on (its Harvard-sentence error rate was 0.14 against 0.09 here). A voice
needs little: espeak-ng IPA (:func:`tools.sound.espeak.ipa`, from the library the studio
already ships), mapped through the voice's ``phoneme_id_map`` as ``^ _ p1 _ p2 _ … _ $``, and
one inference per sentence with ``input``, ``input_lengths`` and ``scales``.

The VITS graph draws unseeded random noise, so the studio runs it with both noise scales at 0:
every render of a line is then the same samples (the segment cache depends on it), and
intelligibility is unchanged (Whisper base: the same word error rate as the default scales).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import numpy as np
import onnxruntime as ort

from tools.sound import espeak

# punctuation that ends a clause, possibly followed by closing quotes, then a space or the end
_CLAUSE_END = re.compile(r"[,;:.!?…]+[\"'”’)\]]*(?=\s|$)")
_SENTENCE_END = frozenset(".!?")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof sr jr mt vs etc no a.m p.m e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_CLOSING = "\"'”’)]"
SENTENCE_PAUSE_S = 0.2

Clause = tuple[str, str]  # (text, the punctuation mark that ends it)


def sentences(text: str) -> list[list[Clause]]:
    """``text`` as sentences of clauses, each with its closing mark; "Mr." ends nothing."""
    result: list[list[Clause]] = [[]]
    start = 0
    for match in _CLAUSE_END.finditer(text):
        marks = match.group().rstrip(_CLOSING).replace("…", ".")
        words = text[start : match.start()].split()
        if marks == "." and words and words[-1].lower().strip(_CLOSING + "(") in _ABBREVIATIONS:
            continue
        clause = text[start : match.start()].strip()
        mark = "?" if "?" in marks else "!" if "!" in marks else marks[0]
        if clause:
            result[-1].append((clause, mark))
        if mark in _SENTENCE_END and result[-1]:
            result.append([])
        start = match.end()
    if tail := text[start:].strip():
        result[-1].append((tail, "."))
    return [sentence for sentence in result if sentence]


class PiperVoice:
    """One ``.onnx`` + ``.onnx.json`` Piper voice, loaded once and reused for every line.

    onnxruntime sessions may be run from several threads at once, so scenes rendering in
    parallel share this object; the espeak-ng step takes its own lock.
    """

    def __init__(self, model: Path, config: Path, threads: int = 1) -> None:
        self.config = json.loads(Path(config).read_text(encoding="utf-8"))
        self.sample_rate = int(self.config["audio"]["sample_rate"])
        self.espeak_voice = str(self.config["espeak"]["voice"])
        self._ids: dict[str, list[int]] = self.config["phoneme_id_map"]
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    def phonemes(self, sentence: list[Clause]) -> str:
        """IPA for one sentence, each clause closed by its punctuation mark.

        The voice has symbols for ``, . ; : ! ?`` and pauses and inflects on them; the text is
        NFD-normalised as in Piper's training data.
        """
        spoken = " ".join(espeak.ipa(clause, self.espeak_voice) + mark for clause, mark in sentence)
        return unicodedata.normalize("NFD", spoken)

    def phoneme_ids(self, phonemes: str) -> list[int]:
        """``^``, then every known symbol followed by the pad ``_``, then ``$``."""
        pad = self._ids["_"]
        ids = [*self._ids["^"], *pad]
        for symbol in phonemes:
            if symbol in self._ids:
                ids += [*self._ids[symbol], *pad]
        return [*ids, *self._ids["$"]]

    def speak(self, text: str, length_scale: float = 1.0) -> np.ndarray:
        """Mono float32 samples at :attr:`sample_rate`, one inference per sentence.

        ``length_scale`` stretches every phoneme (above 1 is slower). Noise is off, so the
        same text always gives the same samples.
        """
        pieces: list[np.ndarray] = []
        for sentence in sentences(text):
            ids = self.phoneme_ids(self.phonemes(sentence))
            if len(ids) <= 3:  # "^ _ $" and nothing said: punctuation alone
                continue
            feed = {
                "input": np.array([ids], np.int64),
                "input_lengths": np.array([len(ids)], np.int64),
                "scales": np.array([0.0, length_scale, 0.0], np.float32),
            }
            if "sid" in self._inputs:
                feed["sid"] = np.array([0], np.int64)
            audio = np.asarray(self._session.run(None, feed)[0], np.float32).reshape(-1)
            if pieces:
                pieces.append(np.zeros(round(SENTENCE_PAUSE_S * self.sample_rate), np.float32))
            pieces.append(audio)
        return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
