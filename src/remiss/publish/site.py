"""`remiss publish`: the public build of every meeting as a static website.

    site/index.html                         the meetings, newest first
    site/index.json                         the same for machines (OParl-like)
    site/<möte>/<möte>.html                 the agenda, linking each item
    site/<möte>/<möte>-handlingar.html      everything on one page
    site/<möte>/<ärende>.html               each public case
    site/<möte>/*.pdf                       PDF/A of the same, with --pdf

Only the public build is published: a confidential case or item is never
rendered, so nothing of it can reach a file. The site is written only when
every meeting could be made, so a mistake never unpublishes what is there;
files an earlier publish wrote that are no longer made (a case that became
confidential) are removed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from remiss.build.files import atomic_write, remove_leftovers
from remiss.build.pdf import (
    INSTALL_HINT,
    PdfUnavailable,
    convert,
    document_time,
    docx_date,
)
from remiss.errors import Diagnostic, display_path
from remiss.formatting import safe_name
from remiss.input.discover import discover
from remiss.input.meeting import is_meeting_file, load_meeting
from remiss.input.secrecy import project_secrecy
from remiss.model.project import Project
from remiss.publish.index import GENERATOR, PublishedMeeting, index_html, index_json
from remiss.render.meeting import agenda_context, included_cases
from remiss.render.meeting_html import Links
from remiss.render.source import make_jobs, render_source

UP = (("Alla sammanträden", "../index.html"),)


@dataclass
class SiteReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    meetings: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False


def publish(project: Project, out_dir: Path, *, pdf: bool = False) -> SiteReport:
    """Write the public site of the project's meetings into out_dir."""
    report = SiteReport()
    # Only meeting files are jobs, so each meeting makes its own case pages.
    sources = [p for p in discover(project.root) if is_meeting_file(p)]
    meetings = make_jobs(sources, project.root)
    formats = ("html", "docx", "pdf") if pdf else ("html",)
    # One decision on what is confidential, from every meeting, for all of it.
    secrecy = project_secrecy(project, True, sources)
    published: list[PublishedMeeting] = []
    for job in meetings:
        result = render_source(
            job, project, formats, public=True, nav=UP, secrecy=secrecy
        )
        report.diagnostics.extend(result.diagnostics)
        if result.failed:
            report.failed = True
            continue
        stem = safe_name(job.path.stem)
        loaded = load_meeting(job.path, project, secrecy)
        links = Links(
            {e.case_path: f"{safe_name(e.case_path.stem)}.html"
             for e, _ in included_cases(loaded, True) if e.case_path},
            {e.case_path: f"{safe_name(e.case_path.stem)}.pdf"
             for e, _ in included_cases(loaded, True) if e.case_path} if pdf else {},
        )  # fmt: skip
        files = {n: d for n, d in result.outputs.items() if n.endswith(".html")}
        meeting = PublishedMeeting(
            stem, stem, agenda_context(loaded, True, links), files
        )
        meeting.files.update(
            {n: d for n, d in result.outputs.items() if n.endswith(".docx")}
        )
        published.append(meeting)
    if report.failed:
        return report  # nothing is written while a meeting has errors
    if pdf and not _add_pdfs(published, report, out_dir):
        return report
    for meeting in published:
        meeting.files = {
            n: d for n, d in meeting.files.items() if not n.endswith(".docx")
        }
    published.sort(key=lambda m: (m.agenda["datum"], m.stem), reverse=True)
    site: dict[str, bytes] = {"index.html": index_html(published)}
    for meeting in published:
        for name, data in meeting.files.items():
            site[f"{meeting.folder}/{name}"] = data
    site["index.json"] = index_json(published, [*site, "index.json"])
    _write(site, out_dir, report)
    report.meetings = len(published)
    return report


def _add_pdfs(
    meetings: list[PublishedMeeting], report: SiteReport, out_dir: Path
) -> bool:
    """Convert every meeting's documents to PDF/A in one LibreOffice call."""
    documents: dict[str, bytes] = {}
    for meeting in meetings:
        for name, data in meeting.files.items():
            if name.endswith(".docx"):
                documents[f"{meeting.folder}--{name}"] = data
    dates = {n: document_time(docx_date(d)) for n, d in documents.items()}
    try:
        pdfs = convert(documents, dates, pdfa=True)
    except PdfUnavailable as exc:
        report.diagnostics.append(
            Diagnostic(display_path(out_dir), 0, 0, "E501", str(exc), INSTALL_HINT)
        )
        report.failed = True
        return False
    for meeting in meetings:
        prefix = f"{meeting.folder}--"
        for name, data in pdfs.items():
            if name.startswith(prefix):
                meeting.files[name[len(prefix) :]] = data
    return True


def _write(site: dict[str, bytes], out_dir: Path, report: SiteReport) -> None:
    """Write the site's files atomically and remove the files the previous
    publish wrote that this one does not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    before = _published_before(out_dir)
    for folder in {
        out_dir,
        *(out_dir / n.rpartition("/")[0] for n in site if "/" in n),
    }:
        if folder.is_dir():
            remove_leftovers(folder)
    # index.json last: it says what the site holds once everything is there.
    for name in sorted(site, key=lambda n: n == "index.json"):
        path = out_dir / name
        try:
            same = path.read_bytes() == site[name]
        except OSError:
            same = False
        if same:
            report.unchanged.append(path)
            continue
        atomic_write(path, site[name])
        report.written.append(path)
    base = out_dir.resolve()
    for name in sorted(before - set(site)):
        path = (out_dir / name).resolve()
        if not path.is_relative_to(base) or path == base or not path.is_file():
            continue
        path.unlink()
        report.removed.append(out_dir / name)
        folder = path.parent
        if folder != base and not any(folder.iterdir()):
            folder.rmdir()


def _published_before(out_dir: Path) -> set[str]:
    """Return the files the last publish into out_dir wrote (its index.json)."""
    try:
        data = json.loads((out_dir / "index.json").read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != GENERATOR:
        return set()  # not ours: touch nothing
    files = data.get("files")
    if not isinstance(files, list):
        return set()
    return {
        f
        for f in files
        if isinstance(f, str)
        and f
        and ".." not in f.split("/")
        and not os.path.isabs(f)
    }
