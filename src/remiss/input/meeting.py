"""Meeting files: one sammanträde, its numbered items, and checks across files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.checks.meeting import item_checks
from remiss.checks.minutes import minutes_checks
from remiss.errors import Diagnostic
from remiss.input.case import CaseResult, load_case
from remiss.input.files import read_regular
from remiss.input.schema import identity_source, translate
from remiss.input.secrecy import Secrecy, confidential
from remiss.input.yaml import MAX_BYTES, Loaded, load_yaml_bytes, load_yaml_file
from remiss.model.case import Case
from remiss.model.meeting import Item, Meeting
from remiss.model.project import Project
from remiss.model.schema import ValidationError, validate
from remiss.sourcemap import SourceMap


@dataclass
class AgendaEntry:
    """A numbered item as the agenda and the combined document see it."""

    number: str
    kind: str  # text, rubrik, ärende, grupp
    title: str
    loc: tuple[Any, ...]
    confidential: bool = False
    ground: str | None = None  # the item's (or its group's) sekretessgrund
    public_title: str | None = None
    note: str | None = None
    standing: bool = False  # a category without items, numbered as an item
    reference: str | None = None  # Dnr of an item without a case file
    subtitle: str | None = None
    case_path: Path | None = None
    case: Case | None = None
    children: list[AgendaEntry] = field(default_factory=list)


@dataclass
class MeetingResult:
    path: Path
    meeting: Meeting | None
    entries: list[AgendaEntry]
    diagnostics: list[Diagnostic]
    cases: list[CaseResult] = field(default_factory=list)
    loaded: Loaded | None = None

    @property
    def ok(self) -> bool:
        return self.meeting is not None and not any(
            d.is_error for d in self.diagnostics
        )

    def case_entries(self) -> list[AgendaEntry]:
        out = []
        for entry in self.entries:
            if entry.kind == "ärende":
                out.append(entry)
            out.extend(c for c in entry.children if c.kind == "ärende")
        return out


def is_meeting_data(data: Any) -> bool:
    """Return whether loaded YAML is a meeting file (it lists `punkter`)."""
    return isinstance(data, dict) and "punkter" in data


def is_meeting_bytes(data: bytes) -> bool:
    """Return whether a file's bytes are a meeting file's: a line starts with
    the top-level key `punkter:`. Cheap, and without parsing the YAML."""
    # Why `in` and not a regex: a search for "(start or newline) punkter:"
    # tries the alternation at every byte; these are substring scans in C.
    return (
        data.startswith(b"punkter:") or b"\npunkter:" in data or b"\rpunkter:" in data
    )


def is_meeting_file(path: Path) -> bool:
    """Return whether a file is a meeting file, judged by its top-level keys."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError:
        return False  # said when the file is loaded
    return is_meeting_bytes(raw)


def listed_cases(path: Path) -> list[Path]:
    """Return the resolved paths a meeting file's `ärende:` items name, in
    order; [] for a file that is not a valid meeting. A hint for planning a
    build, not a check: load_meeting says what is wrong."""
    loaded = load_yaml_file(path)
    if not loaded.ok:
        return []
    try:
        meeting = validate(Meeting, loaded.data)
    except ValidationError:
        return []
    base = path.parent
    return [
        (base / item.case).resolve()
        for top in meeting.items
        for item in (top, *top.items)
        if item.case
    ]


def load_meeting(
    path: Path, project: Project, secrecy: Secrecy | None = None
) -> MeetingResult:
    """Load a meeting file, number its items and load and check every case.

    A confidential item makes its case confidential, and so does `secrecy`
    (what every meeting of the build says, see input.secrecy)."""
    loaded = load_yaml_file(path)
    result = _numbered(path, loaded)
    if result.meeting is None:
        return result
    source = loaded.source
    _load_cases(result, project, source, secrecy or Secrecy())
    meeting = result.meeting
    result.diagnostics.extend(
        minutes_checks(
            meeting,
            [(e.number, e.kind, e.case) for e in result.entries if e.kind != "rubrik"],
            source,
        )
    )
    result.diagnostics.sort(
        key=lambda d: (d.path != source.path, d.path, d.line, d.col)
    )
    return result


def load_agenda(raw: bytes, path: Path, shown: str) -> MeetingResult:
    """Load a meeting file's own items, numbered, without loading its cases:
    what `remiss diff` compares. SHOWN names the file in messages."""
    return _numbered(path, load_yaml_bytes(raw, shown))


def _numbered(path: Path, loaded: Loaded) -> MeetingResult:
    diagnostics = list(loaded.diagnostics)
    if not loaded.ok:
        return MeetingResult(path, None, [], diagnostics, loaded=loaded)
    source = loaded.source
    try:
        meeting = validate(Meeting, loaded.data)
    except ValidationError as exc:
        diagnostics.extend(
            translate(exc.errors, loaded.data, Meeting, identity_source(source))
        )
        return MeetingResult(path, None, [], diagnostics, loaded=loaded)
    entries = _number_items(meeting.items, source, diagnostics)
    return MeetingResult(path, meeting, entries, diagnostics, loaded=loaded)


def _number_items(
    items: list[Item], source: SourceMap, diagnostics: list[Diagnostic]
) -> list[AgendaEntry]:
    entries: list[AgendaEntry] = []
    counter = 0
    seen: dict[str, tuple[Any, ...]] = {}
    for index, item in enumerate(items):
        loc = ("punkter", index)
        if item.heading and _has_items(items, index):
            entries.append(AgendaEntry("", "rubrik", item.heading, loc))
            continue
        if item.number:
            number = item.number
            if number.isdigit():
                counter = int(number)
        else:
            counter += 1
            number = str(counter)
        if number in seen:
            first = source.where(seen[number])[0]
            diagnostics.append(
                source.diagnostic(
                    (*loc, "nummer") if item.number else loc,
                    "E301",
                    f"punkt nummer {number} finns redan (rad {first})",
                    "ge punkterna olika nummer, eller ta bort 'nummer:' så räknas de "
                    "upp automatiskt",
                )
            )
        seen[number] = loc
        entry = _entry(item, number, loc)
        entry.standing = bool(item.heading)
        for sub_index, sub in enumerate(item.items):
            if sub.is_group:
                # An agenda has two levels (15, 15 a): a deeper item would be
                # left out of the agenda without a word.
                diagnostics.append(
                    source.diagnostic(
                        (*loc, "punkter", sub_index),
                        "E308",
                        "en grupp kan inte ligga i en annan grupp",
                        "lägg underpunkterna direkt i gruppen ovanför, eller gör "
                        "gruppen till en egen punkt på översta nivån",
                    )
                )
            letter = chr(ord("a") + sub_index) if sub_index < 26 else str(sub_index)
            child = _entry(sub, f"{number} {letter})", (*loc, "punkter", sub_index))
            # A secret group keeps every sub-item secret, whatever it says,
            # on the group's ground unless the item gives its own.
            if entry.confidential and not child.confidential:
                child.confidential, child.ground = True, entry.ground
            entry.children.append(child)
        entries.append(entry)
    return entries


def _has_items(items: list[Item], index: int) -> bool:
    """Whether a category heading has items under it before the next one.

    A category with none (Övriga frågor at the end) is a standing point of
    the meeting: it is numbered as an item of its own, not left as an empty
    heading."""
    following = items[index + 1] if index + 1 < len(items) else None
    return following is not None and not following.heading


def _entry(item: Item, number: str, loc: tuple[Any, ...]) -> AgendaEntry:
    if item.case:
        kind, title = "ärende", item.case
    elif item.is_group:
        kind, title = "grupp", item.group or ""
    else:
        kind, title = "text", item.text or item.heading or ""
    return AgendaEntry(
        number,
        kind,
        title,
        loc,
        confidential=item.confidential is not None,
        ground=item.confidential.ground if item.confidential else None,
        public_title=item.public_title,
        note=item.note,
        reference=item.reference,
        subtitle=item.subtitle,
    )


def _load_cases(
    result: MeetingResult, project: Project, source: SourceMap, secrecy: Secrecy
) -> None:
    meeting = result.meeting
    assert meeting is not None
    seen: dict[Path, tuple[Any, ...]] = {}
    base = result.path.parent
    for entry in result.case_entries():
        raw = entry.title
        path = (base / raw).resolve()
        if not path.is_file():
            result.diagnostics.append(
                source.diagnostic(
                    (*entry.loc, "ärende"),
                    "E302",
                    f"ärendefilen '{raw}' finns inte",
                    f"sökvägen räknas från mötesfilens mapp ({_shown(base)})",
                )
            )
            continue
        if not path.is_relative_to(project.root):
            result.diagnostics.append(
                source.diagnostic(
                    (*entry.loc, "ärende"),
                    "E307",
                    f"ärendefilen '{raw}' ligger utanför projektets mapp",
                    "lägg ärendet i projektets mapp cases/ och hänvisa dit",
                )
            )
            continue
        if is_meeting_file(path):
            result.diagnostics.append(
                source.diagnostic(
                    (*entry.loc, "ärende"),
                    "E306",
                    f"'{raw}' är en mötesfil, inte ett ärende",
                    "en punkt med 'ärende:' ska peka på en ärendefil",
                )
            )
            continue
        if path in seen:
            first = source.where((*seen[path], "ärende"))[0]
            result.diagnostics.append(
                source.diagnostic(
                    (*entry.loc, "ärende"),
                    "E303",
                    f"ärendet '{raw}' står redan på dagordningen (rad {first})",
                    "ta bort den ena punkten",
                )
            )
            continue
        seen[path] = entry.loc
        case_result = load_case(path, project)
        result.cases.append(case_result)
        entry.case_path = path
        if not case_result.ok:
            result.diagnostics.extend(case_result.diagnostics)
            result.diagnostics.append(
                source.diagnostic(
                    (*entry.loc, "ärende"),
                    "E304",
                    f"ärendet '{raw}' har fel och kan inte tas med",
                    "rätta felen i ärendefilen som visas ovan",
                )
            )
            continue
        case = case_result.case
        assert case is not None
        # A confidential item (or group) makes its case confidential in this
        # build exactly as if the case said so; so does any other meeting.
        if entry.confidential and not case.is_confidential:
            case = confidential(case, entry.ground)
        case = secrecy.apply(path, case)
        entry.case = case
        entry.confidential = case.is_confidential
        result.diagnostics.extend(item_checks(meeting, case, entry.loc, raw, source))


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return path.as_posix()
