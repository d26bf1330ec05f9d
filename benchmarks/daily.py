"""The daily loop, side by side with pandoc: one command on one document.

    .venv/bin/python benchmarks/daily.py            # 7 interleaved rounds
    .venv/bin/python benchmarks/daily.py --runs 11 --json

Each round runs every command once, in turn, so a busy machine slows both
sides of a pair alike; the figures are medians over the rounds. Compared:

* `remiss render one.yaml --format md,docx` with `pandoc one.md -o one.docx`
* `remiss check one.yaml` with the same pandoc call
* `remiss textconv one.docx` with `pandoc -t plain one.docx`
* `remiss render` of 100 cases in one process with 100 pandoc processes
* `remiss --version`, and `python -c pass` for the interpreter's own start

The remiss commands are timed twice: "kall" without the background process
(REMISS_BAKGRUND=0, every command a new Python that imports everything) and
"bakgrund" with it running (`remiss bakgrund starta`, as after the first
command typed in a terminal). Whole processes are timed, start-up included,
as a person or git meets them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "forsokslagenheter.yaml"
BATCH = 100


def remiss_command() -> list[str]:
    script = Path(sys.executable).parent / "remiss"
    return [str(script)] if script.exists() else [sys.executable, "-m", "remiss"]


# As on a user's machine: Python keeps the compiled modules (.pyc) between
# runs. Some environments turn that off, which makes every start compile.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
COLD = {**ENV, "REMISS_BAKGRUND": "0"}
Run = tuple[list[str], dict[str, str]]


def timed(run: Run, cwd: Path) -> float:
    argv, env = run
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
    return elapsed


def prepare(folder: Path, warm: dict[str, str]) -> dict[str, list[Run]]:
    remiss = remiss_command()
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    (folder / "cases").mkdir()
    shutil.copy(CASE, folder / "cases" / "one.yaml")
    subprocess.run(
        [*remiss, "render", "cases/one.yaml", "-o", "ref"],
        cwd=folder,
        check=True,
        capture_output=True,
        env=COLD,
    )
    shutil.copy(folder / "ref" / "one.md", folder / "one.md")
    shutil.copy(folder / "ref" / "one.docx", folder / "one.docx")
    batch = folder / "batch"
    batch.mkdir()
    text = CASE.read_text("utf-8")
    for i in range(BATCH):
        (batch / f"c{i:03}.yaml").write_text(
            text.replace("Försökslägenheter", f"Försökslägenheter {i}"), "utf-8"
        )
        shutil.copy(folder / "one.md", batch / f"c{i:03}.md")
    render_one = [*remiss, "render", "cases/one.yaml", "--format", "md,docx"]
    render_one += ["-o", "out", "--force"]
    check_one = [*remiss, "check", "cases/one.yaml"]
    cases = sorted(str(p.relative_to(folder)) for p in batch.glob("*.yaml"))
    render_batch = [*remiss, "render", "--force", "-o", "out-batch", *cases]
    return {
        "python -c pass": [([sys.executable, "-c", "pass"], ENV)],
        "remiss --version": [([*remiss, "--version"], COLD)],
        "remiss render one.yaml (md,docx), kall": [(render_one, COLD)],
        "remiss render one.yaml (md,docx), bakgrund": [(render_one, warm)],
        "remiss check one.yaml, kall": [(check_one, COLD)],
        "remiss check one.yaml, bakgrund": [(check_one, warm)],
        "pandoc one.md -o one.docx": [(["pandoc", "one.md", "-o", "p.docx"], ENV)],
        "remiss textconv one.docx": [([*remiss, "textconv", "one.docx"], COLD)],
        "pandoc -t plain one.docx": [(["pandoc", "-t", "plain", "one.docx"], ENV)],
        f"remiss render {BATCH} cases, one process, kall": [(render_batch, COLD)],
        f"remiss render {BATCH} cases, one process, bakgrund": [(render_batch, warm)],
        f"pandoc, {BATCH} processes": [
            (
                [
                    "pandoc",
                    str(p.relative_to(folder)),
                    "-o",
                    str(p.with_suffix(".docx")),
                ],
                ENV,
            )
            for p in sorted(batch.glob("*.md"))
        ],
    }


def _rss_kib(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text("utf-8")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def measure(runs: int) -> tuple[dict[str, float], int | None]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runtime = folder / "run"
        runtime.mkdir(mode=0o700)
        warm = {**ENV, "REMISS_BAKGRUND": "", "XDG_RUNTIME_DIR": str(runtime)}
        commands = prepare(folder, warm)
        control = [*remiss_command(), "bakgrund"]
        subprocess.run([*control, "starta"], env=warm, check=True, capture_output=True)
        try:
            for runs_of in commands.values():  # warm caches once, untimed
                for run in runs_of[:1]:
                    timed(run, folder)
            seconds: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(runs):
                for name, runs_of in commands.items():
                    seconds[name].append(sum(timed(run, folder) for run in runs_of))
            status = subprocess.run(
                [*control, "status"], env=warm, capture_output=True, text=True
            ).stderr
            pid = int(status.split("process ")[1].split(",")[0])
            rss = _rss_kib(pid)
        finally:
            subprocess.run([*control, "stoppa"], env=warm, capture_output=True)
    return {name: statistics.median(v) for name, v in seconds.items()}, rss


def report(medians: dict[str, float], runs: int, rss: int | None) -> str:
    lines = [f"medianer av {runs} omgångar, hela processer (sekunder):"]
    for name, value in medians.items():
        lines.append(f"  {name:<50} {value:7.3f}")
    pandoc = medians["pandoc one.md -o one.docx"]
    plain = medians["pandoc -t plain one.docx"]
    textconv = medians["remiss textconv one.docx"]
    batch = medians[f"remiss render {BATCH} cases, one process, kall"]
    batch_warm = medians[f"remiss render {BATCH} cases, one process, bakgrund"]
    pandocs = medians[f"pandoc, {BATCH} processes"]
    lines.append("")
    for what in ("render", "check"):
        name = f"remiss {what} one.yaml" + (" (md,docx)" if what == "render" else "")
        cold, warm = medians[f"{name}, kall"], medians[f"{name}, bakgrund"]
        lines.append(
            f"{what} / pandoc: {warm / pandoc:5.2f} med bakgrundsprocess, "
            f"{cold / pandoc:5.2f} utan  (mål ≤ 1)"
        )
    lines += [
        f"textconv / pandoc: {textconv / plain:5.2f}  (mål ≤ 1)",
        f"{BATCH} ärenden: remiss {BATCH / batch:.0f} dokument/s utan och "
        f"{BATCH / batch_warm:.0f} med bakgrundsprocess, pandoc "
        f"{BATCH / pandocs:.1f} dokument/s: {pandocs / batch:.1f} och "
        f"{pandocs / batch_warm:.1f} gånger snabbare (mål ≥ 15)",
    ]
    if rss is not None:
        lines.append(f"bakgrundsprocessens minne (RSS): {rss / 1024:.0f} MiB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc saknas: installera det (apt-get install pandoc)")
    medians, rss = measure(args.runs)
    if args.json:
        print(json.dumps({**medians, "rss_kib": rss}, indent=1))
    else:
        print(report(medians, args.runs, rss))


if __name__ == "__main__":
    main()
