"""The background process: commands run through it answer exactly as without it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from remiss.cli import relay

from .conftest import ROOT, run_remiss

pytestmark = pytest.mark.skipif(
    not relay.supported(), reason="Unix sockets with file descriptors needed"
)

CASE = ROOT / "cases" / "forsokslagenheter.yaml"
INVALID = ROOT / "tests" / "fixtures" / "invalid" / "01-missing-colon.yaml"


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private runtime folder; the background process in it is stopped after."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(folder), "REMISS_BAKGRUND": ""}
    yield env
    run_remiss("bakgrund", "stoppa", env=env)


def _status(env: dict[str, str]) -> str:
    return run_remiss("bakgrund", "status", env=env).stderr


def _served(env: dict[str, str]) -> int:
    text = _status(env)
    assert "ingen" not in text, text
    assert "körs" in text, text
    return int(text.rsplit(", ", 1)[1].split()[0])


def _socket_path(env: dict[str, str]) -> str:
    """Where a remiss run with this environment looks for the process."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from remiss.cli import relay; print(relay.socket_path())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "projekt"
    (project / "cases").mkdir(parents=True)
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    shutil.copy(CASE, project / "cases" / "one.yaml")
    shutil.copy(INVALID, project / "cases" / "trasig.yaml")
    return project


def test_commands_answer_the_same_through_the_background_process(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    project = _project(tmp_path)
    started = run_remiss("bakgrund", "starta", env=runtime)
    assert started.returncode == 0, started.stderr
    assert _served(runtime) == 0
    commands = [
        ("render", "cases/one.yaml", "--format", "md,docx", "-o", "{out}"),
        ("check", "cases/one.yaml"),
        ("check", "cases/trasig.yaml"),
        ("render", "finns-inte.yaml"),
        ("render", "--okänd-flagga"),
        ("koder",),
    ]
    for number, command in enumerate(commands):
        answers = []
        for mode in ("", "0"):
            out = tmp_path / f"ut-{number}-{mode or 'bakgrund'}"
            args = [a.replace("{out}", str(out)) for a in command]
            done = run_remiss(
                *args, cwd=project, env={**runtime, "REMISS_BAKGRUND": mode}
            )
            outputs = (
                {p.name: p.read_bytes() for p in sorted(out.iterdir())}
                if out.exists()
                else {}
            )
            answers.append(
                (
                    done.returncode,
                    done.stdout,
                    done.stderr.replace(str(out), "UT"),
                    outputs,
                )
            )
        assert answers[0] == answers[1], command
    codes = [
        run_remiss(*c, cwd=project, env={**runtime, "REMISS_BAKGRUND": "0"}).returncode
        for c in commands[1:5]
    ]
    assert codes == [0, 1, 2, 2]
    # every command of the first column went through the process
    assert _served(runtime) == len(commands)


def test_the_copy_takes_the_callers_folder_environment_and_umask(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    project = _project(tmp_path)
    assert run_remiss("bakgrund", "starta", env=runtime).returncode == 0
    cache = tmp_path / "egen-cache"
    env = {**runtime, "REMISS_CACHE": str(cache)}
    script = (
        "import os, sys; os.umask(0o027); sys.argv = ['remiss', 'render', "
        "'cases/one.yaml', '-o', 'ut']; from remiss.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _served(runtime) == 1
    written = project / "ut" / "one.docx"
    assert written.is_file()  # relative to the caller's folder
    # the output folder is made with the caller's umask
    assert oct(written.parent.stat().st_mode & 0o777) == oct(0o750)
    assert any(cache.rglob("*"))  # the caller's REMISS_CACHE, not the process's


def test_closed_stdin_and_a_pipe_for_stdout(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    project = _project(tmp_path)
    assert run_remiss("bakgrund", "starta", env=runtime).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "remiss", "koder"],
        cwd=project,
        env={**os.environ, **runtime},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    assert "E401" in done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    assert _served(runtime) == 1


def test_changed_code_retires_the_process_and_the_command_still_runs(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    project = _project(tmp_path)
    watched = tmp_path / "modul.py"
    watched.write_text("x = 1\n", encoding="utf-8")
    env = {**os.environ, **runtime}
    path = _socket_path(env)
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from remiss.cli.zygote import Zygote; "
            f"Zygote({path!r}, watch=({str(watched)!r},)).serve()",
        ],
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while "körs (" not in _status(runtime):
            assert time.monotonic() < deadline, "the process did not start"
            time.sleep(0.1)
        assert (
            run_remiss("check", "cases/one.yaml", cwd=project, env=runtime).returncode
            == 0
        )
        assert _served(runtime) == 1
        watched.write_text("x = 22\n", encoding="utf-8")  # remiss's code changed
        done = run_remiss("check", "cases/one.yaml", cwd=project, env=runtime)
        assert done.returncode == 0, done.stderr  # run here instead
        assert "1 fil kontrollerad" in done.stderr
        assert server.wait(timeout=30) == 0  # and the old process has left
    finally:
        if server.poll() is None:
            server.kill()


def test_another_installation_is_told_no(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    assert run_remiss("bakgrund", "starta", env=runtime).returncode == 0
    env = {**os.environ, **runtime}
    path = _socket_path(env)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(path)
        sock.sendall(relay.frame({"op": "run", "exe": "/annan/python", "root": "/x"}))
        assert relay.read_frame(sock) == {"stale": True}
    assert "körs (" in _status(runtime)  # and it keeps serving its own


def test_a_shared_runtime_folder_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    (folder / "remiss").mkdir(parents=True)
    (folder / "remiss").chmod(0o777)
    env = {"XDG_RUNTIME_DIR": str(folder), "REMISS_BAKGRUND": "1"}
    done = run_remiss("bakgrund", "starta", env=env)
    assert done.returncode == 2
    assert "bara din" in done.stderr
    project = _project(tmp_path)
    assert run_remiss("check", "cases/one.yaml", cwd=project, env=env).returncode == 0
    assert not any(p.suffix == ".sock" for p in (folder / "remiss").iterdir())


def test_started_by_a_command_when_asked_and_stopped(
    tmp_path: Path, runtime: dict[str, str]
) -> None:
    project = _project(tmp_path)
    env = {**runtime, "REMISS_BAKGRUND": "1"}
    assert "ingen bakgrundsprocess" in _status(env)
    assert run_remiss("check", "cases/one.yaml", cwd=project, env=env).returncode == 0
    deadline = time.monotonic() + 30
    while "körs (" not in _status(env):
        assert time.monotonic() < deadline, "the process was not started"
        time.sleep(0.1)
    stopped = run_remiss("bakgrund", "stoppa", env=env)
    assert "avslutad" in stopped.stderr
    assert "ingen bakgrundsprocess" in _status(env)
    # off means off: nothing starts
    off = {**runtime, "REMISS_BAKGRUND": "0"}
    assert run_remiss("check", "cases/one.yaml", cwd=project, env=off).returncode == 0
    time.sleep(0.5)
    assert "ingen bakgrundsprocess" in _status(off)


def test_two_messages_waiting_at_once_are_read_one_by_one() -> None:
    # The copy sends its pid and its exit status; a slow caller finds both
    # waiting, and must not lose the second while reading the first.
    left, right = socket.socketpair()
    with left, right:
        left.sendall(relay.frame({"pid": 12}) + relay.frame({"exit": 3}))
        left.shutdown(socket.SHUT_WR)
        assert relay.read_frame(right) == {"pid": 12}
        assert relay.read_frame(right) == {"exit": 3}
        assert relay.read_frame(right) is None
