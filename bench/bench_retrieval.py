"""Benchmark guideline retrieval: quality (hit@1/hit@3), index build/reuse time, query latency.

Run from the repository root (CPU only, about a minute on 2 cores):

    .venv/bin/python bench/bench_retrieval.py [--rounds 10]

Uses a temporary MICROFILM_HOME, so ./data is untouched. Quality is measured on the labelled
questions in knowledge/eval/questions.yaml for dense-only, lexical-only (bigram BM25) and the
hybrid that search_guidelines uses. Latency is end to end (search_guidelines with the model
loaded and the index open), over every question repeated ``--rounds`` times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_REUSE_CHILD = (
    "import time; t = time.perf_counter(); import knowledge; "
    "s = knowledge.ensure_index(log=lambda _: None); "
    "print(s.reused, s.seconds, time.perf_counter() - t)"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="latency passes over the questions")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="bench-retrieval-")
    os.environ["MICROFILM_HOME"] = home
    os.environ.pop("CHROMA_HOST", None)

    started = time.perf_counter()
    import knowledge
    from knowledge.embeddings import get_encoder
    from knowledge.evaluation import evaluate, load_questions

    import_s = time.perf_counter() - started
    cold = knowledge.ensure_index(log=lambda _: None)
    warm = knowledge.ensure_index(log=lambda _: None)
    child = subprocess.run(
        [sys.executable, "-c", _REUSE_CHILD],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    child_reused, child_ensure_s, child_total_s = child.stdout.split()

    questions = load_questions()
    quality = {mode: evaluate(questions, mode=mode) for mode in ("dense", "lexical", "hybrid")}

    for question in questions[:5]:  # warm-up
        knowledge.search_guidelines(question.q)
    latencies: list[float] = []
    for _ in range(args.rounds):
        for question in questions:
            t = time.perf_counter()
            knowledge.search_guidelines(question.q)
            latencies.append((time.perf_counter() - t) * 1000)
    embed: list[float] = []
    encoder = get_encoder()
    for question in questions:
        t = time.perf_counter()
        encoder.encode([question.q])
        embed.append((time.perf_counter() - t) * 1000)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    en = sum(1 for q in questions if q.lang == "en")
    lines = [
        f"Corpus: {cold.documents} documents, {cold.chunks} passages. "
        f"Questions: {len(questions)} ({en} English, {len(questions) - en} Chinese). "
        f"CPUs: {os.cpu_count()}, 1-min load average at the end: {load:.1f}.",
        "",
        "| Mode | hit@1 | hit@3 | hit@1 en | hit@3 en | hit@1 zh | hit@3 zh |",
        "|---|---|---|---|---|---|---|",
    ]
    for mode, report in quality.items():
        lines.append(
            f"| {mode} | {report.rate(1):.2f} | {report.rate(3):.2f} | {report.rate(1, 'en'):.2f} "
            f"| {report.rate(3, 'en'):.2f} | {report.rate(1, 'zh'):.2f} "
            f"| {report.rate(3, 'zh'):.2f} |"
        )
    lines += [
        "",
        "| Timing | Value |",
        "|---|---|",
        f"| import knowledge (chromadb, onnxruntime) | {import_s:.2f} s |",
        f"| index build, cold (model load + embed + chromadb) | {cold.seconds:.2f} s |",
        f"| index reuse, same process (reopen + verify) | {warm.seconds:.3f} s |",
        f"| index reuse, new process: ensure_index / incl. import | "
        f"{float(child_ensure_s):.3f} s / {float(child_total_s):.2f} s "
        f"(reused={child_reused}) |",
        f"| search_guidelines p50 / p95 / max ({len(latencies)} queries) | "
        f"{statistics.median(latencies):.1f} / {percentile(latencies, 95):.1f} / "
        f"{max(latencies):.1f} ms |",
        f"| of which query embedding p50 / p95 | {statistics.median(embed):.1f} / "
        f"{percentile(embed, 95):.1f} ms |",
    ]
    misses = quality["hybrid"].misses
    if misses:
        lines += ["", "Hybrid misses (question → expected; got):"]
        lines += [f"- {q.q} → {q.expect}; {', '.join(got)}" for q, got in misses]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
