"""The paragraph register: which § number each protokoll item has.

A nämnd numbers its protokoll paragraphs through the year: the first
meeting's items are § 1–14, the next meeting's start at § 15. A number once
given is never given to anything else, also when an item is added to a
meeting later: `remiss protokoll` gives numbers and records them in
`paragrafregister.json` at the project's root (committed with the project,
so every clone agrees), and every later render reads them from there.

An item is known by its meeting's date and what it is (its case file, or its
text), not by its place on the agenda, so moving an item keeps its number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remiss.errors import Diagnostic, RemissError, display_path, os_problem
from remiss.input.meeting import AgendaEntry, MeetingResult

REGISTER = "paragrafregister.json"


@dataclass(frozen=True)
class Numbered:
    """One given number."""

    paragraph: int
    meeting: str  # the meeting's date, ISO
    what: str  # the item's identity (see identity())


def identity(entry: AgendaEntry, root: Path) -> str:
    if entry.case_path is not None:
        try:
            shown = entry.case_path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = entry.case_path.as_posix()
        return f"ärende:{shown}"
    return f"{entry.kind}:{' '.join(entry.title.split())}"


def paragraph_entries(result: MeetingResult) -> list[AgendaEntry]:
    """The agenda items that get a §: every item but category headings."""
    return [e for e in result.entries if e.kind != "rubrik"]


@dataclass
class Register:
    """Every number given, per nämnd and year."""

    path: Path
    numbers: dict[str, dict[str, list[Numbered]]]
    problem: str | None = None  # why the file could not be read, in Swedish
    problem_at: tuple[int, int] = (1, 1)  # where in the file (line, column)

    @classmethod
    def load(cls, root: Path) -> Register:
        path = root / REGISTER
        numbers: dict[str, dict[str, list[Numbered]]] = {}
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return cls(path, numbers)
        except UnicodeDecodeError:
            return cls(path, numbers, problem="filen är inte UTF-8")
        except OSError as exc:
            return cls(
                path, numbers, problem=f"filen kan inte läsas ({os_problem(exc)})"
            )
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return cls(path, numbers, "JSON-texten är trasig", (exc.lineno, exc.colno))
        except (ValueError, RecursionError):
            return cls(path, numbers, problem="JSON-texten är trasig")
        try:
            for committee, years in _mapping(data, "nämnderna").items():
                for year, given in _mapping(years, "åren").items():
                    numbers.setdefault(committee, {})[year] = [
                        _numbered(n) for n in _list(given)
                    ]
        except _Unexpected as exc:
            return cls(path, {}, str(exc), _find(text, exc.value))
        return cls(path, numbers)

    def diagnostic(self) -> Diagnostic:
        """E927: the register cannot be read; where and why."""
        line, col = self.problem_at
        return Diagnostic(
            display_path(self.path),
            line,
            col,
            "E927",
            f"paragrafregistret kan inte läsas: {self.problem}",
            f"återställ filen ur git (git checkout -- {REGISTER}) eller rätta "
            "raden; efter en sammanslagning med konflikt: behåll båda sidornas "
            "paragrafer",
        )

    def given(self, committee: str, year: int) -> list[Numbered]:
        return self.numbers.get(committee, {}).get(str(year), [])

    def numbers_for(self, result: MeetingResult, root: Path) -> dict[str, int]:
        """The § of each item of the meeting (by agenda number) that has one."""
        meeting = result.meeting
        assert meeting is not None
        day = meeting.date.isoformat()
        known = {
            n.what: n.paragraph
            for n in self.given(meeting.committee, meeting.date.year)
            if n.meeting == day
        }
        out = {}
        for entry in paragraph_entries(result):
            number = known.get(identity(entry, root))
            if number is not None:
                out[entry.number] = number
        return out

    def assign(self, result: MeetingResult, root: Path, first: int) -> list[Numbered]:
        """Give the next free numbers to the meeting's items that have none;
        return what was given."""
        meeting = result.meeting
        assert meeting is not None
        day = meeting.date.isoformat()
        year = self.numbers.setdefault(meeting.committee, {}).setdefault(
            str(meeting.date.year), []
        )
        taken = {(n.meeting, n.what) for n in year}
        highest = max((n.paragraph for n in year), default=first - 1)
        new = []
        for entry in paragraph_entries(result):
            what = identity(entry, root)
            if (day, what) in taken:
                continue
            highest += 1
            numbered = Numbered(highest, day, what)
            year.append(numbered)
            taken.add((day, what))
            new.append(numbered)
        return new

    def duplicates(self, committee: str, year: int) -> list[int]:
        seen: set[int] = set()
        twice = []
        for n in self.given(committee, year):
            if n.paragraph in seen:
                twice.append(n.paragraph)
            seen.add(n.paragraph)
        return sorted(set(twice))

    def text(self) -> str:
        data = {
            committee: {
                year: [
                    {"paragraf": n.paragraph, "sammanträde": n.meeting, "avser": n.what}
                    for n in sorted(given, key=lambda n: (n.paragraph, n.meeting))
                ]
                for year, given in sorted(years.items())
            }
            for committee, years in sorted(self.numbers.items())
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class _Unexpected(RemissError):  # noqa: N818 - said as E927
    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Unexpected(f"{what} ska vara nycklar med värden")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _Unexpected("ett år ska vara en lista med paragrafer")
    return value


MAX_PARAGRAPH = 99_999  # no nämnd gets near this in a year


def _numbered(item: Any) -> Numbered:
    if not isinstance(item, dict):
        raise _Unexpected("en paragraf ska ha 'paragraf', 'sammanträde' och 'avser'")
    number, day, what = (item.get(k) for k in ("paragraf", "sammanträde", "avser"))
    if (
        not isinstance(number, int)
        or isinstance(number, bool)
        or not 1 <= number <= MAX_PARAGRAPH
    ):
        raise _Unexpected(
            f"'paragraf' ska vara ett heltal från 1 till {MAX_PARAGRAPH}, "
            f"inte {json.dumps(number)[:40]}",
            number,
        )
    if not isinstance(day, str) or not isinstance(what, str):
        raise _Unexpected("'sammanträde' och 'avser' ska vara text", number)
    return Numbered(number, day, what)


def _find(text: str, value: Any) -> tuple[int, int]:
    """Return where `"paragraf": value` stands in the text, else (1, 1)."""
    if value is None:
        return (1, 1)
    found = re.search(r'"paragraf"\s*:\s*' + re.escape(json.dumps(value)), text)
    if found is None:
        return (1, 1)
    line = text.count("\n", 0, found.start()) + 1
    return (line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1)
