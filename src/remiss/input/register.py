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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    problem: str | None = None  # why the file could not be read

    @classmethod
    def load(cls, root: Path) -> Register:
        path = root / REGISTER
        numbers: dict[str, dict[str, list[Numbered]]] = {}
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(path, numbers)
        except (OSError, ValueError) as exc:
            return cls(path, numbers, problem=str(exc))
        try:
            for committee, years in _mapping(data).items():
                for year, given in _mapping(years).items():
                    numbers.setdefault(committee, {})[year] = [
                        Numbered(
                            int(n["paragraf"]), str(n["sammanträde"]), str(n["avser"])
                        )
                        for n in given
                    ]
        except (KeyError, TypeError, ValueError) as exc:
            return cls(path, {}, problem=f"oväntat innehåll ({exc})")
        return cls(path, numbers)

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


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("väntade nycklar")
    return value
