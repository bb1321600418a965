"""Scene renders on a Ray cluster: throughput on one node against two, and Ray's cost per scene.

One run, three measurements of the same film (every scene rendered afresh each time):

1. in process: each scene with ``render_scene_segment``, one after another (the per-scene
   time the cluster must beat, and the baseline for Ray's overhead);
2. a local Ray cluster of one node with one CPU: all scenes sent at once as Ray tasks
   (``tools.distributed.dispatch``), their segments shipped back through the object store
   and filed by this driver;
3. the same cluster after a second one-CPU node joined.

The throughput ratio is (2) / (3) in wall time (target >= 1.8 for 10+ scenes with the local
backend); Ray's overhead per scene is ((2) - (1)) / scenes: task start, shipping the files
and filing them, since one node renders one scene at a time like the in-process loop. Each
node's worker is warmed up first (imports, voices), as a long-running cluster would be.
Each node is held to a core of its own (``taskset``-style affinity, inherited by its workers
and their encoders), and the in-process baseline to one core, so a node's "1 CPU" is a real
core as on separate machines; without that, x264 in a "1 CPU" node spreads over every core of
the machine and a second node on the same cores cannot add throughput (``--shared-cores``
shows this). The machine needs two idle cores for the two nodes; the driver takes what is
left over.

    .venv/bin/python bench/bench_scale.py                        # 12 scenes of 5 s, 1080x1920
    .venv/bin/python bench/bench_scale.py --scenes 10 --scene-seconds 3 --size 180x320 --no-voice
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ray  # noqa: E402
from bench_render import synthetic_film  # noqa: E402
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy  # noqa: E402

from film.screenplay import Screenplay  # noqa: E402
from tools.assembly.production import ProductionSettings, render_scene_segment  # noqa: E402
from tools.distributed.dispatch import RemoteSegment, connect, submit_scene  # noqa: E402
from tools.distributed.local_cluster import LocalCluster  # noqa: E402
from tools.distributed.settings import ClusterSettings  # noqa: E402


def in_process(film: Screenplay, folder: Path, settings: ProductionSettings) -> float:
    """Seconds to render every scene in this process, one after another."""
    started = time.perf_counter()
    for scene in film.scenes:
        result = render_scene_segment(film, scene.number, folder, settings)
        if result.error:
            raise RuntimeError(result.error)
    return time.perf_counter() - started


def on_cluster(
    film: Screenplay, folder: Path, settings: ProductionSettings, cluster: ClusterSettings
) -> tuple[float, dict[str, int]]:
    """Seconds to render every scene as Ray tasks sent at once, and scenes per node."""
    started = time.perf_counter()
    jobs = [submit_scene(film, s.number, folder, settings, cluster) for s in film.scenes]

    def wait(job: object) -> RemoteSegment:
        return job if isinstance(job, RemoteSegment) else job.result()  # type: ignore[attr-defined]

    with ThreadPoolExecutor(max(1, len(jobs))) as pool:
        done = list(pool.map(wait, jobs))
    seconds = time.perf_counter() - started
    failed = [d.result.error for d in done if d.result.error]
    if failed:
        raise RuntimeError(failed[0])
    per_node: dict[str, int] = {}
    for d in done:
        per_node[d.node_id[:8]] = per_node.get(d.node_id[:8], 0) + 1
    return seconds, per_node


def warm_every_node(
    film: Screenplay, folder: Path, settings: ProductionSettings, cluster: ClusterSettings
) -> int:
    """Render the first scene once on every live node (its worker imports, fonts, voices)."""
    nodes = [n["NodeID"] for n in ray.nodes() if n["Alive"]]
    for index, node in enumerate(nodes):
        pin = NodeAffinitySchedulingStrategy(node, soft=False)
        job = submit_scene(
            film,
            film.scenes[0].number,
            folder / str(index),
            settings,
            cluster,
            scheduling_strategy=pin,
        )
        if not isinstance(job, RemoteSegment):
            job.result()
    return len(nodes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=12)
    parser.add_argument("--scene-seconds", type=float, default=5.0)
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--no-voice", action="store_true", help="silent scenes (no TTS)")
    parser.add_argument(
        "--shared-cores", action="store_true", help="do not hold each node to a core of its own"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    film = synthetic_film(args.scenes * args.scene_seconds / 60, args.scene_seconds)
    settings = ProductionSettings(
        width=width, height=height, voice=not args.no_voice, music=False, concurrency=1
    )
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    figures: dict[str, object] = {
        "scenes": len(film.scenes),
        "scene_seconds": args.scene_seconds,
        "size": args.size,
        "voice": not args.no_voice,
        "cores_per_node": "shared" if args.shared_cores else "one own core",
    }
    every_core = os.sched_getaffinity(0)
    try:
        if not args.shared_cores:
            os.sched_setaffinity(0, {min(every_core)})  # the baseline gets one core, as a node
        in_process(film.model_copy(update={"scenes": film.scenes[:1]}), work / "warm", settings)
        local_s = in_process(film, work / "local", settings)
        os.sched_setaffinity(0, every_core)
        with LocalCluster(cpus_per_node=1, pin_cores=not args.shared_cores) as cluster:
            ray_settings = ClusterSettings(cluster.address)
            connect(ray_settings)
            warm_every_node(film, work / "warm-1", settings, ray_settings)
            one_s, one_nodes = on_cluster(film, work / "one-node", settings, ray_settings)
            cluster.add_node()
            warm_every_node(film, work / "warm-2", settings, ray_settings)
            two_s, two_nodes = on_cluster(film, work / "two-nodes", settings, ray_settings)
            ray.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    count = len(film.scenes)
    figures.update(
        in_process_s=round(local_s, 2),
        in_process_per_scene_s=round(local_s / count, 3),
        one_node_s=round(one_s, 2),
        two_nodes_s=round(two_s, 2),
        scenes_per_node_one=one_nodes,
        scenes_per_node_two=two_nodes,
        throughput_ratio=round(one_s / two_s, 3),
        ray_overhead_per_scene_s=round((one_s - local_s) / count, 3),
    )
    print(f"| {count} scenes of {args.scene_seconds:g} s at {args.size} | seconds | per scene |")
    print("| --- | --- | --- |")
    print(f"| in process, one after another | {local_s:.1f} | {local_s / count:.2f} |")
    print(f"| Ray, 1 node x 1 CPU | {one_s:.1f} | {one_s / count:.2f} |")
    print(f"| Ray, 2 nodes x 1 CPU | {two_s:.1f} | {two_s / count:.2f} |")
    print(f"throughput 2 nodes / 1 node: {one_s / two_s:.2f}x (target >= 1.8x)")
    print(
        f"Ray overhead per scene: {(one_s - local_s) / count:+.3f} s; scenes per node: {two_nodes}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
