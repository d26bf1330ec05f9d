"""Does a build where nothing changed scale, and how fast is a full build?

Run from the repository root:

    .venv/bin/python benchmarks/noop.py [--n 1000] [--small 10] [--runs 7]
    .venv/bin/python benchmarks/noop.py --baseline /tmp/old/src   # compare

It generates N cases (with bench.py's generator) and a project holding the
first SMALL of them, builds both once with `remiss build` (the documents per
second of the N-case build are reported), runs one no-op build of each (the
first after a build may still check what that build wrote; it is shown on
its own), then times no-op builds of the two projects in turn (small, large,
small, large, ...) so that a change in the machine's load hits both alike.
Every figure is a whole command, Python's start-up included. The ratio is
median(large) / median(small).

--baseline names a folder holding another `remiss` package (e.g. the `src`
of an older checkout); it is put first on PYTHONPATH for a second set of
projects, and its runs are interleaved with this checkout's. It only
reports; it never asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import count_outputs, generate, log, remiss_command, run_proc


def _project(folder: Path, source: Path, count: int) -> Path:
    (folder / "cases").mkdir(parents=True)
    shutil.copy2(source / "remiss.yaml", folder / "remiss.yaml")
    for path in sorted((source / "cases").glob("*.yaml"))[:count]:
        shutil.copy2(path, folder / "cases" / path.name)
    return folder


def _meetings(folder: Path, count: int, per: int) -> None:
    """Write `count` meeting files, each listing `per` consecutive cases."""
    cases = sorted((folder / "cases").glob("arende-*.yaml"))
    for m in range(count):
        chosen = cases[m * per : (m + 1) * per]
        items = "".join(f"  - ärende: {p.name}\n" for p in chosen)
        (folder / "cases" / f"sammantrade-{m + 1:03d}.yaml").write_text(
            "nämnd: Socialnämnden\n"
            f"datum: 2030-01-{m % 28 + 1:02d}\n"
            'tid: "18.00"\n'
            "plats: Sammanträdesrummet\n"
            "punkter:\n"
            "  - text: Sammanträdets öppnande\n" + items,
            "utf-8",
        )


def _build(
    project: Path, jobs: int | None, env: dict[str, str] | None
) -> dict[str, Any]:
    cmd = [*remiss_command(), "build"]
    if jobs:
        cmd += ["-j", str(jobs)]
    proc = run_proc(cmd, cwd=project, env=env)
    if proc["rc"] != 0:
        raise SystemExit(f"remiss build failed in {project}:\n{proc['stderr']}")
    lines = proc["stderr"].strip().splitlines()
    return {"wall_s": proc["wall_s"], "summary": lines[-1] if lines else ""}


def _noop(project: Path, jobs: int | None, env: dict[str, str] | None) -> float:
    run = _build(project, jobs, env)
    if (
        "redan aktuella" not in run["summary"]
        or "0 dokument skapade" not in (run["summary"])
    ):
        raise SystemExit(f"not a no-op in {project}: {run['summary']}")
    return float(run["wall_s"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="cases, large project")
    parser.add_argument("--small", type=int, default=10, help="cases, small project")
    parser.add_argument("--runs", type=int, default=7, help="no-op runs of each")
    parser.add_argument("--jobs", type=int, default=None, help="remiss build -j")
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument(
        "--meetings",
        type=int,
        default=0,
        help="also meeting files in the large project, each listing --per cases",
    )
    parser.add_argument("--per", type=int, default=10)
    parser.add_argument("--baseline", type=Path, help="folder with another remiss")
    args = parser.parse_args(argv)
    versions: dict[str, dict[str, str] | None] = {"this": None}
    if args.baseline:
        path = os.pathsep.join(
            [str(args.baseline.resolve()), os.environ.get("PYTHONPATH", "")]
        )
        versions["baseline"] = {**os.environ, "PYTHONPATH": path}
    workdir = Path(tempfile.mkdtemp(prefix="remiss-noop-"))
    try:
        source = workdir / "source"
        log(f"generating {args.n} cases")
        generate(source, args.n, args.seed)
        projects: dict[str, dict[str, Path]] = {}
        for name in versions:
            large = _project(workdir / name / "large", source, args.n)
            _meetings(large, args.meetings, args.per)
            small = _project(workdir / name / "small", source, args.small)
            projects[name] = {"small": small, "large": large}
        # The generated files go to disk now: a build that syncs its
        # filesystem must not pay for writing out the benchmark's own setup.
        os.sync()
        results: dict[str, dict[str, Any]] = {}
        for name, env in versions.items():
            log(f"{name}: first builds")
            large = projects[name]["large"]
            first = _build(large, args.jobs, env)
            _build(projects[name]["small"], args.jobs, env)
            made = count_outputs(large / "output")
            results[name] = {
                "first": first,
                "docs": made["md"] + made["docx"],
                "made": made,
                "warm": {
                    size: _noop(projects[name][size], args.jobs, env)
                    for size in ("small", "large")
                },
                "small": [],
                "large": [],
            }
        for i in range(args.runs):
            log(f"no-op run {i + 1}/{args.runs}")
            for name, env in versions.items():
                for size in ("small", "large"):
                    results[name][size].append(
                        _noop(projects[name][size], args.jobs, env)
                    )
        with_meetings = f" and {args.meetings} meetings" if args.meetings else ""
        for name, r in results.items():
            wall = float(r["first"]["wall_s"])
            made = r["made"]
            med = {k: statistics.median(r[k]) for k in ("small", "large")}
            print(
                f"[{name}] first build, {args.n} cases{with_meetings}: {wall:.2f} s, "
                f"{r['docs']} documents ({made['md']} md, {made['docx']} docx), "
                f"{r['docs'] / wall:.1f} documents/s  ({r['first']['summary']})"
            )
            print(
                f"[{name}] first no-op after it: {args.small} cases "
                f"{r['warm']['small']:.3f} s, {args.n} cases {r['warm']['large']:.3f} s"
            )
            for size, count in (("small", args.small), ("large", args.n)):
                shown = " ".join(f"{t:.3f}" for t in r[size])
                print(
                    f"[{name}] no-op build, {count} cases: median {med[size]:.3f} s"
                    f"  ({shown})"
                )
            print(
                f"[{name}] no-op ratio {args.n} / {args.small} cases: "
                f"{med['large'] / med['small']:.2f}"
            )
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
