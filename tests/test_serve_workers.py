"""`miljomal serve --workers N`: N server processes listening on one port (SO_REUSEPORT)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/net/tcp").exists(),
    reason="SO_REUSEPORT and /proc (Linux) needed",
)


def listening_inodes(port: int) -> set[str]:
    """The socket inodes listening on 127.0.0.1:port (state 0A in /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == f"0100007F:{port:04X}" and fields[3] == "0A":
            found.add(fields[9])
    return found


def sockets_of(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:"))
        if int(ppid) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


def test_two_worker_processes_listen_on_one_port_and_stop_together(
    sqlite_url: str, tmp_path: Path
) -> None:
    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    engine = make_engine(sqlite_url)
    initialise(engine)
    engine.dispose()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {
        **os.environ,
        "MILJOMAL_SECRET_KEY": "test",
        "MILJOMAL_INSTANCE": str(tmp_path / "instance"),
    }
    command = [sys.executable, "-m", "miljomal", "--db", sqlite_url, "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )
    workers: list[int] = []
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert (
            line == f"miljomal serves on http://127.0.0.1:{port}/ with 2 processes (Ctrl+C stops)\n"
        )
        deadline = time.monotonic() + 60
        while True:
            workers = children_of(process.pid)
            listening = listening_inodes(port)
            if len(workers) == 2 and all(sockets_of(pid) & listening for pid in workers):
                break
            assert time.monotonic() < deadline, (workers, listening)
            time.sleep(0.1)
        assert len(listening) == 2  # a socket of each process's own, not one shared
        for _ in range(10):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as answer:
                assert answer.status == 200
    finally:
        process.terminate()
        rest = process.communicate(timeout=30)[0]
    assert process.returncode == 0, rest
    assert not [pid for pid in workers if alive(pid)]


def test_workers_on_a_port_in_use_is_one_line(sqlite_url: str, tmp_path: Path) -> None:
    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    engine = make_engine(sqlite_url)
    initialise(engine)
    engine.dispose()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "miljomal", "--db", sqlite_url, "serve", "--port", str(port),
             "--workers", "2"],
            capture_output=True,
            text=True,
            env={**os.environ, "MILJOMAL_SECRET_KEY": "test",
                 "MILJOMAL_INSTANCE": str(tmp_path / "instance")},
            timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == f"Fel: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert done.stdout == ""
