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

Whole processes are timed, start-up included, as a person or git meets them.
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


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
    return elapsed


def prepare(folder: Path) -> dict[str, list[list[str]]]:
    remiss = remiss_command()
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    (folder / "cases").mkdir()
    shutil.copy(CASE, folder / "cases" / "one.yaml")
    subprocess.run(
        [*remiss, "render", "cases/one.yaml", "-o", "ref"],
        cwd=folder,
        check=True,
        capture_output=True,
        env=ENV,
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
    pandoc_one = [["pandoc", "one.md", "-o", "p.docx"]]
    return {
        "python -c pass": [[sys.executable, "-c", "pass"]],
        "remiss --version": [[*remiss, "--version"]],
        "remiss render one.yaml (md,docx)": [
            [
                *remiss,
                "render",
                "cases/one.yaml",
                "--format",
                "md,docx",
                "-o",
                "out",
                "--force",
            ]  # fmt: skip
        ],
        "remiss check one.yaml": [[*remiss, "check", "cases/one.yaml"]],
        "pandoc one.md -o one.docx": pandoc_one,
        "remiss textconv one.docx": [[*remiss, "textconv", "one.docx"]],
        "pandoc -t plain one.docx": [["pandoc", "-t", "plain", "one.docx"]],
        f"remiss render {BATCH} cases, one process": [
            [
                *remiss,
                "render",
                "--force",
                "-o",
                "out-batch",
                *sorted(str(p.relative_to(folder)) for p in batch.glob("*.yaml")),
            ]
        ],  # fmt: skip
        f"pandoc, {BATCH} processes": [
            ["pandoc", str(p.relative_to(folder)), "-o", str(p.with_suffix(".docx"))]
            for p in sorted(batch.glob("*.md"))
        ],
    }


def measure(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        commands = prepare(folder)
        for argvs in commands.values():  # warm caches once, untimed
            for argv in argvs[:1]:
                timed(argv, folder)
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argvs in commands.items():
                seconds[name].append(sum(timed(argv, folder) for argv in argvs))
    return {name: statistics.median(values) for name, values in seconds.items()}


def report(medians: dict[str, float], runs: int) -> str:
    lines = [f"medianer av {runs} omgångar, hela processer (sekunder):"]
    for name, value in medians.items():
        lines.append(f"  {name:<42} {value:7.3f}")
    pandoc = medians["pandoc one.md -o one.docx"]
    plain = medians["pandoc -t plain one.docx"]
    render = medians["remiss render one.yaml (md,docx)"]
    check = medians["remiss check one.yaml"]
    textconv = medians["remiss textconv one.docx"]
    batch = medians[f"remiss render {BATCH} cases, one process"]
    pandocs = medians[f"pandoc, {BATCH} processes"]
    lines += [
        "",
        f"render / pandoc:   {render / pandoc:5.2f}  (mål ≤ 1)",
        f"check / pandoc:    {check / pandoc:5.2f}  (mål ≤ 1)",
        f"textconv / pandoc: {textconv / plain:5.2f}  (mål ≤ 1)",
        f"{BATCH} ärenden: remiss {BATCH / batch:.0f} dokument/s, pandoc "
        f"{BATCH / pandocs:.1f} dokument/s, {pandocs / batch:.1f} gånger snabbare "
        "(mål ≥ 15)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc saknas: installera det (apt-get install pandoc)")
    medians = measure(args.runs)
    if args.json:
        print(json.dumps(medians, indent=1))
    else:
        print(report(medians, args.runs))


if __name__ == "__main__":
    main()
