"""Running a build's jobs: in order, in worker processes, cases before meetings.

Cases run first and meetings after them, so that a meeting can take the
documents its cases' own jobs just parsed instead of rendering and parsing
the same Markdown again for its combined document. Only the cases a meeting
to build lists keep theirs, and the batch holds each as the pickled bytes the
worker made until the meetings are handed out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from remiss.input.meeting import listed_cases
from remiss.input.secrecy import Secrecy
from remiss.model.project import Project
from remiss.render.source import Job, JobResult, render_source

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Worker processes get the project once, through the initializer.
_WORKER: dict[str, object] = {}


def _init_worker(
    project: Project, formats: tuple[str, ...], public: bool, secrecy: Secrecy
) -> None:
    # Ctrl-C is the parent's to handle: it stops the batch and keeps what is
    # written; workers that also got it would only print tracebacks.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(project=project, formats=formats, public=public, secrecy=secrecy)


def _work(job: Job) -> JobResult:
    return render_source(
        job,
        _WORKER["project"],  # type: ignore[arg-type]
        _WORKER["formats"],  # type: ignore[arg-type]
        bool(_WORKER["public"]),
        secrecy=_WORKER["secrecy"],  # type: ignore[arg-type]
    )


def plan(
    todo: list[Job], root: Path
) -> tuple[list[Job], list[Job], dict[str, list[Path]]]:
    """Return the case jobs (those a meeting lists asked to keep their parsed
    document), the meeting jobs, and each meeting's listed cases by key."""
    meetings = [job for job in todo if job.meeting]
    if not meetings:
        return todo, [], {}
    listed = {job.key: listed_cases(job.path) for job in meetings}
    wanted = {path for paths in listed.values() for path in paths}
    # A key is the resolved path relative to the (resolved) root.
    cases = [
        replace(job, keep_prepared=True) if root / job.key in wanted else job
        for job in todo
        if not job.meeting
    ]
    return cases, meetings, listed


def results(
    todo: list[Job],
    project: Project,
    formats: tuple[str, ...],
    public: bool,
    workers: int,
    secrecy: Secrecy,
) -> Iterator[JobResult]:
    """Yield the result of every job: all cases, then all meetings; each
    sees what `secrecy` says is confidential in this build."""
    cases, meetings, listed = plan(todo, project.root)
    with _Pool(project, formats, public, secrecy, workers, len(todo)) as run:
        prepared: dict[Path, bytes] = {}
        for result in run(cases):
            if result.prepared is not None:
                prepared[project.root / result.key] = result.prepared
                result.prepared = None
            yield result
        ready = [
            replace(
                job,
                prepared={p: prepared[p] for p in listed[job.key] if p in prepared},
            )
            for job in meetings
        ]
        prepared.clear()
        yield from run(ready)


class _Pool:
    """Runs jobs in this process (one worker) or in a pool kept for all phases."""

    def __init__(
        self,
        project: Project,
        formats: tuple[str, ...],
        public: bool,
        secrecy: Secrecy,
        workers: int,
        total: int,
    ) -> None:
        self.args = (project, formats, public, secrecy)
        self.workers = workers if total >= 2 else 1
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Callable[[list[Job]], Iterator[JobResult]]:
        if self.workers > 1:
            # Loaded here: a build of one file never starts a process.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context(
                "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            )
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=self.args,
            )
        return self.run

    def run(self, jobs: list[Job]) -> Iterator[JobResult]:
        if self.pool is None:
            project, formats, public, secrecy = self.args
            for job in jobs:
                yield render_source(job, project, formats, public, secrecy=secrecy)
            return
        chunk = max(1, min(8, len(jobs) // (self.workers * 4)))
        yield from self.pool.map(_work, jobs, chunksize=chunk)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.pool is None:
            return
        if error is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        else:
            self.pool.shutdown()
