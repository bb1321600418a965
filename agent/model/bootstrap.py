"""The code the embedded model server's process runs before llama.cpp's own server.

It is passed with ``python -c`` (see :mod:`agent.model.local_server`), so it is a string,
not an importable module: the child needs nothing of ours.
"""

from __future__ import annotations

from pathlib import Path

from agent.model import grammar_sampling, pid_files

_GRAMMAR_SAMPLING = Path(grammar_sampling.__file__).read_text(encoding="utf-8")

# Runs inside the child. It exits as soon as the parent is gone; it drops environment
# variables the llama.cpp server would read as settings (its uvicorn call honours HOST and
# PORT over the command line, so a PaaS-style PORT=8000 would move or expose it); and it
# takes the API key from the environment, keeping it out of `ps` output. Its first line is
# the marker by which a pid file's process is recognised as ours (pid_files). For llama.cpp
# it also installs grammar-last sampling (agent.model.grammar_sampling, whose source rides
# along in GRAMMAR_SAMPLING: the child imports nothing of ours).
BOOTSTRAP = (
    pid_files.MARKER
    + """
import os, runpy, sys, threading, time
parent, entry = int(sys.argv[1]), sys.argv[2]
log_path = os.environ.pop("MICROFILM_LLM_SERVER_LOG", "")
run_folder = os.environ.pop("MICROFILM_LLM_SERVER_RUN", "")
def _watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    mine = [log_path]
    if run_folder:
        mine.append(os.path.join(run_folder, "model-server-%d.json" % os.getpid()))
    for path in mine:
        try:
            os.unlink(path)
        except OSError:
            pass
    os._exit(0)
threading.Thread(target=_watch, name="parent-watchdog", daemon=True).start()
key = os.environ.pop("MICROFILM_LLM_SERVER_KEY", "")
names = {"host", "port", "config_file"}
if entry == "llama_cpp.server":
    from llama_cpp.server.settings import Settings
    names |= set(Settings.model_fields)
    sampling = {"__name__": "microfilm_grammar_sampling"}
    exec(compile(GRAMMAR_SAMPLING, "grammar_sampling.py", "exec"), sampling)
    sampling["install"]()
for name in [n for n in os.environ if n.lower() in names]:
    del os.environ[name]
# "--api_key=KEY": a random key may start with "-", which argparse would read as a flag.
sys.argv = [entry, *sys.argv[3:], "--api_key=" + key]
if entry.endswith(".py"):
    runpy.run_path(entry, run_name="__main__")
else:
    runpy.run_module(entry, run_name="__main__", alter_sys=True)
"""
).replace("GRAMMAR_SAMPLING", repr(_GRAMMAR_SAMPLING), 1)
