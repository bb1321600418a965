"""A real PostgreSQL server from Debian's ``postgresql`` package, private to one test.

``initdb`` makes a cluster in a fresh temporary folder; the server listens on a free port
of 127.0.0.1 (and a unix socket in that folder) and asks for a password, so the URL the
studio gets is a real ``postgresql://user:password@host:port/db``. PostgreSQL refuses to
run as root: under root the folder belongs to ``nobody`` and every server program runs as
that user. :meth:`PostgresServer.restart` is the fault the tests inject between two turns.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

USER = "studio"
DATABASE = "microfilm"
UNPRIVILEGED = "nobody"


def server_programs() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl`` (off the PATH on Debian)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    assert on_path, "PostgreSQL is not installed: `python3 dev.py test` installs `postgresql`"
    return Path(on_path).resolve().parent


def _version(path: str) -> int:
    version = Path(path).parts[-3]
    return int(version) if version.isdigit() else 0


def free_port() -> int:
    """A port nobody listens on right now (127.0.0.1 only)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One throwaway cluster: :meth:`start`, :meth:`restart`, :meth:`stop` (removes it)."""

    def __init__(self) -> None:
        self.bin = server_programs()
        self.password = secrets.token_urlsafe(12)
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="microfilm-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._created = False
        self._as_user: dict[str, Any] = {}
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            account = pwd.getpwnam(UNPRIVILEGED)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as_user = {"user": account.pw_uid, "group": account.pw_gid}

    @property
    def url(self) -> str:
        """The URL the studio is given (``MICROFILM_DATABASE_URL``)."""
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [str(self.bin / program), *args],
            cwd=self.folder,
            env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "PGPASSWORD": self.password},
            capture_output=True,
            text=True,
            timeout=120,
            **self._as_user,
        )
        assert done.returncode == 0, f"{program} failed: {done.stderr[-2000:]}\n{self.log_tail()}"

    def log_tail(self) -> str:
        """The end of the server's log, for failure messages."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return ""

    def start(self) -> PostgresServer:
        """Create the cluster on first use, then start the server and wait until it answers."""
        if not self.data.exists():
            secret = self.folder / "password"
            secret.write_text(self.password)
            if self._as_user:
                os.chown(secret, self._as_user["user"], self._as_user["group"])
            self._run(
                "initdb",
                *("-D", str(self.data), "-U", USER, f"--pwfile={secret}", "-E", "UTF8"),
                *("--no-locale", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256"),
            )
            secret.unlink()
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        if not self._created:
            self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, DATABASE)
            self._created = True
        return self

    def restart(self) -> None:
        """Stop the server (closing every client's connection) and start it again."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.start()

    def query(self, sql: str) -> str:
        """One query's rows as ``psql -At`` prints them (``|`` between columns), for checks."""
        address = ("-h", "127.0.0.1", "-p", str(self.port), "-U", USER, "-d", DATABASE)
        done = subprocess.run(
            [str(self.bin / "psql"), *address, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
            env={"PATH": os.environ.get("PATH", ""), "PGPASSWORD": self.password},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def stop(self) -> None:
        """Stop the server if it runs and delete the cluster."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
