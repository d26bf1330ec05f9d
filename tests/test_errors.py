"""Every exception remiss raises on purpose is a RemissError."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import remiss
from remiss import errors
from remiss.errors import RemissError

# Exceptions whose class another library's protocol (or Python's) fixes; that
# library handles them, and none reaches a user as a traceback.
FOREIGN = {
    "SecurityError",
    "BadParameter",
    "AttributeError",
    "SystemExit",
    "TemplateNotFound",  # Jinja's loader protocol: a loader must raise it
    "TypeError",  # a model built with wrong arguments in remiss's own code
    "NotImplementedError",  # an abstract method of a value kind
    "OSError",  # the system's own failure (a sync), reported by the build as E312
    "FileExistsError",  # no free temporary name: the system's, reported as E312
}


def modules() -> list[object]:
    names = [
        info.name
        for info in pkgutil.walk_packages(remiss.__path__, "remiss.")
        if not info.name.endswith("__main__")
    ]
    return [importlib.import_module(name) for name in sorted(names)]


def test_every_exception_class_of_remiss_is_a_remiss_error() -> None:
    classes = {
        obj
        for module in modules()
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, BaseException)
        and obj.__module__.startswith("remiss")
    }
    assert len(classes) >= 12
    strays = sorted(c.__qualname__ for c in classes if not issubclass(c, RemissError))
    assert strays == []


def _raised_class(module: object, node: ast.expr) -> object:
    target = node.func if isinstance(node, ast.Call) else node
    parts = []
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if not isinstance(target, ast.Name):
        return None
    value = vars(module).get(target.id) or getattr(builtins, target.id, None)
    for part in reversed(parts):
        value = getattr(value, part, None)
    return value


def test_every_raise_in_remiss_raises_a_remiss_error() -> None:
    checked = 0
    strays = []
    for module in modules():
        path = Path(inspect.getfile(module))  # type: ignore[arg-type]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            raised = _raised_class(module, node.exc)
            if not inspect.isclass(raised):
                continue  # a helper that returns the exception, or a variable
            checked += 1
            if not issubclass(raised, RemissError) and raised.__name__ not in FOREIGN:
                strays.append(f"{path.name}:{node.lineno} {raised.__name__}")
    assert strays == []
    assert checked > 30


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("remiss.input.expressions", "ExpressionError"),
        ("remiss.text.charts", "ChartUnavailable"),
        ("remiss.build.pdf", "PdfUnavailable"),
        ("remiss.build.files", "PathEscape"),
        ("remiss.docx.textconv", "NotADocx"),
    ],
)
def test_moved_classes_are_still_found_where_they_were(module: str, name: str) -> None:
    assert getattr(importlib.import_module(module), name) is getattr(errors, name)


def test_a_missing_table_cell_is_still_a_key_error_with_its_message() -> None:
    problem = errors.UnknownCell("tabellen 't' har ingen rad 'x'")
    assert isinstance(problem, KeyError)
    assert problem.args[0] == "tabellen 't' har ingen rad 'x'"
