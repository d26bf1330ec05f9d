"""remiss's background process: imported once, a fresh copy for every command.

`python -m remiss.cli.zygote SOCKET` imports everything a command needs
(Jinja, YAML, lxml, the Markdown reader, remiss itself), then waits on a Unix
socket that only its own user can reach. For each command it forks: the copy
takes the caller's stdin, stdout and stderr, working folder, environment and
umask, runs the command exactly as `remiss` would, and sends back the exit
status. The process itself never runs a command, so nothing one command
leaves behind (caches, open files, a changed environment) reaches the next:
every copy starts from the same state as a freshly started remiss that has
done its imports.

It stops by itself after IDLE_SECONDS without a command, when remiss's files
change on disk (a new version, an edited checkout: the next command runs
without it and starts a new one), or on `remiss bakgrund stoppa`.
"""

from __future__ import annotations

import atexit
import fcntl
import io
import os
import signal
import socket
import sys
import threading
import time
from typing import Any

from remiss.cli import relay

IDLE_SECONDS = 15 * 60
# Modules every command needs, or the common ones do: imported before the
# first fork so that no copy pays for them.
PRELOAD = (
    "remiss.cli.app",
    "remiss.cli.building",
    "remiss.cli.checking",
    "remiss.render.source",
    "remiss.render.case",
    "remiss.render.meeting",
    "remiss.render.check",
    "remiss.build.batch",
    "remiss.build.runner",
    "remiss.docx.writer",
    "remiss.docx.reference",
    "remiss.text.templates",
    "remiss.text.context",
    "remiss.text.parse",
    "remiss.input.case",
    "remiss.input.meeting",
    "remiss.input.project",
    "remiss.checks",
    "remiss.review.diff",
)


def preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a copy will report it, as remiss would
            continue
    try:  # compile the Markdown reader's patterns once, for every copy
        from remiss.text.parse import parse_document

        parse_document(
            "# R\n\nText *k* **f** [l](https://a.se)\n\n- a\n1. b\n\n"
            "| a |\n|---|\n| 1 |\n"
        )
    except Exception:  # noqa: BLE001
        pass
    try:  # read the built-in word list and compile its patterns once
        from remiss.checks import klarsprak

        klarsprak.analyse(
            {"sammanfattning": "Nämnden föreslås besluta. Det är bra, 1 277 st."},
            ["Nämnden godkänner förslaget."],
            "Nämnden",
        )
    except Exception:  # noqa: BLE001
        pass


def snapshot() -> dict[str, tuple[int, int]]:
    """Size and change time of every file the process's code came from."""
    files: set[str] = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str):
            files.add(name)
    for folder, dirs, names in os.walk(relay.package_root()):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        files.update(os.path.join(folder, n) for n in names)
    return {path: _stamp(path) for path in sorted(files)}


def _stamp(path: str) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def changed(files: dict[str, tuple[int, int]]) -> bool:
    return any(_stamp(path) != stamp for path, stamp in files.items())


def _same_user(conn: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return False
    import struct

    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
    except OSError:
        return False
    return uid == os.getuid()


def _receive(conn: socket.socket) -> tuple[dict[str, Any] | None, list[int]]:
    try:
        data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    except OSError:
        return None, []
    if not data:
        return None, fds
    return relay.read_frame(conn, data), fds


def _send(conn: socket.socket, message: dict[str, Any]) -> None:
    try:
        conn.sendall(relay.frame(message))
    except OSError:
        pass


class Zygote:
    def __init__(
        self, path: str, idle: float = IDLE_SECONDS, watch: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        self.watch = watch
        self.idle = idle
        self.identity = relay.identity()
        self.started = time.time()
        self.served = 0
        self.files: dict[str, tuple[int, int]] = {}

    def serve(self) -> None:
        lock = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            return  # another one is starting or running for this installation
        preload()
        self.files = snapshot()
        self.files.update({path: _stamp(path) for path in self.watch})
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        listener.bind(self.path)
        os.chmod(self.path, 0o600)
        bound = os.stat(self.path).st_ino
        listener.listen(32)
        listener.settimeout(self.idle)
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # copies are reaped at once
        try:
            self._loop(listener)
        finally:
            listener.close()
            try:
                if os.stat(self.path).st_ino == bound:
                    os.unlink(self.path)
            except OSError:
                pass
            os.close(lock)

    def _loop(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                return
            except InterruptedError:
                continue
            conn.settimeout(10)
            with conn:
                if not _same_user(conn):
                    continue
                request, fds = _receive(conn)
                try:
                    if not self._handle(conn, listener, request, fds):
                        return
                finally:
                    for fd in fds:
                        os.close(fd)

    def _handle(
        self,
        conn: socket.socket,
        listener: socket.socket,
        request: dict[str, Any] | None,
        fds: list[int],
    ) -> bool:
        """Answer one request; False when the process should end."""
        if request is None:
            return True
        if any(request.get(k) != v for k, v in self.identity.items()):
            _send(conn, {"stale": True})
            return True  # another installation's remiss: not ours to run
        op = request.get("op")
        if op == "stop":
            _send(conn, {"stopped": True, "pid": os.getpid()})
            return False
        if changed(self.files):
            _send(conn, {"stale": True})
            return False
        if op == "status":
            _send(conn, self.status())
            return True
        if op != "run" or len(fds) != 3:
            return True
        self.served += 1
        pid = os.fork()
        if pid == 0:
            listener.close()
            _child(conn, request, fds)  # never returns
        return True

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "started": self.started,
            "served": self.served,
            "idle": self.idle,
        }


def _child(conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    code = 2
    try:
        for name in ("SIGCHLD", "SIGTERM", "SIGHUP", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setpgid(0, 0)  # the caller passes Ctrl-C on to this group
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
        for fd in set(fds):
            if fd > 2:
                os.close(fd)
        _stdio(request.get("encodings"))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        if hasattr(time, "tzset"):
            time.tzset()  # TZ is read when a process starts; this one did not
        sys.argv = list(request["argv"])
        _send(conn, {"pid": os.getpid()})
        code = _run(sys.argv[1:])
    except BaseException:  # noqa: BLE001 - the caller must get an answer
        code = 2
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001, S110 - a closed pipe: nothing to save
            pass
    _send(conn, {"exit": code})
    os._exit(code)


def _stdio(encodings: Any) -> None:
    pairs = encodings if isinstance(encodings, list) and len(encodings) == 3 else []
    names = [
        tuple(p) if isinstance(p, list) and len(p) == 2 else ("utf-8", "strict")
        for p in pairs
    ]
    names += [("utf-8", "strict")] * (3 - len(names))
    streams: list[io.TextIOWrapper] = []
    for fd, (encoding, errors) in zip((0, 1, 2), names, strict=True):
        # open() builds the same layers Python builds for its own streams
        buffer = open(fd, "rb" if fd == 0 else "wb", closefd=False)  # noqa: SIM115
        tty = buffer.isatty()
        streams.append(
            io.TextIOWrapper(
                buffer,
                encoding=str(encoding),
                errors=str(errors),
                line_buffering=fd == 2 or (fd == 1 and tty),
            )
        )
    for name, stream in zip(("stdin", "stdout", "stderr"), streams, strict=True):
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _run(args: list[str]) -> int:
    """Run the command as `remiss` would in a new process; its exit status."""
    from remiss.cli import run_here

    try:
        run_here(args)
        code: int = 0
    except SystemExit as exc:
        code = exit_status(exc.code)
    except KeyboardInterrupt:
        code = 130
    try:  # what Python does before a process ends
        threading_shutdown = getattr(threading, "_shutdown", None)
        if threading_shutdown is not None:
            threading_shutdown()
        run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
        if run_exitfuncs is not None:
            run_exitfuncs()
    except BaseException:  # noqa: BLE001, S110 - the command's answer stands
        pass
    return code


def exit_status(value: object) -> int:
    """Return a process's exit status for SystemExit(value), as Python sets it."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not relay.supported():
        return 2
    os.umask(0o077)
    Zygote(argv[0]).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
