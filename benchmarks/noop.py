"""Does a build where nothing changed scale, and how fast is a full build?

Run from the repository root:

    .venv/bin/python benchmarks/noop.py [--n 1000] [--small 10] [--runs 7]

It generates N cases (with bench.py's generator) and a project holding the
first SMALL of them, builds both once with `remiss build` (the documents per
second of the N-case build are reported), then times no-op builds of the two
projects in turn (small, large, small, large, ...) so that a change in the
machine's load hits both alike. Every figure is a whole command, Python's
start-up included. The ratio is median(large) / median(small). It only
reports; it never asserts a speed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

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


def _build(project: Path, jobs: int | None) -> dict[str, object]:
    cmd = [*remiss_command(), "build"]
    if jobs:
        cmd += ["-j", str(jobs)]
    proc = run_proc(cmd, cwd=project)
    if proc["rc"] != 0:
        raise SystemExit(f"remiss build failed in {project}:\n{proc['stderr']}")
    lines = proc["stderr"].strip().splitlines()
    return {"wall_s": proc["wall_s"], "summary": lines[-1] if lines else ""}


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
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="remiss-noop-"))
    try:
        source = workdir / "source"
        log(f"generating {args.n} cases")
        generate(source, args.n, args.seed)
        large = _project(workdir / "large", source, args.n)
        small = _project(workdir / "small", source, args.small)
        _meetings(large, args.meetings, args.per)
        log(f"first build of {args.n} cases")
        first = _build(large, args.jobs)
        made = count_outputs(large / "output")
        docs = made["md"] + made["docx"]
        first_wall = float(first["wall_s"])  # type: ignore[arg-type]
        _build(small, args.jobs)
        times: dict[str, list[float]] = {"small": [], "large": []}
        for i in range(args.runs):
            log(f"no-op run {i + 1}/{args.runs}")
            for name, project in (("small", small), ("large", large)):
                run = _build(project, args.jobs)
                if "redan aktuella" not in str(run["summary"]):
                    raise SystemExit(f"not a no-op in {project}: {run['summary']}")
                times[name].append(float(run["wall_s"]))  # type: ignore[arg-type]
        med = {k: statistics.median(v) for k, v in times.items()}
        with_meetings = f" and {args.meetings} meetings" if args.meetings else ""
        print(
            f"first build, {args.n} cases{with_meetings}: {first_wall:.2f} s, "
            f"{docs} documents "
            f"({made['md']} md, {made['docx']} docx), "
            f"{docs / first_wall:.1f} documents/s, {args.n / first_wall:.1f} cases/s"
        )
        print(f"  {first['summary']}")
        for name, count in (("small", args.small), ("large", args.n)):
            shown = " ".join(f"{t:.3f}" for t in times[name])
            print(f"no-op build, {count} cases: median {med[name]:.3f} s  ({shown})")
        print(
            f"no-op ratio {args.n} / {args.small} cases: "
            f"{med['large'] / med['small']:.2f}"
        )
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
