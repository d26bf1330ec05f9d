"""The one way to render a source: a case or meeting file in, outputs and
diagnostics out.

`render`, `build`, `check`, meetings and `diff` all come through here, so a
problem gets the same code and the same place whichever command meets it.
Everything a user, a case file or a project template can cause becomes a
located diagnostic; only a bug in remiss raises.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from remiss.checks.decided import status_line
from remiss.errors import Diagnostic, RemissError
from remiss.formatting import safe_name
from remiss.input.case import CaseResult, load_case
from remiss.input.meeting import MeetingResult, is_meeting_file, load_meeting
from remiss.input.secrecy import Secrecy, project_secrecy
from remiss.model.project import Project
from remiss.render.case import Prepared, _render_case
from remiss.render.combined import CombinedPdf
from remiss.render.compilation import gather
from remiss.render.meeting import render_meeting
from remiss.render.problems import locate
from remiss.text.compilation import compilation_context
from remiss.text.templates import template_files


@dataclass(frozen=True)
class Job:
    """One source to render."""

    path: Path
    key: str
    meeting: bool
    # For a meeting: the case files that have jobs of their own in this run,
    # and the documents those jobs already parsed (pickled Prepared by path).
    built_elsewhere: frozenset[Path] = frozenset()
    prepared: dict[Path, bytes] = field(default_factory=dict, compare=False)
    # For a case: return its parsed document, for a meeting to use.
    keep_prepared: bool = False


@dataclass
class Rendered:
    """One case's outputs (file suffix -> bytes, charts by file name) and
    what was found on the way."""

    source: Path
    stem: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    # The parsed document, for a meeting that shows this case (see Prepared).
    prepared: Prepared | None = None
    # Public and showing a confidential answer whose file is not among the
    # inputs (see JobResult.volatile).
    volatile: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass
class JobResult:
    """A source's outputs by file name, its findings and what it depends on."""

    key: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    depends: list[Path] = field(default_factory=list)
    failed: bool = False
    case: CaseResult | None = None  # the loaded case, when asked for
    meeting: MeetingResult | None = None  # the loaded meeting, when asked for
    prepared: bytes | None = None  # a pickled Prepared, when the job asked
    # Where a case's `status` is, for a build that finds it decided (E401).
    status_at: Diagnostic | None = None
    # Public builds: the source is confidential, so nothing of it (not even
    # its name) is kept; or it shows confidential cases, whose files are left
    # out of `depends`, so it is never taken as up to date.
    withheld: bool = False
    volatile: bool = False
    combined_pdf: CombinedPdf | None = None  # a meeting's PDF parts, with "pdf"


def render_source(
    job: Job,
    project: Project,
    formats: tuple[str, ...],
    public: bool,
    *,
    keep_case: bool = False,
    nav: tuple[tuple[str, str], ...] = (),
    secrecy: Secrecy | None = None,
) -> JobResult:
    """Render one case or meeting file in memory; never raises for bad input.

    keep_case keeps the loaded case in the result (for checks that need it;
    a batch leaves it out rather than send it between processes). nav are
    links above a meeting's HTML pages. `secrecy` is what the project's
    meetings make confidential (see input.secrecy); a batch reads it once,
    else it is read here.
    """
    if secrecy is None or secrecy.public != public:
        secrecy = project_secrecy(project, public)
    if job.meeting:
        return _render_meeting(job, project, formats, public, nav, keep_case, secrecy)
    result = JobResult(job.key)
    loaded = load_case(job.path, project)
    if loaded.case is not None:
        loaded.case = secrecy.apply(job.path, loaded.case)
    if keep_case:
        result.case = loaded
    result.depends = [job.path, *_project_files(project)]
    if loaded.loaded is not None:
        result.status_at = status_line(loaded.loaded.source)
    result.diagnostics.extend(secrecy.doubt(job.path))
    if public and loaded.case is not None and loaded.case.is_confidential:
        result.diagnostics.extend(loaded.diagnostics)
        result.withheld = True
        return result  # nothing of a confidential case is published
    rendered = render_loaded(loaded, project, formats, public=public, secrecy=secrecy)
    result.diagnostics.extend(rendered.diagnostics)
    # A remissammanställning that shows a confidential answer in a public
    # build does not name its file: it is made again each time instead.
    result.volatile = rendered.volatile
    if not rendered.outputs:
        result.failed = True
        return result
    if job.keep_prepared and rendered.prepared is not None:
        # Pickled here, once: the batch passes the bytes on untouched.
        result.prepared = pickle.dumps(rendered.prepared, pickle.HIGHEST_PROTOCOL)
    result.outputs = {
        (f"{rendered.stem}.{key}" if key in ("md", "docx", "html") else key): data
        for key, data in rendered.outputs.items()
    }
    template = template_files(project, loaded.case.template) if loaded.case else []
    result.depends = _unique([*rendered.inputs, *template])
    return result


def _render_meeting(
    job: Job,
    project: Project,
    formats: tuple[str, ...],
    public: bool,
    nav: tuple[tuple[str, str], ...] = (),
    keep: bool = False,
    secrecy: Secrecy | None = None,
) -> JobResult:
    result = JobResult(job.key)
    meeting = load_meeting(job.path, project, secrecy)
    if keep:
        result.meeting = meeting
    result.diagnostics.extend(meeting.diagnostics)
    # A public build names no confidential case file among what it was made
    # from; the meeting is then made again each time instead.
    hidden = {e.case_path for e in meeting.case_entries() if public and e.confidential}
    result.volatile = bool(hidden)
    result.depends = [
        job.path,
        *(c.path for c in meeting.cases if c.path.resolve() not in hidden),
        *_project_files(project),
    ]
    if not meeting.ok:
        result.failed = True
        return result
    try:
        made = render_meeting(
            meeting,
            project,
            formats,
            public=public,
            built_elsewhere=job.built_elsewhere,
            nav=nav,
            prepared={p: pickle.loads(b) for p, b in job.prepared.items()},
        )
    except RemissError as problem:  # the agenda's own template
        result.diagnostics.extend(locate(problem, None, project))
        result.failed = True
        return result
    result.diagnostics.extend(made.diagnostics)
    if made.failed:
        result.failed = True
        return result
    result.outputs = made.outputs
    result.combined_pdf = made.combined_pdf
    attached = (
        [p.pdf for p in made.combined_pdf.parts if p.pdf] if made.combined_pdf else []
    )
    result.depends = _unique([*result.depends, *made.inputs, *attached])
    return result


def render_file(
    path: Path, project: Project, formats: tuple[str, ...] = ("md", "docx")
) -> Rendered:
    """Load and render one case file; every problem ends up in diagnostics."""
    return render_loaded(load_case(path, project), project, formats)


def render_loaded(
    result: CaseResult,
    project: Project,
    formats: tuple[str, ...] = ("md", "docx"),
    *,
    public: bool = False,
    secrecy: Secrecy | None = None,
) -> Rendered:
    """Render a loaded case; a template, chart or reference problem becomes a
    diagnostic pointing at the line that asked for it.

    public: the public version (a remissammanställning leaves out what
    confidential answers say; `secrecy` says which answers meetings make
    confidential)."""
    path = result.path
    rendered = Rendered(
        path, safe_name(path.stem), diagnostics=list(result.diagnostics)
    )
    if result.case is None:
        return rendered
    gathered = gather(result, project, secrecy)
    extra = None
    answers: list[Path] = []
    if gathered is not None:
        rendered.diagnostics.extend(gathered.diagnostics)
        extra = compilation_context(gathered.compilation, public)
        hidden = {a.path for a in gathered.compilation.answers if a.confidential}
        answers = [p for p in gathered.inputs if not (public and p in hidden)]
        rendered.volatile = public and bool(hidden)
    try:
        outputs, diagnostics, used, rendered.prepared = _render_case(
            result.case, project, formats, rendered.stem, extra
        )
    except RemissError as problem:
        rendered.diagnostics.extend(locate(problem, result, project))
        return rendered
    rendered.outputs = outputs
    rendered.diagnostics.extend(diagnostics)
    rendered.inputs = [path, *used, *_project_files(project), *answers]
    return rendered


def _project_files(project: Project) -> list[Path]:
    return [project.file] if project.file is not None else []


def _unique(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for resolved in resolve_paths(paths):
        if resolved not in seen:
            seen.add(resolved)
            out.append(resolved)
    return out


def source_key(path: Path, root: Path) -> str:
    return source_keys([path], root)[0]


def source_keys(paths: list[Path], root: Path) -> list[str]:
    """Return each source's key: its resolved path, relative to the root when
    it lies below it."""
    below = f"{root}{os.sep}"
    keys = []
    for full in _resolved(paths):
        if full.startswith(below):
            full = full[len(below) :]
        keys.append(Path(full).as_posix() if os.sep != "/" else full)
    return keys


def resolve_paths(paths: list[Path]) -> list[Path]:
    """Return the paths resolved, as Path.resolve would."""
    return [Path(full) for full in _resolved(paths)]


def _resolved(paths: list[Path]) -> list[str]:
    # Each folder is resolved once, not each file in it: a file then costs
    # one lstat (is it a link?) instead of one per part of its path.
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        parent, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            out.append(os.path.realpath(path))
            continue
        real = folders.get(parent)
        if real is None:
            real = folders[parent] = os.path.realpath(parent)
        full = os.path.join(real, name)
        if os.path.islink(full):
            full = os.path.realpath(full)
        out.append(full)
    return out


def make_jobs(
    paths: list[Path],
    root: Path,
    is_meeting: Callable[[Path], bool] = is_meeting_file,
) -> list[Job]:
    """Return a job per file. Whether a file is a meeting is read from the
    file, or asked of `is_meeting` (a build's stat cache knows it for a file
    that has not changed since it was read)."""
    keys = source_keys(paths, root)
    return [Job(p, key, is_meeting(p)) for p, key in zip(paths, keys, strict=True)]
