"""The project a preview shows: its sources, their addresses and a digest
that changes when any of them is saved."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from remiss.formatting import safe_name
from remiss.input.discover import discover
from remiss.input.project import load_project
from remiss.model.project import Project
from remiss.render.meeting import COMBINED_SUFFIX
from remiss.render.source import Job, make_jobs

# Folders a digest does not look into: outputs, version control, tools.
SKIPPED = {"output", "node_modules", "__pycache__", "site"}


# What a project is written in: cases, meetings, settings, templates, looks.
WATCHED = {".yaml", ".yml", ".j2", ".docx", ".md", ".png", ".pdf"}


@dataclass(frozen=True)
class Page:
    """One page the preview serves: a source, and which of its outputs."""

    job: Job
    output: str  # the output file name that is the page
    url: str

    @property
    def meeting(self) -> bool:
        return self.job.meeting


def load(root: Path) -> Project:
    """Return the project at root as it is on disk now."""
    return load_project(root if (root / "remiss.yaml").is_file() else None)


def pages(project: Project) -> list[Page]:
    """Return every page of the project: each case, and each meeting's agenda
    and combined page, addressed like the build names its files."""
    root = project.root
    out = []
    for job in make_jobs(discover(root), root):
        folder = job.path.resolve().parent.relative_to(root).as_posix()
        prefix = "/" if folder == "." else f"/{folder}/"
        stem = safe_name(job.path.stem)
        out.append(Page(job, f"{stem}.html", f"{prefix}{stem}.html"))
        if job.meeting:
            name = f"{stem}{COMBINED_SUFFIX}.html"
            out.append(Page(job, name, f"{prefix}{name}"))
    return out


def find(project: Project, url: str) -> Page | None:
    """Return the page at a URL path, or None."""
    for page in pages(project):
        if page.url == url:
            return page
    return None


def digest(root: Path) -> str:
    """Return a digest of every source file's name, size and time under root.

    Cheap enough to ask twice a second: it reads no file, only their
    metadata. Outputs and hidden folders are left out.
    """
    hasher = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED)
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in WATCHED:
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, root)
            hasher.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()[:20]
