"""remiss: tjänsteutlåtanden från YAML till Markdown och Word.

The top-level names are loaded on first use, so that `remiss --version` or
`remiss textconv` do not pay for the models and the templates.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # as typing's, without importing typing at start-up

__version__ = "0.1.0"

_EXPORTS = {
    "Diagnostic": "remiss.errors",
    "InputError": "remiss.errors",
    "RemissError": "remiss.errors",
    "load_case": "remiss.input.case",
    "find_project_root": "remiss.input.project",
    "load_project": "remiss.input.project",
    "Case": "remiss.model.case",
    "Project": "remiss.model.project",
    "render_case": "remiss.render.case",
    "render_file": "remiss.render.source",
}

if TYPE_CHECKING:
    from remiss.errors import Diagnostic, InputError, RemissError
    from remiss.input.case import load_case
    from remiss.input.project import find_project_root, load_project
    from remiss.model.case import Case
    from remiss.model.project import Project
    from remiss.render.case import render_case
    from remiss.render.source import render_file


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'remiss' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
