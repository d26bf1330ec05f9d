"""`remiss diff` of two meeting files: what changed on the agenda, in Swedish.

Items are followed by what they are (the case file, the text, the group,
the heading), so an item that moved is said to have moved, an item that
only got a new number because others came or went is said to be
renumbered, and a case whose title changed is said to have a new title.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import PurePosixPath
from typing import Any

from remiss.errors import Diagnostic, UsageError
from remiss.input.meeting import AgendaEntry, load_agenda
from remiss.input.yaml import load_yaml_bytes
from remiss.model.schema import dump
from remiss.review.diff import compare_values
from remiss.review.revisions import Side


@dataclass(frozen=True)
class Item:
    """One line of an agenda, as compared."""

    key: str  # what the item is: its case file, text, group or heading
    kind: str
    number: str
    title: str
    parent: str = ""  # the group's title, for a sub-item
    confidential: bool = False
    public_title: str | None = None
    note: str | None = None

    @property
    def named(self) -> str:
        """The item as a sentence names it: `punkt 4 ”Val av justerare”`."""
        if self.kind == "rubrik":
            return f"rubriken ”{self.title}”"
        return f"punkt {self.number} ”{self.title}”"


@dataclass
class Agenda:
    fields: dict[str, Any]
    items: list[Item]


def load(side: Side) -> tuple[Agenda | None, list[Diagnostic]]:
    """Read one side's agenda; its cases are read only for their titles."""
    result = load_agenda(side.data, side.path, side.label)
    if result.meeting is None or not result.ok:
        return None, result.diagnostics
    fields = dump(result.meeting)
    fields.pop("punkter", None)
    items: list[Item] = []
    for entry in result.entries:
        items.append(_item(entry, side, ""))
        items.extend(_item(child, side, entry.title) for child in entry.children)
    return Agenda(fields, items), result.diagnostics


def _item(entry: AgendaEntry, side: Side, parent: str) -> Item:
    title = entry.title
    key = f"{entry.kind}:{title}"
    if entry.kind == "ärende":
        key = f"ärende:{PurePosixPath(entry.title).as_posix()}"
        title = _case_title(side, entry.title)
    return Item(
        key,
        entry.kind,
        entry.number,
        title,
        parent,
        entry.confidential,
        entry.public_title,
        entry.note,
    )


def _case_title(side: Side, name: str) -> str:
    """Return the case's `rubrik` in the same version, or its file name."""
    try:
        loaded = load_yaml_bytes(side.sibling(name).data, name)
    except UsageError:
        return name
    data = loaded.data
    title = data.get("rubrik") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else name


def describe_agenda(old: Agenda, new: Agenda) -> list[str]:
    """Return the differences between two agendas, one sentence each: the
    meeting's own fields first, then the items in the new agenda's order."""
    out: list[str] = []
    compare_values(old.fields, new.fields, "", out)
    said: list[tuple[int, str]] = []  # position on the new agenda, sentence

    def say(position: int, sentences: list[str]) -> None:
        said.extend((position, sentence) for sentence in sentences)

    old_keys, new_keys = _keys(old), _keys(new)
    matcher = SequenceMatcher(
        None, [i.key for i in old.items], [i.key for i in new.items], False
    )
    removed: list[tuple[int, Item]] = []
    added: dict[str, tuple[int, Item]] = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k, (a, b) in enumerate(
                zip(old.items[i1:i2], new.items[j1:j2], strict=False)
            ):
                say(j1 + k, _same_item(a, b))
            continue
        gone, came = list(old.items[i1:i2]), list(new.items[j1:j2])
        # A line edited in place (a text, a group's or a heading's wording) is
        # the same item changed, not one removed and another added.
        for k, (a, b) in enumerate(zip(gone, came, strict=False)):
            if (
                op == "replace"
                and a.kind == b.kind != "ärende"
                and a.key not in new_keys
                and b.key not in old_keys
            ):
                what = "rubriken" if a.kind == "rubrik" else f"punkt {b.number}"
                say(j1 + k, [f"{what} ändrad: ”{a.title}” → ”{b.title}”"])
                say(j1 + k, _same_item(a, b, title=False))
                gone[k] = came[k] = _DONE
        removed.extend((j1, a) for a in gone if a is not _DONE)
        added.update((b.key, (j1 + k, b)) for k, b in enumerate(came) if b is not _DONE)
    for position, a in removed:
        if a.key in added:
            where, b = added.pop(a.key)
            to = "" if a.kind == "rubrik" else f" till punkt {b.number}"
            say(where, [f"{a.named} flyttad{to}", *_same_item(a, b, number=False)])
        else:
            say(position, [f"{a.named} borttagen"])
    for where, b in added.values():
        say(where, [f"{b.named} tillagd"])
    said.sort(key=lambda pair: pair[0])  # stable: as said, within a position
    return out + [sentence for _, sentence in said]


_DONE = Item("", "", "", "")


def _keys(agenda: Agenda) -> set[str]:
    return {i.key for i in agenda.items}


def _same_item(
    a: Item, b: Item, *, number: bool = True, title: bool = True
) -> list[str]:
    """Say what changed in an item that is on both agendas."""
    out: list[str] = []
    if number and a.number != b.number:
        out.append(f"{a.named} har nu nummer {b.number}")
    where = b.named
    if title and a.title != b.title:
        out.append(f"{where}: ny rubrik (var ”{a.title}”)")
    if a.parent != b.parent:
        if b.parent:
            out.append(f"{where} ligger nu under ”{b.parent}”")
        else:
            out.append(f"{where} ligger inte längre under ”{a.parent}”")
    if a.confidential != b.confidential:
        state = "är nu" if b.confidential else "är inte längre"
        out.append(f"{where} {state} ett sekretessärende")
    if a.public_title != b.public_title:
        out.append(
            f"{where}, offentlig rubrik: {a.public_title or '(tom)'} → "
            f"{b.public_title or '(tom)'}"
        )
    if a.note != b.note:
        out.append(f"{where}, anteckning: {a.note or '(tom)'} → {b.note or '(tom)'}")
    return out
