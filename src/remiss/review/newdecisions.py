"""The proposed decisions of an earlier document, for `remiss import --ny`.

One list under one heading is the usual shape. When decisions go to more
than one body they stand in groups, each under a heading of its own:
sub-headings under a common heading ("Förslag till beslut", then "Förslag
till kommunstyrelsen" and "Förslag till kommunfullmäktige"), or headings
of their own one after another with no common heading. A single decision
may be a paragraph without a number. Names in columns under the decisions
are the signatures.
"""

from __future__ import annotations

from collections.abc import Callable

from remiss.review.fixedheadings import plain
from remiss.review.newhead import is_role
from remiss.review.wordread import Block, WordPara, WordTable

Note = Callable[[str, str], None]
_SENTENCE_END = (".", "!", "?")


class Decisions:
    """The decisions found so far, in groups; the first group has no
    heading of its own until a second heading shows it was one."""

    def __init__(self) -> None:
        self.heading: str | None = None  # the heading over all decisions
        self.groups: list[tuple[str | None, list[str]]] = []
        self.signatures: list[dict[str, str]] = []

    @property
    def started(self) -> bool:
        return bool(self.groups)

    def start(self, heading: str) -> None:
        self.heading = heading
        self.groups = [(None, [])]

    def group(self, heading: str) -> None:
        """A heading over the decisions to one body, under the common one."""
        self.groups.append((heading, []))

    def sibling(self, heading: str) -> None:
        """A heading at the level of the first decisions heading: the first
        was the heading of one group, unless no decisions stood under it."""
        if len(self.groups) == 1 and self.groups[0][0] is None and self.groups[0][1]:
            self.groups[0] = (self.heading, self.groups[0][1])
            self.heading = None
        self.groups.append((heading, []))

    def part(self, block: Block, note: Note) -> None:
        """Take one block that stands among the decisions."""
        text = plain(block.text)
        if isinstance(block, WordPara) and block.listed and text:
            self.groups[-1][1].append(text)
            return
        if isinstance(block, WordPara) and ("\t" in block.text or "\n" in block.text):
            people = _people(block.text)
            if people:
                self.signatures.extend(people)
                return
        if isinstance(block, WordTable) and len(block.rows) == 1:
            # Signatures side by side in a table of one row, as remiss sets
            # them: read as the same block with tabs between the columns.
            columns = [cell.split("\n") for cell in block.rows[0]]
            height = max((len(c) for c in columns), default=0)
            people = _people(
                "\n".join(
                    "\t".join(c[i] if i < len(c) else "" for c in columns)
                    for i in range(height)
                )
            )
            if people:
                self.signatures.extend(people)
                return
        if (
            isinstance(block, WordPara)
            and not self.signatures
            and text.endswith(_SENTENCE_END)
        ):
            self.groups[-1][1].append(text)  # a decision without a number
            return
        note(f"texten ”{text[:60]}” bland förslagen till beslut fick ingen plats", "")

    def result(self, default: str, note: Note) -> tuple[list[object], str | None]:
        """Return `förslag_till_beslut` (texts, or (heading, texts) groups)
        and the heading that stood over them (None: the document had none)."""
        groups = [(h, d) for h, d in self.groups if h is not None or d]
        for heading, items in groups:
            if not items:
                note(
                    f"rubriken ”{heading}” bland förslagen till beslut har inga "
                    "beslut under sig och är utelämnad",
                    "",
                )
        groups = [(h, d) for h, d in groups if d]
        if not groups:
            return [], self.heading
        if len(groups) == 1 and groups[0][0] is None:
            return list(groups[0][1]), self.heading
        if self.heading is None:
            note(
                "förslagen till beslut står i grupper utan en gemensam rubrik; "
                f"dokumentet får rubriken ”{default}” över grupperna",
                "ändra rubriken med rubriker: förslag_till_beslut i ärendefilen",
            )
        if groups[0][0] is None:
            first = self.heading or default
            note(
                "förslagen till beslut före gruppernas rubriker står i en egen grupp "
                f"med rubriken ”{first}”",
                "ge gruppen rätt rubrik i ärendefilen",
            )
            groups[0] = (first, groups[0][1])
        return [(h, list(d)) for h, d in groups], self.heading


def _people(text: str) -> list[dict[str, str]]:
    """Return the persons of a signature block: per column (columns
    separated by tabs, lines by line breaks) a name and a title, with the
    role above them when one stands there ("Föredragande borgarråd")."""
    rows = [line.split("\t") for line in text.split("\n")]
    people = []
    for column in zip(*rows, strict=False):
        parts = [p.strip() for p in column if p.strip()]
        role = parts.pop(0) if parts and is_role(parts[0]) else ""
        if parts:
            person = {"namn": parts[0]}
            if role:
                person["roll"] = role
            if len(parts) > 1:
                person["titel"] = parts[1]
            people.append(person)
    return people
