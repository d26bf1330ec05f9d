"""Time one-file commands as whole processes, against pandoc doing one file.

    .venv/bin/python benchmarks/startup.py --runs 9

Each round runs every command once, in turn, so that a busy machine slows
them alike; the report gives the median and the fastest run, as wall time
and as CPU time (user + system). The first round only warms the caches
(bytecode, compiled templates) and is not counted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(out: Path) -> dict[str, list[str]]:
    remiss = [sys.executable, "-m", "remiss"]
    case = "cases/forsokslagenheter.yaml"
    found = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import remiss.input.case": [sys.executable, "-c", "import remiss.input.case"],
        "remiss render (md,docx)": [
            *remiss,
            "render",
            case,
            "--format",
            "md,docx",
            "-o",
            str(out),
            "--force",
        ],
        "remiss check": [*remiss, "check", case],
    }
    if shutil.which("pandoc"):
        found["pandoc md -> docx"] = [
            "pandoc",
            "output/forsokslagenheter.md",
            "-o",
            str(out / "pandoc.docx"),
        ]
    return found


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return the wall and CPU seconds of one run of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps bytecode
    with tempfile.TemporaryDirectory() as folder:
        todo = commands(Path(folder))
        for command in todo.values():
            run(command, env)
        wall: dict[str, list[float]] = {name: [] for name in todo}
        cpu: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(args.runs):
            for name, command in todo.items():
                seconds, used = run(command, env)
                wall[name].append(seconds)
                cpu[name].append(used)
    print(f"{'':26} {'wall median':>11} {'fastest':>8} {'CPU median':>11}")
    for name in todo:
        print(
            f"{name:26} {statistics.median(wall[name]) * 1000:8.0f} ms"
            f" {min(wall[name]) * 1000:5.0f} ms"
            f" {statistics.median(cpu[name]) * 1000:8.0f} ms"
        )


if __name__ == "__main__":
    main()
