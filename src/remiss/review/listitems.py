"""The lists of texts an import may add items to and remove items from: the
decisions (a plain list, or each group's `beslut`), the bilagor and
"Beslutet sänds till". A list is named by its key path, e.g.
`("förslag_till_beslut",)` or `("förslag_till_beslut", 1, "beslut")`;
each knows its items by their place in the list as typed.
"""

from __future__ import annotations

import re
from typing import Any

from remiss.review.importrun import LISTS, lookup
from remiss.review.wordread import Block, WordPara

DECISIONS = "förslag_till_beslut"
_ATTACHMENT_LINE = re.compile(r"^Bilaga \d+\.\s*")


class TextList:
    """A list of texts as an import changes it: items are known by their
    place in the list as typed, however many were removed or added before."""

    def __init__(self, values: list[Any]) -> None:
        self.original = list(values)
        self.entries: list[tuple[int | None, Any]] = list(enumerate(values))

    def set(self, index: int, value: str | None) -> None:
        """Give original item `index` a new text; None removes it."""
        for at, (origin, _old) in enumerate(self.entries):
            if origin == index:
                self.entries[at] = (origin, value)
                return

    def insert_after(self, index: int, value: str) -> None:
        """Add an item after original item `index` and the items added after
        it before."""
        at = next(
            (n + 1 for n, (origin, _v) in enumerate(self.entries) if origin == index),
            len(self.entries),
        )
        while at < len(self.entries) and self.entries[at][0] is None:
            at += 1
        self.entries.insert(at, (None, value))

    def values(self) -> list[Any]:
        return [value for _origin, value in self.entries if value is not None]

    def edits(self) -> dict[int, str] | None:
        """Return the new text of each changed item, or None when items
        were added or removed (then the list is written as a whole)."""
        if len(self.entries) != len(self.original) or any(
            origin is None or value is None for origin, value in self.entries
        ):
            return None
        return {
            origin: value
            for origin, value in self.entries
            if origin is not None and value != self.original[origin]
        }

    @property
    def changed(self) -> bool:
        return self.values() != self.original


def text_lists(data: Any) -> dict[tuple[Any, ...], TextList]:
    """Return every list of texts in the case as typed, by its key path."""
    out: dict[tuple[Any, ...], TextList] = {}
    for key in LISTS:
        values = lookup(data, (key,))
        if isinstance(values, list):
            out[(key,)] = TextList(values)
    groups = lookup(data, (DECISIONS,))
    for i, group in enumerate(groups if isinstance(groups, list) else []):
        decisions = lookup(group, ("beslut",))
        if isinstance(decisions, list):
            out[(DECISIONS, i, "beslut")] = TextList(decisions)
    return out


def is_item(path: tuple[Any, ...]) -> bool:
    """Whether a path is a whole item of a list of texts (`bilagor[2]`,
    `förslag_till_beslut[1].beslut[0]`), not a field inside an item with
    keys (a group's `rubrik`, an attachment's `titel`)."""
    if not path or path[0] not in LISTS:
        return False
    return len(path) == 2 or (len(path) == 4 and path[2] == "beslut")


def like_item(path: tuple[Any, ...], new: WordPara, shown: Block) -> bool:
    """Whether a new paragraph after the item at `path` (shown as `shown`)
    is one more item: a "Bilaga N." line among the bilagor; among the
    decisions a list item, or a paragraph after a decision that stands alone
    without a number."""
    if path[0] == "bilagor":
        return _ATTACHMENT_LINE.match(new.text.strip()) is not None
    if new.listed:
        return True
    return (
        path[0] == DECISIONS
        and isinstance(shown, WordPara)
        and not shown.listed
        and not shown.level
    )


def item_text(path: tuple[Any, ...], block: Block) -> str:
    text = block.text.strip()
    return _ATTACHMENT_LINE.sub("", text) if path[0] == "bilagor" else text
