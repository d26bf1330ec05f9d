"""Which cases are confidential in a build: one decision for the whole build.

A case is confidential when it says so itself (`sekretess:`) or when any
meeting item that names it says so, in any meeting file of the project, or
sits in a group that says so. The second half needs every meeting file, so it
is read once per build (`project_secrecy`) and handed to everything that
renders: the case's own documents, every agenda that lists it and the
published site. A case a meeting makes confidential is then the same as one
that says so itself: marked in the internal build, left out of the public one.

A meeting file whose items cannot be read cannot say which of its cases are
confidential, so every case it names is taken to be (`unsure`); the public
build leaves those out until the file is mended.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from remiss.errors import WARNING, Diagnostic, display_path
from remiss.input.files import read_regular
from remiss.input.yaml import MAX_BYTES, load_yaml_bytes
from remiss.model.case import Case, Confidential
from remiss.model.project import Project
from remiss.model.schema import replace, specs

# What a meeting item's `sekretess:` may say to mean "not confidential".
# Anything else (ja, true, a misspelling, a mapping) counts as confidential.
_NO = frozenset({"nej", "no", "false", "falskt", "n", "0", "off"})


@dataclass(frozen=True)
class Secrecy:
    """The cases meeting items make confidential, by resolved path, for a
    public build or an internal one."""

    public: bool = False
    declared: frozenset[Path] = frozenset()
    # The sekretessgrund a meeting item gives, for the declared cases that have one.
    grounds: Mapping[Path, str] = field(default_factory=lambda: MappingProxyType({}))
    # Meeting files whose items could not be read: where (file, line, column).
    unsure: Mapping[Path, tuple[str, int, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # Per unreadable meeting, the case files its text seems to name.
    named: Mapping[Path, frozenset[Path]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def covers(self, path: Path) -> bool:
        """Return whether this build takes the case at `path` as confidential
        whatever it says itself: a meeting item makes it so, or (in a public
        build) a meeting file that cannot be read names it."""
        if not self.declared and not (self.public and self.named):
            return False  # nothing to look up: no need to resolve the path
        resolved = path.resolve()
        if resolved in self.declared:
            return True
        return self.public and any(resolved in c for c in self.named.values())

    def doubt(self, path: Path) -> list[Diagnostic]:
        """Return, in a public build, for a case named by a meeting file that
        could not be read, the warning that it stays out of the public version."""
        out: list[Diagnostic] = []
        if not self.public or not self.named:
            return out
        resolved = path.resolve()
        for meeting, cases in self.named.items():
            if resolved in cases:
                shown, line, col = self.unsure[meeting]
                out.append(
                    Diagnostic(
                        shown,
                        line,
                        col,
                        "W321",
                        f"mötesfilen kan inte läsas, så det går inte att avgöra om "
                        f"ärendet {path.name} är sekretess",
                        "ärendet tas inte med i den offentliga versionen förrän "
                        "felet i mötesfilen är rättat",
                        WARNING,
                    )
                )
        return out

    def apply(self, path: Path, case: Case) -> Case:
        """Return the case as this build sees it: confidential (with no ground
        of its own) when `covers` says so."""
        if case.is_confidential or not self.covers(path):
            return case
        return confidential(case, self.grounds.get(path.resolve()))

    def stamp(self, root: Path) -> str:
        """Return a short digest of the decision, for a build's settings: a
        change in what meetings make confidential rebuilds the build."""
        base = root.resolve()

        def shown(paths: Iterable[Path]) -> str:
            # Relative to the project: the same project anywhere, the same digest.
            return "\n".join(
                sorted(
                    (p.relative_to(base) if p.is_relative_to(base) else p).as_posix()
                    for p in paths
                )
            )

        text = shown(self.declared)
        text += "".join(f"\n{p}={g}" for p, g in sorted(self.grounds.items()))
        if self.public:
            text += "\n--\n" + shown(p for c in self.named.values() for p in c)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def confidential(case: Case, ground: str | None = None) -> Case:
    """Return a copy of the case that says `sekretess: ja` (with a ground
    when the meeting item that makes it confidential gives one)."""
    values = {s.name: getattr(case, s.name) for s in specs(Case)}
    values["confidential"] = replace(Confidential(), ground=ground)
    return Case(**values)


def project_secrecy(
    project: Project, public: bool, meetings: Iterable[Path] | None = None
) -> Secrecy:
    """Read every meeting file of the project (or the meeting files given)
    and return which cases their items make confidential in a public or an
    internal build."""
    from remiss.input.meeting import is_meeting_bytes

    given = meetings is not None
    if meetings is None:
        from remiss.input.discover import discover

        meetings = discover(project.root)
    declared: set[Path] = set()
    grounds: dict[Path, str] = {}
    unsure: dict[Path, tuple[str, int, int]] = {}
    named: dict[Path, frozenset[Path]] = {}
    for path in meetings:
        try:
            raw = read_regular(path, MAX_BYTES)
        except OSError:
            continue  # not there any longer: it names nothing
        if not given and not is_meeting_bytes(raw):
            continue  # a case file
        loaded = load_yaml_bytes(raw, display_path(path))
        base = path.parent
        if loaded.ok and isinstance(loaded.data, dict):
            for name, ground in _secret_cases(loaded.data.get("punkter"), None):
                resolved = (base / name).resolve()
                declared.add(resolved)
                if ground:
                    grounds.setdefault(resolved, ground)
            continue
        problem = next((d for d in loaded.diagnostics if d.is_error), None)
        resolved = path.resolve()
        unsure[resolved] = (
            (problem.path, problem.line, problem.col)
            if problem is not None
            else (display_path(path), 1, 1)
        )
        named[resolved] = frozenset(
            (base / name).resolve() for name in _named_in_text(raw)
        )
    return Secrecy(
        public,
        frozenset(declared),
        MappingProxyType(grounds),
        MappingProxyType(unsure),
        MappingProxyType(named),
    )


def _secret_cases(
    items: Any, group: tuple[str | None] | None
) -> Iterator[tuple[str, str | None]]:
    """Yield (case name, sekretessgrund or None) for the items (and
    sub-items) that are confidential, read from the YAML as it is, so a
    meeting with other errors still counts. `group` is (ground,) inside a
    confidential group."""
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, dict):
            continue
        value = item.get("sekretess")
        here = (_ground(value),) if _says_yes(value) else group
        if here is not None and group is not None and here[0] is None:
            here = group  # an item without a ground of its own: the group's
        case = item.get("ärende")
        if here is not None and isinstance(case, str) and case.strip():
            yield case.strip(), here[0]
        yield from _secret_cases(item.get("punkter"), here)


def _ground(value: Any) -> str | None:
    ground = value.get("grund") if isinstance(value, dict) else None
    return ground.strip() or None if isinstance(ground, str) else None


def _says_yes(value: Any) -> bool:
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return value.strip().lower() not in _NO and value.strip() != ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    return True


_CASE_LINE = re.compile(r"""ärende\s*:\s*["']?([^"'#\r\n]+?)["']?\s*(?:#.*)?$""", re.M)


def _named_in_text(raw: bytes) -> list[str]:
    """Return what the `ärende:` lines of unreadable YAML seem to name."""
    text = raw.decode("utf-8", errors="replace")
    return [m.group(1).strip() for m in _CASE_LINE.finditer(text) if m.group(1)]
