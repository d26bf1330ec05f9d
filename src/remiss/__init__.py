"""remiss: tjänsteutlåtanden från YAML till Markdown och Word."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Diagnostic, InputError, RemissError  # noqa: E402
from .models import Case  # noqa: E402
from .pipeline import render_case, render_file  # noqa: E402
from .project import Project, find_project_root, load_case, load_project  # noqa: E402

__all__ = [
    "Case",
    "Diagnostic",
    "InputError",
    "Project",
    "RemissError",
    "__version__",
    "find_project_root",
    "load_case",
    "load_project",
    "render_case",
    "render_file",
]
