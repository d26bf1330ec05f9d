"""Batch builds: every case and meeting of a project, incrementally, in parallel.

A source is rebuilt only when a file it depends on changed (the case or
meeting file, the cases a meeting lists, remiss.yaml, the templates and
reference document it used) or remiss itself did. What each source was built
from is kept in the output folder's manifest, so a build where nothing changed
reads no YAML at all: it compares digests, which the stat cache (statcache)
gives without reading a file whose stat is unchanged. Whether a source is a
meeting file comes from the same cache, and each path is resolved once.

New files are staged and put in place a batch at a time with one sync (see
files.StagedWrites), then recorded in the manifest.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from remiss.build.combine import JoinFailed, join, part_name
from remiss.build.digests import Hasher, folder_key, keys_located
from remiss.build.files import (
    CommitFailed,
    PathEscape,
    StagedWrites,
    linked_part,
    remove_leftovers,
)
from remiss.build.guards import (
    decided_change,
    decided_in_meeting,
    decided_shown,
    manifest_warnings,
    write_failed,
)
from remiss.build.journal import Journal, replay
from remiss.build.lock import BuildLock
from remiss.build.manifest import Manifest, SourceRecord, WriteOutcome, write_outputs
from remiss.build.pdf import (
    INSTALL_HINT,
    PdfUnavailable,
    convert,
    document_time,
    docx_date,
)
from remiss.build.public import clear_unwanted, start_afresh, up_to_date, withdraw
from remiss.build.runner import results
from remiss.build.statcache import StatCache
from remiss.errors import WARNING, Diagnostic, UsageError, display_path, os_problem
from remiss.input.secrecy import project_secrecy
from remiss.model.project import Project
from remiss.render.combined import CombinedPdf, PdfPart
from remiss.render.meeting_html import COMBINED_SUFFIX
from remiss.render.source import (
    Job,
    JobResult,
    resolve_paths,
)

COMBINED_DOCX = f"{COMBINED_SUFFIX}.docx"


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)
    # Symbolic links where outputs go (refused), outputs held back because a
    # sibling of theirs was protected, files replaced with --force, and
    # decided documents rewritten with --force.
    links: list[Path] = field(default_factory=list)
    held: list[Path] = field(default_factory=list)
    forced: list[Path] = field(default_factory=list)
    unlinked: list[Path] = field(default_factory=list)
    decided: list[Path] = field(default_factory=list)
    # Sources whose decided text changed and was not rewritten (E401).
    kept_decided: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    fresh_sources: int = 0
    failed_sources: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def is_fresh(
    job: Job,
    manifest: Manifest,
    hasher: Hasher,
    root: Path,
    settings: str,
) -> bool:
    """Return whether a source's recorded build is still true, reading no YAML."""
    record = manifest.sources.get(job.key)
    if record is None:
        return False
    deps = keys_located(hasher, record.depends, root)
    if record.digest != hasher.digest(deps, settings):
        return False
    folder = os.path.abspath(manifest.folder)
    for name in record.outputs:
        entry = manifest.files.get(name)
        if entry is None or entry.get("sha256") != hasher.file(f"{folder}/{name}"):
            return False
    return True


def _with_cases_elsewhere(todo: list[Job], jobs: list[Job], root: Path) -> list[Job]:
    """Let each meeting to build leave its listed cases that have jobs of
    their own in this run to those jobs rather than render them twice."""
    if not any(job.meeting for job in todo):
        return todo
    # A key is the resolved path relative to the (resolved) root.
    cases = frozenset(root / job.key for job in jobs if not job.meeting)
    return [replace(job, built_elsewhere=cases) if job.meeting else job for job in todo]


def build(
    project: Project,
    jobs: list[Job],
    out_dir: Path,
    formats: tuple[str, ...],
    *,
    public: bool = False,
    incremental: bool = True,
    workers: int = 1,
    check_only: bool = False,
    force: bool = False,
    pdfa: bool = False,
    progress: Callable[[int, int, JobResult | None], None] | None = None,
    cache: StatCache | None = None,
    prune: bool = False,
) -> BuildReport:
    """Build the jobs into out_dir and return what happened.

    `prune` (a public build of the whole project) removes the public files
    that no source makes any longer; a build of some files removes nothing.

    `cache` is the stat cache the jobs were made with; it is saved at the end
    (not with check_only). Without one, every file is read.
    """
    report = BuildReport()
    link = linked_part(out_dir, project.root)
    if link is not None and not check_only:
        raise UsageError(
            f"{display_path(link)} är en symbolisk länk (till "
            f"{os.path.realpath(link)}), och remiss skriver aldrig genom en länk: "
            "två utdatamappar kunde bli en och skriva över varandra; ta bort "
            "länken, eller ange den riktiga mappen med -o"
        )
    if check_only:
        return _build(project, jobs, out_dir, formats, report, None, public=public,
                      incremental=incremental, workers=workers, check_only=True,
                      force=force, pdfa=pdfa, progress=progress, cache=cache,
                      prune=prune)  # fmt: skip
    with BuildLock(out_dir):
        journal = Journal(out_dir)
        return _build(project, jobs, out_dir, formats, report, journal,
                      public=public, incremental=incremental, workers=workers,
                      check_only=False, force=force, pdfa=pdfa, progress=progress,
                      cache=cache, prune=prune)  # fmt: skip


def _build(
    project: Project,
    jobs: list[Job],
    out_dir: Path,
    formats: tuple[str, ...],
    report: BuildReport,
    journal: Journal | None,
    *,
    public: bool,
    incremental: bool,
    workers: int,
    check_only: bool,
    force: bool,
    pdfa: bool,
    progress: Callable[[int, int, JobResult | None], None] | None,
    cache: StatCache | None,
    prune: bool,
) -> BuildReport:
    root = project.root
    if out_dir.is_dir() and not check_only:
        remove_leftovers(out_dir)  # from a write cut off by the machine
    manifest = Manifest.load(out_dir)
    if public and not check_only:
        report.diagnostics.extend(start_afresh(out_dir, manifest).diagnostics)
    report.diagnostics.extend(manifest_warnings(manifest))
    replay(manifest)  # what a build cut off before its manifest wrote
    cache = cache if cache is not None else StatCache()
    hasher = Hasher(cache)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    # What every meeting makes confidential, read once for the whole build:
    # a change in it rebuilds everything (cases are marked, or left out).
    secrecy = project_secrecy(
        project, public, [j.path for j in jobs if j.meeting] if prune else None
    )
    settings = (
        f"{','.join(formats)}|{'offentlig' if public else 'intern'}|"
        f"{'pdfa' if pdfa else ''}|{epoch}|{secrecy.stamp(root)}"
    )
    todo: list[Job] = []
    for job in jobs:
        if incremental and is_fresh(job, manifest, hasher, root, settings):
            report.fresh_sources += 1
        else:
            todo.append(job)
    if check_only:
        if public and todo:
            # Confidential sources and meetings that show them keep no digest
            # in the public manifest: made again here, and compared.
            kinds = formats + (("docx",) if "pdf" in formats else ())
            again = _with_cases_elsewhere(todo, jobs, root)
            made_now = results(again, project, kinds, public, 1, secrecy)
            todo = [
                job
                for job, result in zip(again, made_now, strict=True)
                if not up_to_date(result, manifest, formats)
            ]
        for job in todo:
            report.stale.append(job.key)
        return report
    todo = _with_cases_elsewhere(todo, jobs, root)
    claimed: dict[str, str] = {}
    want_pdf = "pdf" in formats
    # "pdf" stays among the formats rendering sees: HTML pages link to the
    # PDFs made beside them.
    made = formats
    if want_pdf and "docx" not in made:
        made += ("docx",)
    if "md" not in made:  # the text that says whether a case was decided
        made += ("md",)
    records: dict[str, SourceRecord] = {}
    for_pdf: dict[str, dict[str, bytes]] = {}
    plans: dict[str, CombinedPdf] = {}
    staged = StagedWrites(journal=journal.add if journal is not None else None)
    gone: set[str] = set()  # public: sources that keep nothing in the folder
    try:
        for done, result in enumerate(
            results(todo, project, made, public, workers, secrecy), 1
        ):
            if public and (result.failed or result.withheld):
                gone.add(result.key)
            if want_pdf and not result.failed:
                # A meeting's combined PDF is joined from its parts' PDFs
                # (see combine), not converted from the combined .docx.
                for_pdf[result.key] = {
                    n: d
                    for n, d in result.outputs.items()
                    if n.endswith(".docx") and not n.endswith(COMBINED_DOCX)
                }
                if result.combined_pdf is not None:
                    plans[result.key] = result.combined_pdf
            texts = {n: d for n, d in result.outputs.items() if n.endswith(".md")}
            result.outputs = {
                n: d
                for n, d in result.outputs.items()
                if n.rpartition(".")[2] in formats
                or (n.endswith(".png") and "md" in formats)
            }
            later = tuple(
                n[: -len(".docx")] + ".pdf" for n in for_pdf.get(result.key, ())
            ) + ((plans[result.key].name,) if result.key in plans else ())
            shows = decided_shown(result, report.kept_decided, root)
            if shows and not force:
                # Cases come first: a decided case kept as it was keeps the
                # meeting's documents, which show its text, as they were too.
                report.diagnostics.append(decided_in_meeting(result.key, shows))
                report.failed_sources.append(result.key)
                record = None
            else:
                record = _store(
                    result, manifest, hasher, root, settings, claimed,
                    report, force, staged, later, texts,
                )  # fmt: skip
            if record is not None:
                records[result.key] = record
            if staged.due():
                _commit(staged, manifest, records, report)
            if progress is not None:
                progress(done, len(todo), result)
        _commit(staged, manifest, records, report)
        if want_pdf:
            _make_pdfs(for_pdf, plans, records, manifest, report, force, pdfa, staged)
            _commit(staged, manifest, records, report)
        _record(manifest, records)
        if public:
            _clear_public(manifest, gone, {j.key for j in jobs}, prune, report)
    finally:
        # After Ctrl-C too, what was written is recorded, so the next build
        # goes on from there; with PDFs, a source counts only once its PDF is
        # made, so then nothing half-done is recorded. Staged files are
        # complete, so they are put in place too. Whatever stops the build
        # before the manifest is saved, the journal says what was put in place.
        try:
            _commit(staged, manifest, records, report)
        finally:
            staged.discard()
            if not want_pdf:
                _record(manifest, records)
            _save(manifest, journal, report)
            cache.save()
    return report


def _save(manifest: Manifest, journal: Journal | None, report: BuildReport) -> None:
    """Save the manifest, then drop the journal it now covers. When the
    manifest cannot be written (a full disk), the journal stays for the next
    build, and the user is told so (E312)."""
    try:
        manifest.save()
    except OSError as exc:
        found = write_failed(str(manifest.path), manifest, exc)
        report.diagnostics.append(
            Diagnostic(
                display_path(manifest.path),
                0,
                0,
                "E312",
                found.message,
                "frigör utrymme eller rätta behörigheten och bygg igen: filerna "
                "som hann skrivas är hela, och nästa bygge känner igen dem",
            )
        )
        report.failed_sources.append(str(manifest.path))
        return
    if journal is not None:
        journal.close()


def _commit(
    staged: StagedWrites,
    manifest: Manifest,
    records: dict[str, SourceRecord],
    report: BuildReport,
) -> None:
    """Put the staged files in place; a source whose files could not be is
    not recorded (the next build tries again) and gets E312."""
    try:
        staged.commit()
    except CommitFailed as exc:
        report.written = [p for p in report.written if p not in exc.targets]
        for key in sorted(exc.owners):
            records.pop(key, None)
            report.failed_sources.append(key)
            report.diagnostics.append(write_failed(key, manifest, exc))


def _record(manifest: Manifest, records: dict[str, SourceRecord]) -> None:
    for key, record in records.items():
        manifest.record_source(key, record)


def _make_pdfs(
    for_pdf: dict[str, dict[str, bytes]],
    plans: dict[str, CombinedPdf],
    records: dict[str, SourceRecord],
    manifest: Manifest,
    report: BuildReport,
    force: bool,
    pdfa: bool,
    staged: StagedWrites,
) -> None:
    """Convert every new .docx of this build, and the parts of every combined
    PDF, in one LibreOffice call; then join each combined PDF."""
    documents: dict[str, bytes] = {}
    owners: dict[str, str] = {}
    for key, docs in for_pdf.items():
        if key not in records:
            continue  # failed or refused: its PDF waits for the next build
        for name, data in docs.items():
            if name not in documents:
                documents[name] = data
                owners[name] = key
    parts: dict[str, list[str]] = {}  # meeting key -> its parts' PDF names
    for key_index, (key, plan) in enumerate(sorted(plans.items())):
        if key not in records:
            continue
        names = []
        for index, part in enumerate(plan.parts):
            if part.docx is not None:
                name = part_name(key_index, index)
                documents[name] = part.docx
                owners[name] = key
                names.append(name[: -len(".docx")] + ".pdf")
        parts[key] = names
    if not documents:
        return
    dates = {name: document_time(docx_date(data)) for name, data in documents.items()}
    try:
        pdfs = convert(documents, dates, pdfa=pdfa)
    except PdfUnavailable as exc:
        report.diagnostics.append(
            Diagnostic(
                display_path(manifest.folder),
                0,
                0,
                exc.code,
                str(exc),
                exc.hint or INSTALL_HINT,
            )
        )
        for key in {owners[n] for n in documents}:
            records.pop(key, None)
            report.failed_sources.append(key)
        return
    for key, docs in for_pdf.items():
        if key not in records:
            continue
        names = [n[: -len(".docx")] + ".pdf" for n in docs]
        mine = {
            n: pdfs[n]
            for n in names
            if n in pdfs and owners.get(n[:-4] + ".docx") == key
        }
        if key in parts:
            joined = _joined(plans[key], parts[key], pdfs, manifest, report, pdfa)
            if joined is None:
                records.pop(key, None)
                report.failed_sources.append(key)
                continue
            mine[plans[key].name] = joined
            names.append(plans[key].name)
        try:
            outcome = write_outputs(
                manifest, mine, force=force, staged=staged, owner=key
            )
        except OSError as exc:
            report.diagnostics.append(write_failed(key, manifest, exc))
            report.failed_sources.append(key)
            records.pop(key, None)
            continue
        _tell(report, outcome)
        if outcome.blocked:
            records.pop(key, None)
            continue
        record = records[key]
        records[key] = SourceRecord(
            record.digest, record.depends, sorted({*record.outputs, *names})
        )


def _joined(
    plan: CombinedPdf,
    converted: list[str],
    pdfs: dict[str, bytes],
    manifest: Manifest,
    report: BuildReport,
    pdfa: bool,
) -> bytes | None:
    """Return a meeting's combined PDF, or None (and E503) when a part
    cannot be read as a PDF."""
    made = iter(converted)
    documents: list[bytes] = []
    for part in plan.parts:
        if part.docx is not None:
            documents.append(pdfs[next(made)])
            continue
        assert part.pdf is not None
        try:
            documents.append(part.pdf.read_bytes())
        except OSError as exc:
            report.diagnostics.append(
                _attachment_unreadable(part, os_problem(exc), plan)
            )
            return None
    try:
        joined = join(plan, documents, document_time(plan.date), pdfa)
    except JoinFailed as exc:
        report.diagnostics.append(_attachment_unreadable(exc.part, exc.reason, plan))
        return None
    for part in joined.not_pdfa:
        report.diagnostics.append(
            Diagnostic(
                part.source,
                part.line,
                part.column,
                "W504",
                f"bilagan {part.shown} säger inte att den är PDF/A, så {plan.name} "
                "märks inte som PDF/A",
                "spara bilagan som PDF/A (i Word: Spara som, PDF, Alternativ: "
                "PDF/A-kompatibel) och bygg igen",
                WARNING,
            )
        )
    return joined.data


def _attachment_unreadable(part: PdfPart, reason: str, plan: CombinedPdf) -> Diagnostic:
    """Return E503 at the case file's `fil:` line for an attachment that the
    combined PDF cannot take."""
    return Diagnostic(
        part.source,
        part.line,
        part.column,
        "E503",
        f"bilagan {part.shown} kan inte läggas till i {plan.name} ({reason}); "
        "de samlade handlingarna skrevs inte",
        "spara bilagan som PDF på nytt (t.ex. med 'Skriv ut som PDF') och bygg igen",
    )


def _store(
    result: JobResult,
    manifest: Manifest,
    hasher: Hasher,
    root: Path,
    settings: str,
    claimed: dict[str, str],
    report: BuildReport,
    force: bool,
    staged: StagedWrites,
    later: tuple[str, ...] = (),
    texts: dict[str, bytes] | None = None,
) -> SourceRecord | None:
    """Write a result's outputs, all or none; return the record to keep for
    it, if any. `later` are the outputs (PDFs) made after this one; `texts`
    its Markdown, made also when not an output, to tell a decided case."""
    report.diagnostics.extend(result.diagnostics)
    if result.failed:
        report.failed_sources.append(result.key)
        return None
    if result.withheld:
        return None  # confidential: nothing of it is written or recorded
    outputs = {}
    for name, data in result.outputs.items():
        owner = claimed.setdefault(name, result.key)
        if owner != result.key:
            report.diagnostics.append(
                Diagnostic(
                    result.key,
                    1,
                    1,
                    "E310",
                    f"utdatafilen {name} skapas redan av {owner}",
                    "byt namn på den ena filen så att namnen skiljer sig",
                )
            )
            report.failed_sources.append(result.key)
            return None
        outputs[name] = data
    try:
        for name in outputs:
            manifest.target(name)
        decided = decided_change(result, manifest, texts or outputs)
        if decided is not None and not force:
            report.diagnostics.append(decided)
            report.kept_decided.append(result.key)
            report.failed_sources.append(result.key)
            return None  # decided is final: neither file is touched
        outcome = write_outputs(
            manifest, outputs, force=force, staged=staged, owner=result.key, also=later
        )
    except PathEscape as exc:
        report.diagnostics.append(
            Diagnostic(
                result.key, 1, 1, "E311", f"utdatanamnet '{exc}' är inte tillåtet"
            )
        )
        report.failed_sources.append(result.key)
        return None
    except OSError as exc:
        report.diagnostics.append(write_failed(result.key, manifest, exc))
        report.failed_sources.append(result.key)
        return None
    _tell(report, outcome)
    if outcome.blocked:
        return None  # nothing written, not recorded: the next build tries again
    if decided is not None:
        report.decided.extend(outcome.written)
    keys = [folder_key(p, root) for p in resolve_paths(result.depends)]
    record = SourceRecord(
        # A volatile source is never up to date: see JobResult.volatile.
        ""
        if result.volatile
        else hasher.digest(keys_located(hasher, keys, root), settings),
        keys,
        sorted(outputs),
    )
    return record


def _tell(report: BuildReport, outcome: WriteOutcome) -> None:
    report.written.extend(outcome.written)
    report.unchanged.extend(outcome.unchanged)
    report.refused.extend(outcome.refused)
    report.links.extend(outcome.links)
    report.held.extend(outcome.held)
    report.forced.extend(outcome.forced)
    report.unlinked.extend(outcome.unlinked)


def _clear_public(
    manifest: Manifest,
    gone: set[str],
    keys: set[str],
    prune: bool,
    report: BuildReport,
) -> None:
    """Leave in the public folder only what this build accounts for: nothing
    of a source that failed or is confidential, and (`prune`, a build of the
    whole project) nothing of a source that is no longer there."""
    for key in sorted(gone & set(report.failed_sources)):
        record = manifest.sources.get(key)
        if record is not None and record.outputs:
            report.diagnostics.append(
                Diagnostic(
                    key,
                    1,
                    1,
                    "W320",
                    "filen har fel, så det som tidigare publicerats från den har "
                    "tagits bort ur den offentliga versionen",
                    "rätta felen ovan och bygg igen, så kommer filerna tillbaka",
                    WARNING,
                )
            )
    withdraw(
        manifest,
        gone | ({k for k in manifest.sources if k not in keys} if prune else set()),
    )
    cleared = clear_unwanted(manifest)
    report.removed.extend(cleared.removed)
    report.diagnostics.extend(cleared.diagnostics)
