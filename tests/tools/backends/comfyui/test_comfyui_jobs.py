"""One ComfyUI job against the fake server: the protocol, waits, refusals, restarts, resume."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import replace

import pytest
from comfyui_kit import FAST, run_job, wan_graph
from fake_comfyui import FakeComfyUI, Scenario, tiny_clip, tiny_png

from tools.backends.base import RenderError
from tools.backends.comfyui.client import ComfyClient, OutputFile, QueueState, ServerDown
from tools.backends.comfyui.job import ComfyJob, JobSpec


@pytest.fixture
def fake():
    with FakeComfyUI() as server:
        yield server


@pytest.fixture
def client(fake):
    with ComfyClient(fake.url, timeout_s=5.0) as comfy:
        yield comfy


def test_a_job_is_queued_watched_and_collected(fake, client, tmp_path):
    events: list[tuple[str, float]] = []
    target = tmp_path / "part.video"

    job = run_job(client, wan_graph(fake), target, events=events)

    (body,) = fake.prompts()
    sockets = [r for r in fake.requests if r.path == "/ws"]
    assert sockets and sockets[0].query["clientId"] == body["client_id"]
    assert body["prompt"]["10"]["inputs"]["length"] == 17
    assert body["prompt_id"] in fake.history  # ComfyUI kept the id we chose
    assert target.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # the WebM the fake saved
    assert not job.record_path.exists() and not job.resumed
    fractions = [f for _, f in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("step 3 of 3" in m for m, _ in events)
    # Done is read from the history when the socket says so (or falls silent): no polling.
    assert fake.count("GET", f"/history/{body['prompt_id']}") <= 3


def test_a_job_behind_others_says_how_many_are_ahead(fake, client, tmp_path):
    fake.scenario = Scenario(queue_ahead=2)
    events: list[tuple[str, float]] = []

    run_job(client, wan_graph(fake), tmp_path / "part.video", events=events)

    waits = [m for m, _ in events if "waiting in the ComfyUI queue" in m]
    assert waits and "2 job(s) ahead" in waits[0]
    assert len(fake.history) == 3 and len(fake.prompts()) == 1


def test_a_missing_custom_node_names_what_to_install(fake, client, tmp_path):
    fake.scenario = Scenario(missing_nodes={"WanImageToVideo"})
    with pytest.raises(RenderError) as caught:
        run_job(client, wan_graph(fake), tmp_path / "part.video")
    assert caught.value.final
    message = str(caught.value)
    assert message.startswith("ComfyUI has no node WanImageToVideo")
    assert "update ComfyUI" in message
    assert not (tmp_path / "part.video.job.json").exists()  # nothing was queued


def test_a_video_helper_node_names_its_pack(fake, client, tmp_path):
    fake.scenario = Scenario(missing_nodes={"VHS_VideoCombine"})
    graph = wan_graph(fake)
    graph["14"] = {"class_type": "VHS_VideoCombine", "inputs": {"images": ["13", 0]}}
    with pytest.raises(RenderError, match="ComfyUI-VideoHelperSuite") as caught:
        run_job(client, graph, tmp_path / "part.video")
    assert caught.value.final


def test_a_missing_model_names_the_file_and_its_folder(fake, client, tmp_path):
    model = "wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors"
    fake.scenario = Scenario(missing_models={model, "wan_2.1_vae.safetensors"})
    with pytest.raises(RenderError) as caught:
        run_job(client, wan_graph(fake), tmp_path / "part.video")
    message = str(caught.value)
    assert caught.value.final
    assert f"the model {model} is not installed: put it in ComfyUI's models/diffusion_models" in (
        message
    )
    assert "models/vae" in message
    assert not fake.history


def test_running_out_of_gpu_memory_is_final_and_says_what_to_lower(fake, client, tmp_path):
    fake.scenario = Scenario(fail_with="CUDA out of memory. Tried to allocate 2.00 GiB")
    with pytest.raises(RenderError) as caught:
        run_job(client, wan_graph(fake), tmp_path / "part.video")
    assert caught.value.final
    assert "out of GPU memory" in str(caught.value) and "KSamplerAdvanced" in str(caught.value)
    assert not (tmp_path / "part.video.job.json").exists()


def test_after_a_server_restart_the_socket_reconnects_and_the_job_goes_on(fake, client, tmp_path):
    # Steps enough to outlast the reconnect on a loaded machine: with 8, the job had ended
    # before the socket was back and no progress came after it (2026-12-02, under a bench).
    fake.scenario = Scenario(steps=24, step_s=0.08, restart_at_step=2, down_s=0.2)
    events: list[tuple[str, float]] = []

    run_job(client, wan_graph(fake), tmp_path / "part.video", events=events)

    assert fake.restarts == 1 and len(fake.prompts()) == 1  # waited out, not queued again
    assert fake.count("GET", "/ws") >= 2
    reconnected = [m for m, _ in events].index("Scene 1, shot 1: connected to ComfyUI again")
    assert any("step" in m for m, _ in events[reconnected:])  # progress kept coming
    assert (tmp_path / "part.video").stat().st_size > 0


def test_a_job_that_finished_while_the_server_was_away_is_found_in_its_history(
    fake, client, tmp_path
):
    fake.scenario = Scenario(restart_at_step=2, down_s=1.0)
    events: list[tuple[str, float]] = []

    run_job(client, wan_graph(fake), tmp_path / "part.video", events=events)

    assert fake.restarts == 1 and len(fake.prompts()) == 1
    assert any("waiting for ComfyUI to come back" in m for m, _ in events)
    assert len(fake.history) == 1 and (tmp_path / "part.video").stat().st_size > 0


def test_a_job_the_restart_lost_is_queued_again(fake, client, tmp_path):
    fake.scenario = Scenario(restart_at_step=1, down_s=0.2, forget_on_restart=True)
    run_job(client, wan_graph(fake), tmp_path / "part.video")
    first, second = fake.prompts()
    assert first["prompt_id"] == second["prompt_id"]  # the same job: it never finished
    assert list(fake.history) == [first["prompt_id"]]


def test_a_job_past_its_time_limit_is_left_running_and_resumed_later(fake, client, tmp_path):
    fake.scenario = Scenario(stall=True)
    target = tmp_path / "part.video"
    with pytest.raises(RenderError) as caught:
        run_job(client, wan_graph(fake), target, patience=replace(FAST, timeout_s=0.5))
    assert not caught.value.final
    assert "has not finished Scene 1, shot 1 after 0.5 s (running)" in str(caught.value)
    record = json.loads((tmp_path / "part.video.job.json").read_text())

    fake.scenario.stall = False
    job = run_job(client, wan_graph(fake), target)

    assert job.resumed and len(fake.prompts()) == 1
    assert list(fake.history) == [record["prompt_id"]]
    assert target.is_file()


def test_a_queueing_answer_that_never_came_does_not_queue_twice(fake, tmp_path):
    fake.scenario = Scenario(slow_submit_s=1.0)
    target = tmp_path / "part.video"
    with ComfyClient(fake.url, timeout_s=0.3) as impatient:
        with pytest.raises(RenderError, match="did not answer POST /prompt in time") as caught:
            run_job(impatient, wan_graph(fake), target)
    assert not caught.value.final
    fake.scenario.slow_submit_s = 0.0
    with ComfyClient(fake.url, timeout_s=5.0) as patient:
        job = run_job(patient, wan_graph(fake), target)
    assert job.resumed and len(fake.prompts()) == 1 and target.is_file()


def test_a_crashed_render_collects_its_job_instead_of_queueing_it_again(fake, client, tmp_path):
    class Crash(Exception):
        pass

    def crash_on_first_step(message: str, fraction: float) -> None:
        if "step 1" in message:
            raise Crash

    target = tmp_path / "part.video"
    with pytest.raises(Crash):
        run_job(client, wan_graph(fake), target, events=_Raising(crash_on_first_step))
    assert (tmp_path / "part.video.job.json").is_file()

    job = run_job(client, wan_graph(fake), target)
    assert job.resumed and len(fake.prompts()) == 1 and target.is_file()


def test_a_job_that_failed_while_nobody_watched_reports_why(fake, client, tmp_path):
    fake.scenario = Scenario(fail_with="Allocation on device 0 would exceed allowed memory")
    target = tmp_path / "part.video"
    record = {"prompt_id": "job-1", "client_id": "someone-gone"}
    fake.submit({"prompt": wan_graph(fake), "prompt_id": "job-1", "client_id": "someone-gone"})
    target.with_name("part.video.job.json").write_text(json.dumps(record))
    _wait_for(lambda: "job-1" in fake.history)

    with pytest.raises(RenderError, match="out of GPU memory") as caught:
        run_job(client, wan_graph(fake), target)
    assert caught.value.final and len(fake.prompts()) == 0


def test_an_old_server_that_picks_its_own_ids_is_followed(fake, client, tmp_path):
    fake.scenario = Scenario(ignore_prompt_id=True)
    run_job(client, wan_graph(fake), tmp_path / "part.video")
    (body,) = fake.prompts()
    assert body["prompt_id"] not in fake.history and len(fake.history) == 1


def test_no_server_says_where_it_was_looked_for(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with ComfyClient(url, timeout_s=2.0) as nobody, pytest.raises(ServerDown) as caught:
        run_job(nobody, {"1": {"class_type": "SaveWEBM", "inputs": {}}}, tmp_path / "p.video")
    assert caught.value.final
    assert str(caught.value).startswith(f"No ComfyUI server is running at {url}")
    assert "MICROFILM_COMFYUI_URL" in str(caught.value)
    assert not (tmp_path / "p.video.job.json").exists()


class _Raising(list):
    """An events list whose append runs a check (to crash a job from its progress)."""

    def __init__(self, check):
        super().__init__()
        self.check = check

    def append(self, item):
        self.check(*item)
        super().append(item)


def _wait_for(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the fake never got there"
        time.sleep(0.02)


def test_a_job_that_ends_between_the_two_looks_is_not_taken_for_lost(tmp_path):
    """ComfyUI files a job in its history before it leaves the queue; read in that order."""
    clip = tiny_clip(tiny_png(64, 112, 1), 64, 112, 9, 16.0)
    finished = {
        "outputs": {"14": {"images": [{"filename": "a.webm", "subfolder": "", "type": "output"}]}},
        "status": {"status_str": "success", "completed": True, "messages": []},
    }

    class JustFinished:
        """History: not yet; queue: gone; history again: there (the job ended meanwhile)."""

        def __init__(self):
            self.looks = [None, finished]

        def socket_url(self, client_id):
            return "ws://127.0.0.1:9/ws"  # nothing listens: progress is not needed here

        def history(self, prompt_id):
            return self.looks.pop(0)

        def queue(self):
            return QueueState((), ())

        def submit(self, *args, **kwargs):
            raise AssertionError("a finished job was queued again")

        def view(self, output: OutputFile):
            return clip

    target = tmp_path / "part.video"
    target.with_name("part.video.job.json").write_text('{"prompt_id": "p", "client_id": "c"}')
    spec = JobSpec({}, "wan22_i2v", "14", "video", target, "Scene 1, shot 1")
    ComfyJob(JustFinished(), spec, FAST, lambda m, f: None).run()
    assert target.read_bytes() == clip
