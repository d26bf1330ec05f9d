"""A remissammanställning: who answered a remiss, when, and what they said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

# How a stance reads in a table: words, never the key.
STANCE_WORDS = {
    "tillstyrker": "Tillstyrker",
    "avstyrker": "Avstyrker",
    "delvis": "Tillstyrker delvis",
    "ingen_erinran": "Ingen erinran",
}
NO_STANCE = "Inget ställningstagande"


@dataclass(frozen=True)
class Answer:
    """One instans's answer, as the sammanställning shows it."""

    instans: str
    date: date
    stance: str | None
    gist: str
    late: bool
    confidential: bool
    source: str  # the answer's case file, relative to the project
    path: Path  # the same, resolved

    @property
    def stance_words(self) -> str:
        return STANCE_WORDS.get(self.stance or "", NO_STANCE)


@dataclass(frozen=True)
class Compilation:
    """The answers to one remiss, and who has not answered."""

    reference: str
    reply_by: date | None
    answers: tuple[Answer, ...]
    missing: tuple[str, ...] = ()

    @property
    def late(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.late)
