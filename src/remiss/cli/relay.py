"""Hand a command to remiss's background process, when one is running.

A new Python spends most of a `remiss render` importing Jinja, YAML, lxml
and remiss itself; the work on one case takes a few milliseconds. The
background process (`cli/zygote.py`) has imported all that once and forks a
copy of itself for every command. This module is the other end: it sends the
command line, working folder, environment and umask, and hands over its own
stdin, stdout and stderr (file descriptors over a Unix socket), so the copy
reads and writes exactly where this process would. It then waits for the exit
status and passes Ctrl-C and other signals on.

It imports only what a bare Python has loaded anyway (socket, json), so that
asking costs less than a millisecond or two. Whenever anything is not as
expected (no process, another installation, its code changed since it
started) `run` returns None and the command runs here, as it always did.

REMISS_BAKGRUND=0 turns it off; =1 starts the process even when remiss is
not run from a terminal. By default it is started by commands typed in a
terminal, and used by every command while it runs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys
import zlib
from typing import Any

ENV = "REMISS_BAKGRUND"
OFF = frozenset({"0", "nej", "av", "false", "no", "off"})
ON = frozenset({"1", "ja", "på", "true", "yes", "on"})
MAX_FRAME = 8 * 1024 * 1024
_LENGTH = struct.Struct(">I")

# Signals that end a command typed in a terminal, passed on to the copy.
_FORWARD = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")


def supported() -> bool:
    """True where Unix sockets can carry file descriptors and processes fork."""
    return hasattr(socket, "send_fds") and hasattr(os, "fork") and hasattr(os, "getuid")


def setting() -> str:
    """Return 'off', 'on' or 'auto' from REMISS_BAKGRUND."""
    value = os.environ.get(ENV, "").strip().lower()
    if value in OFF:
        return "off"
    if value in ON:
        return "on"
    return "auto"


def package_root() -> str:
    """The folder remiss's code is imported from."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def identity() -> dict[str, str]:
    """What must be equal for the background process to run our code."""
    # PYTHON* variables act when an interpreter starts (the module path, the
    # hash seed, UTF-8 mode): a process started with others is another Python.
    python_env = sorted(
        f"{k}={v}" for k, v in os.environ.items() if k.startswith("PYTHON")
    )
    return {
        "exe": os.path.realpath(sys.executable),
        "root": package_root(),
        "python_env": "\n".join(python_env),
    }


def runtime_dir() -> str | None:
    """Return a folder only this user can use, or None."""
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    folder = (
        os.path.join(base, "remiss")
        if base and os.path.isabs(base)
        else os.path.join("/tmp", f"remiss-{os.getuid()}")
    )
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    import stat

    private = not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or not private:
        return None
    return folder


def socket_path() -> str | None:
    """Return where this installation's background process listens, or None."""
    folder = runtime_dir()
    if folder is None:
        return None
    ident = identity()
    key = zlib.crc32("\0".join(ident[k] for k in sorted(ident)).encode("utf-8"))
    path = os.path.join(folder, f"{key:08x}.sock")
    return path if len(path.encode()) < 100 else None


def frame(message: dict[str, Any]) -> bytes:
    data = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return _LENGTH.pack(len(data)) + data


def read_frame(sock: socket.socket, first: bytes = b"") -> dict[str, Any] | None:
    """Read one length-prefixed JSON message; None when the peer has gone.

    Reads exactly one message and nothing of the next: the copy sends its
    pid and, soon after, its exit status, and both may be waiting at once.
    `first` is what the caller has already read of this message."""
    data = bytearray(first)
    if not _fill(sock, data, _LENGTH.size):
        return None
    size = _LENGTH.unpack_from(data)[0]
    if size > MAX_FRAME or not _fill(sock, data, _LENGTH.size + size):
        return None
    try:
        value = json.loads(bytes(data[_LENGTH.size : _LENGTH.size + size]))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _fill(sock: socket.socket, data: bytearray, wanted: int) -> bool:
    """Read until `data` holds `wanted` bytes, never more."""
    while len(data) < wanted:
        try:
            chunk = sock.recv(wanted - len(data))
        except InterruptedError:
            continue
        except OSError:
            return False
        if not chunk:
            return False
        data += chunk
    return True


def connect(path: str) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def ask(path: str, op: str) -> dict[str, Any] | None:
    """Send a control message (status, stop) and return the answer."""
    sock = connect(path)
    if sock is None:
        return None
    with sock:
        sock.settimeout(5)
        try:
            sock.sendall(frame({"op": op, **identity()}))
        except OSError:
            return None
        return read_frame(sock)


def start(path: str) -> None:
    """Start the background process for this installation, detached."""
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-m", "remiss.cli.zygote", path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
            cwd="/",
        )
    except OSError:
        pass  # no background process: remiss works as before


def _wanted_here() -> bool:
    if setting() == "on":
        return True
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _stdio() -> tuple[list[int], list[int]]:
    """This process's stdin, stdout, stderr; /dev/null for a closed one."""
    fds, opened = [], []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
            fds.append(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            fds.append(null)
            opened.append(null)
    return fds, opened


def _encodings() -> list[list[str]]:
    out = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        errors = getattr(stream, "errors", None) or "strict"
        out.append([encoding, errors])
    return out


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def run() -> int | None:
    """Run this process's command in the background process; its exit status.

    None: there is no usable background process, run the command here."""
    if not supported() or setting() == "off":
        return None
    path = socket_path()
    if path is None:
        return None
    sock = connect(path)
    if sock is None:
        if _wanted_here():
            start(path)
        return None
    try:
        cwd = os.getcwd()
    except OSError:
        sock.close()
        return None
    request = {
        "op": "run",
        **identity(),
        "argv": sys.argv,
        "cwd": cwd,
        "env": dict(os.environ),
        "umask": _umask(),
        "encodings": _encodings(),
    }
    with sock:
        fds, opened = _stdio()
        try:
            socket.send_fds(sock, [frame(request)], fds)
        except OSError:
            return None
        finally:
            for fd in opened:
                os.close(fd)
        answer = read_frame(sock)
        if answer is None or "pid" not in answer:
            if answer is not None and answer.get("stale") and _wanted_here():
                start(path)  # the old one is leaving; its successor takes over
            return None
        return _wait(sock, int(answer["pid"]))


def _wait(sock: socket.socket, pid: int) -> int:
    def forward(signum: int, _frame: object) -> None:
        try:
            os.killpg(pid, signum)
        except OSError:
            pass

    for name in _FORWARD:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    answer = read_frame(sock)
    if answer is None or not isinstance(answer.get("exit"), int):
        print(
            "remiss: kommandot avbröts i bakgrundsprocessen innan det var klart; "
            "kör det igen (REMISS_BAKGRUND=0 kör det utan bakgrundsprocess)",
            file=sys.stderr,
        )
        return 2
    return int(answer["exit"])
