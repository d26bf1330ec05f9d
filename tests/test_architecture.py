"""The folders show the data flow: no room imports a room above it.

See ARCHITECTURE.md for the picture. A failure here names the module and the
import that crosses a boundary; move the code to the room it belongs in
rather than widening the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src" / "remiss"
FOUNDATION = {"errors", "codes", "sourcemap", "formatting", "blocks", "resources"}

# The rooms below the commands that use rendering.
RENDERING = {"foundation", "model", "checks", "input", "text", "docx", "html", "render"}

# Each room and the rooms it may import from (besides itself).
ALLOWED: dict[str, set[str]] = {
    "foundation": set(),
    "model": {"foundation"},
    "checks": {"foundation", "model"},
    "input": {"foundation", "model", "checks"},
    "text": {"foundation", "model", "docx"},
    "docx": {"foundation"},
    "html": {"foundation"},
    "render": RENDERING - {"render"},
    "build": RENDERING,
    "review": RENDERING,
    "preview": RENDERING,
    "publish": RENDERING | {"build"},
    "cli": RENDERING | {"build", "review", "preview", "publish"},
}


def room_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in FOUNDATION or parts[1] == "__version__":
        return "foundation"
    return parts[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "remiss":
                found += [(node.lineno, f"remiss.{a.name}") for a in node.names]
            elif node.module.startswith("remiss."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name) for a in node.names if a.name.startswith("remiss")
            ]
    return found


def crossings() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        module = module_name(path)
        if module in ("remiss", "remiss.__main__"):
            continue  # the public facade and the entry point may name anything
        here = room_of(module)
        assert here in ALLOWED, f"{module}: room '{here}' is not in ALLOWED"
        for line, target in imported(ast.parse(path.read_text("utf-8"))):
            there = room_of(target)
            if there != here and there not in ALLOWED[here]:
                out.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {target}")
    return out


def test_no_room_imports_a_room_above_it() -> None:
    assert crossings() == []


def test_the_rule_can_fail(tmp_path: Path) -> None:
    tree = ast.parse("from remiss.cli.app import main\nfrom remiss import errors\n")
    targets = [room_of(t) for _, t in imported(tree)]
    assert targets == ["cli", "foundation"]
    assert "cli" not in ALLOWED["docx"]
    assert ALLOWED["html"] == {"foundation"}
