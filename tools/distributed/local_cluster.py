"""A Ray cluster of several nodes on this one machine, for tests, the benchmark and trying out.

Each node is ``ray start ... --block`` in a process group of its own, inside a private
temporary folder, so stopping the cluster ends exactly its processes (never another Ray
on the machine, which a plain ``ray stop`` would) and removes its files. Nodes get one CPU
each by default, so a test can tell which node ran what, and a small object store.
With ``pin_cores`` each node is held to a core of its own (node ``i`` on core ``i``), so
that "one CPU" is a real core: that is how the benchmark stands in for separate machines.

    with LocalCluster() as cluster:
        cluster.add_node()
        os.environ["MICROFILM_RAY_ADDRESS"] = cluster.address
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

OBJECT_STORE_BYTES = 150 * 1024 * 1024
START_TIMEOUT_S = 90.0
# A killed node is noticed in seconds rather than the default half a minute.
FAST_FAILURE_DETECTION = {
    "RAY_health_check_period_ms": "1000",
    "RAY_health_check_timeout_ms": "2000",
    "RAY_health_check_failure_threshold": "5",
}
# A throwaway cluster on 127.0.0.1 needs no token: Ray turns token authentication on by
# itself when ~/.ray/auth_token exists (left by `ray get-auth-token --generate`), and then
# the probe and the tests' driver, which do not send it, could not join.
NO_TOKEN = {"RAY_AUTH_MODE": "disabled"}


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ray_executable() -> str:
    """The ``ray`` command of this Python environment."""
    beside = Path(sys.executable).with_name("ray")
    found = str(beside) if beside.is_file() else shutil.which("ray")
    if not found:
        raise RuntimeError("The `ray` command is missing: install the `scale` extra.")
    return found


@dataclass
class RayNode:
    """One ``ray start --block`` process (the leader of its process group)."""

    process: subprocess.Popen[bytes]
    log: Path

    def raylet_pids(self) -> list[int]:
        """The node's raylet processes (its node manager)."""
        return [pid for pid, name in _descendants(self.process.pid) if name == "raylet"]


class LocalCluster:
    """A head node plus any number of worker nodes on this machine."""

    def __init__(
        self, cpus_per_node: int = 1, resources: str = "", pin_cores: bool = False
    ) -> None:
        self.cpus = cpus_per_node
        self.resources = resources
        self.pin_cores = pin_cores
        self.root = Path(tempfile.mkdtemp(prefix="mfray-"))
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.nodes: list[RayNode] = []

    def __enter__(self) -> LocalCluster:
        try:
            self.start_head()
        except BaseException:  # a head that never came up is still a process to end
            self.stop()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start_head(self) -> RayNode:
        """Start the head node (the cluster's GCS) and wait until it accepts nodes."""
        node = self._start(
            "--head",
            f"--port={self.port}",
            f"--ray-client-server-port={free_port()}",
            "--include-dashboard=false",
            f"--temp-dir={self.root / 'tmp'}",
        )
        self._wait_for_nodes(1)
        return node

    def add_node(self) -> RayNode:
        """Start one more node joined to the head and wait until the cluster counts it."""
        node = self._start(f"--address={self.address}")
        self._wait_for_nodes(len(self.nodes))
        return node

    def _start(self, *role: str) -> RayNode:
        log = self.root / f"node-{len(self.nodes)}.log"
        command = [
            ray_executable(),
            "start",
            *role,
            f"--num-cpus={self.cpus}",
            "--num-gpus=0",
            f"--object-store-memory={OBJECT_STORE_BYTES}",
            "--node-ip-address=127.0.0.1",
            "--disable-usage-stats",
            "--block",
        ]
        if self.resources:
            command.append(f"--resources={self.resources}")
        env = {**os.environ, **FAST_FAILURE_DETECTION, **NO_TOKEN, "RAY_USAGE_STATS_ENABLED": "0"}
        cores = sorted(os.sched_getaffinity(0))
        own_core = {cores[len(self.nodes) % len(cores)]}
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                # Inherited by the raylet, its workers and the encoders they start.
                preexec_fn=(lambda: os.sched_setaffinity(0, own_core)) if self.pin_cores else None,
            )
        node = RayNode(process, log)
        self.nodes.append(node)
        return node

    def _wait_for_nodes(self, count: int) -> None:
        """Wait until ``count`` nodes are alive (asked through ``ray status``' sibling API)."""
        deadline = time.monotonic() + START_TIMEOUT_S
        probe = (
            "import ray,sys;ray.init(address=sys.argv[1],logging_level='ERROR');"
            "print(sum(1 for n in ray.nodes() if n['Alive']))"
        )
        while time.monotonic() < deadline:
            if any(node.process.poll() is not None for node in self.nodes):
                logs = "\n".join(n.log.read_text(errors="replace")[-2000:] for n in self.nodes)
                raise RuntimeError(f"a Ray node stopped while starting:\n{logs}")
            done = subprocess.run(
                [sys.executable, "-c", probe, self.address],
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S,
                env={**os.environ, **NO_TOKEN},
            )
            if done.returncode == 0 and done.stdout.strip().splitlines()[-1:] == [str(count)]:
                return
            time.sleep(0.5)
        raise RuntimeError(f"the local Ray cluster did not reach {count} nodes in time")

    def kill_node(self, node: RayNode) -> None:
        """Kill a node's raylet and its workers with SIGKILL, as a crashed machine would.

        The workers go too: with only the raylet killed, a scene already running there
        finished and filed its result before the worker noticed (two CI runs, 2026-12-01),
        which no crashed machine would do.
        """
        for raylet in node.raylet_pids():
            doomed = [raylet, *(pid for pid, _name in _descendants(raylet))]
            for pid in doomed:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        """End every process of this cluster (worker nodes first) and remove its folder."""
        for node in reversed(self.nodes):
            _end_group(node.process)
        self.nodes.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def _end_group(process: subprocess.Popen[bytes], grace_s: float = 5.0) -> None:
    """SIGTERM the node's process group, then SIGKILL whatever of it is left."""
    members = _descendants(process.pid)  # workers that left the group belong to the node too
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)
        for pid, name in members:
            if _name(pid) == name:  # still that process, not a reused number
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signum)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)


def _name(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.find("(") + 1 : stat.rfind(")")]


def _descendants(root: int) -> list[tuple[int, str]]:
    """(pid, command name) of every process below ``root``, read from /proc."""
    parents: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.find("(") + 1 : stat.rfind(")")]
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append((int(entry.name), name))
    found: list[tuple[int, str]] = []
    todo = [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found
