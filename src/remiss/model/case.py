"""The validated case: models with the Swedish keys of the case format.

Every scalar arrives as text (see `input.yaml`); the kinds in `model.types`
decide what it means, with messages a handläggare can act on.
"""

from __future__ import annotations

import datetime
import re
from datetime import date
from pathlib import Path
from typing import Any

from remiss.model.kinds import Before, Choice, DictOf, Either, ListOf, Nested, Optional
from remiss.model.schema import Invalid, field, model, specs
from remiss.model.types import BOOL, CELL, DATE, MARKDOWN, TEXT, _bool, number

OPTIONAL_TEXT = Optional(TEXT)


TEXTS = ListOf(TEXT)


@model(title="Person (handläggare eller underskrift)")
class Person:
    """A handläggare, or someone who signs."""

    name: str = field("namn", TEXT, "för- och efternamn")
    title: str | None = field("titel", OPTIONAL_TEXT, "befattning", default=None)
    phone: str | None = field("telefon", OPTIONAL_TEXT, "telefonnummer", default=None)
    email: str | None = field("e-post", OPTIONAL_TEXT, "e-postadress", default=None)
    role: str | None = field(
        "roll",
        OPTIONAL_TEXT,
        "etiketten före namnet, t.ex. Föredragande borgarråd "
        "(för handläggare annars Handläggare)",
        default=None,
    )


@model(title="Remiss")
class Referral:
    """The remiss the case answers."""

    sender: str = field("från", TEXT, "den som skickat remissen")
    title: str | None = field(
        "titel", OPTIONAL_TEXT, "det som remitterats, om ingen motion", default=None
    )
    reference: str | None = field(
        "diarienummer", OPTIONAL_TEXT, "avsändarens diarienummer", default=None
    )
    reply_by: date | None = field(
        "svar_senast", Optional(DATE), "sista dag för svar", default=None
    )
    also_to: list[str] = field(
        "även_till", TEXTS, "andra remissinstanser", factory=list
    )
    gist: str | None = field(
        "huvudsynpunkt",
        OPTIONAL_TEXT,
        "svarets huvudsynpunkt i ett stycke, för remissammanställningen",
        default=None,
    )


@model(title="Remissammanställning")
class CompilationSpec:
    """Where a case summarises the answers to a remiss it sent out."""

    reference: str | None = field(
        "diarienummer",
        OPTIONAL_TEXT,
        "remissens diarienummer, som svaren anger under remiss.diarienummer; "
        "utan det ärendets eget",
        default=None,
    )
    expected: list[str] = field(
        "instanser", TEXTS, "instanserna som fått remissen", factory=list
    )
    reply_by: date | None = field(
        "svar_senast", Optional(DATE), "sista dag för svar", default=None
    )
    files: list[str] = field(
        "ärenden",
        TEXTS,
        "svarens ärendefiler, relativt ärendefilen; utan dem söks projektet igenom",
        factory=list,
    )


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


@model(title="Motionär")
class Mover:
    """One who wrote the motion."""

    name: str = field("namn", TEXT, "motionärens namn")
    party: str | None = field(
        "parti", OPTIONAL_TEXT, "partiförkortning", default=None, after=_upper
    )


_MOTION_NUMBER = re.compile(r"\d{4}:\d+")


def _motion_number(value: str | None) -> str | None:
    if value is not None and not _MOTION_NUMBER.fullmatch(value):
        raise Invalid(
            "remiss_motion_number",
            "'{text}' är inget motionsnummer på formen ÅÅÅÅ:N",
            {"text": value},
        )
    return value


@model(title="Motion")
class Motion:
    """The motion the case is about."""

    number: str | None = field(
        "nummer",
        OPTIONAL_TEXT,
        "motionens nummer, ÅÅÅÅ:N, om kommunen numrerar motioner",
        default=None,
        after=_motion_number,
        schema={
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d{4}:\d+\s*$"},
                {"type": "null"},
            ]
        },
    )
    title: str | None = field("titel", OPTIONAL_TEXT, "motionens titel", default=None)
    movers: list[Mover] = field(
        "motionärer", ListOf(Nested(Mover)), "motionärer", factory=list
    )
    demands: list[str] = field("yrkanden", TEXTS, "motionens att-satser", factory=list)


@model(title="Avsnitt")
class Section:
    """A section of its own, with heading and text."""

    heading: str = field("rubrik", TEXT, "avsnittets rubrik")
    text: str = field("text", MARKDOWN, "avsnittets text (Markdown)")


@model(title="Bilaga")
class Attachment:
    """An attachment with a file of its own, appended after the case."""

    title: str = field("titel", TEXT, "bilagans titel")
    file: str | None = field(
        "fil",
        OPTIONAL_TEXT,
        "PDF-fil i projektet, räknat från ärendefilens mapp",
        default=None,
    )


@model(title="Förslag till ett organ")
class DecisionGroup:
    """Decisions proposed to one body, under a heading of their own."""

    heading: str = field("rubrik", TEXT, "t.ex. Förslag till kommunfullmäktige")
    decisions: list[str] = field(
        "beslut", ListOf(TEXT, min_items=1), "besluten", after=lambda v: _not_empty(v)
    )


# The fixed headings of a tjänsteutlåtande, by their key under `rubriker`.
HEADINGS = {
    "förslag_till_beslut": "Förvaltningens förslag till beslut",
    "sammanfattning": "Sammanfattning",
    "bakgrund": "Bakgrund",
    "ärendet": "Ärendet",
    "beredning": "Ärendets beredning",
    "synpunkter": "Förvaltningens synpunkter och förslag",
    "bilagor": "Bilagor",
    "beslut_sänds_till": "Beslutet sänds till",
}


def _heading(key: str) -> Any:
    return field(key, TEXT, f"rubriken, annars {HEADINGS[key]}", default=HEADINGS[key])


@model(title="Rubriker")
class Headings:
    """The text of the fixed headings, where a kommun writes them otherwise."""

    decisions: str = _heading("förslag_till_beslut")
    summary: str = _heading("sammanfattning")
    background: str = _heading("bakgrund")
    matter: str = _heading("ärendet")
    preparation: str = _heading("beredning")
    views: str = _heading("synpunkter")
    attachments: str = _heading("bilagor")
    send_to: str = _heading("beslut_sänds_till")

    def by_key(self) -> dict[str, str]:
        """Return the headings by their key under `rubriker`."""
        return {s.alias: getattr(self, s.name) for s in specs(Headings)}


@model(title="Beräknad kolumn")
class Computed:
    """A column remiss computes: a share of the total, or a change."""

    kind: str = field(
        "typ",
        Choice("andel", "förändring"),
        "andel av summan, eller förändring mellan kolumner",
    )
    column: str | None = field(
        "kolumn", OPTIONAL_TEXT, "kolumnen (andel)", default=None
    )
    start: str | None = field("från", OPTIONAL_TEXT, "från kolumn", default=None)
    end: str | None = field("till", OPTIONAL_TEXT, "till kolumn", default=None)
    heading: str | None = field("rubrik", OPTIONAL_TEXT, "kolumnrubrik", default=None)
    decimals: int = field(
        "decimaler", number(True, ge=0, le=4), "antal decimaler", default=0
    )
    percent: bool = field("procent", BOOL, "förändring i procent", default=False)


@model(title="Tabell")
class Table:
    """A statistics table."""

    heading: str = field("rubrik", TEXT, "tabellens rubrik")
    columns: list[str] = field("kolumner", ListOf(TEXT, min_items=1), "kolumnrubriker")
    rows: list[list[str | int | float]] = field(
        "rader", ListOf(ListOf(CELL)), "tabellens rader"
    )
    source: str | None = field(
        "källa", OPTIONAL_TEXT, "källa under tabellen", default=None
    )
    total: bool = field("summa", BOOL, "lägg till en summarad", default=False)
    unit: str | None = field("enhet", OPTIONAL_TEXT, "enhet för talen", default=None)
    section: str = field(
        "avsnitt", TEXT, "avsnittet tabellen står sist i", default="ärendet"
    )
    computed: list[Computed] = field(
        "beräknade_kolumner",
        ListOf(Nested(Computed)),
        "kolumner som remiss räknar ut",
        factory=list,
    )
    chart: str | None = field(
        "diagram",
        Optional(Choice("stapel", "linje")),
        "diagram: stapel eller linje",
        default=None,
    )

    def _check(self) -> None:
        if len(self.columns) < 1:
            raise Invalid("remiss_empty", "kolumner saknas")

    def row_lengths_ok(self) -> list[int]:
        """Return the indexes of rows whose cell count differs from the columns."""
        width = len(self.columns)
        return [i for i, row in enumerate(self.rows) if len(row) != width]

    def numeric_columns(self) -> list[bool]:
        """Return, per column, whether every filled cell in it is a number."""
        out = []
        for index in range(len(self.columns)):
            cells = [row[index] for row in self.rows if index < len(row)]
            filled = [c for c in cells if c != ""]
            out.append(
                bool(filled) and all(isinstance(c, (int, float)) for c in filled)
            )
        return out


@model(title="Sekretess")
class Confidential:
    """Secrecy: `sekretess: ja`, or keys with its ground."""

    ground: str | None = field("grund", OPTIONAL_TEXT, "sekretessgrund", default=None)


def _confidential(value: Any) -> Any:
    """Read `sekretess: ja` as {} (secret, no ground given), `nej` as None."""
    if isinstance(value, dict) or value is None:
        return value
    return {} if _bool(value) else None


STATUS = ("utkast", "klar", "beslutad")


STANCE = ("tillstyrker", "avstyrker", "delvis", "ingen_erinran")


# The stance in words, after the förvaltning's name and before the object.
_STANCE_WORDS = {
    "tillstyrker": "tillstyrker {object}",
    "avstyrker": "avstyrker {object}",
    "delvis": "tillstyrker {object} delvis",
    "ingen_erinran": "har ingen erinran mot {object}",
}


SECTION_KEYS = ("sammanfattning", "bakgrund", "ärendet", "beredning", "synpunkter")


def _not_empty(value: list[Any]) -> list[Any]:
    if not value:
        raise Invalid("remiss_empty_list", "listan är tom")
    return value


@model(title="Ärende")
class Case:
    """One ärende, as the case format describes it."""

    reference: str = field("diarienummer", TEXT, "nämndens Dnr")
    date: date = field("datum", DATE, "dokumentets datum")
    committee: str = field("nämnd", TEXT, "nämnden som får ärendet")
    meeting: datetime.date | None = field(
        "sammanträde", Optional(DATE), "mötesdatum", default=None
    )
    administration: str = field("förvaltning", TEXT, "förvaltningen")
    unit: str | None = field("avdelning", OPTIONAL_TEXT, "avdelningen", default=None)
    doc_type: str = field(
        "dokumenttyp", TEXT, "etikett i sidhuvudet", default="Tjänsteutlåtande"
    )
    template: str = field("mall", TEXT, "mallnamn", default="tjansteutlatande")
    status: str = field("status", Choice(*STATUS), "ärendets status", default="utkast")
    confidential: Confidential | None = field(
        "sekretess",
        Before(
            _confidential,
            Optional(Nested(Confidential)),
            BOOL.schema,
        ),
        "sekretessärende",
        default=None,
    )
    officers: list[Person] = field(
        "handläggare",
        ListOf(Nested(Person), min_items=1),
        "handläggare",
        after=_not_empty,
    )
    signatories: list[Person] = field(
        "underskrifter", ListOf(Nested(Person)), "underskrifter", factory=list
    )
    title: str = field("rubrik", TEXT, "ärendets rubrik")
    subtitle: str | None = field(
        "underrubrik", OPTIONAL_TEXT, "underrubrik", default=None
    )
    referral: Referral | None = field(
        "remiss", Optional(Nested(Referral)), "remissen", default=None
    )
    motion: Motion | None = field(
        "motion", Optional(Nested(Motion)), "motionen", default=None
    )
    compilation: CompilationSpec | None = field(
        "remissammanställning",
        Optional(Nested(CompilationSpec)),
        "sammanställ svaren på en remiss som ärendet gäller",
        default=None,
    )
    stance: str | None = field(
        "ställningstagande",
        Optional(Choice(*STANCE)),
        "förvaltningens ställningstagande",
        default=None,
    )
    decisions: list[str | DecisionGroup] = field(
        "förslag_till_beslut",
        ListOf(
            Either(TEXT, Nested(DecisionGroup)),
            min_items=1,
            uniform="listan blandar beslut och grupper med 'rubrik' och 'beslut'",
        ),
        "förslag till beslut: beslut, eller grupper med rubrik och beslut",
        after=_not_empty,
    )
    summary: str = field("sammanfattning", MARKDOWN, "sammanfattning")
    background: str | None = field(
        "bakgrund", Optional(MARKDOWN), "bakgrund", default=None
    )
    matter: str | None = field("ärendet", Optional(MARKDOWN), "ärendet", default=None)
    preparation: str | None = field(
        "beredning", Optional(MARKDOWN), "ärendets beredning", default=None
    )
    views: str | None = field(
        "synpunkter",
        Optional(MARKDOWN),
        "förvaltningens synpunkter och förslag",
        default=None,
    )
    sections: list[Section] = field(
        "avsnitt", ListOf(Nested(Section)), "fler avsnitt", factory=list
    )
    statistics: dict[str, Table] = field(
        "statistik", DictOf(Nested(Table)), "tabeller", factory=dict
    )
    attachments: list[str | Attachment] = field(
        "bilagor",
        ListOf(Either(TEXT, Nested(Attachment))),
        "bilagor: en titel, eller titel och fil",
        factory=list,
    )
    send_to: list[str] = field(
        "beslut_sänds_till", TEXTS, "mottagare av beslutet", factory=list
    )
    headings: Headings = field(
        "rubriker", Nested(Headings), "de fasta rubrikernas text", factory=Headings
    )

    @property
    def is_confidential(self) -> bool:
        return self.confidential is not None

    @property
    def decision_groups(self) -> list[tuple[str | None, list[str]]]:
        """Return the decisions as (heading, decisions) per body; a plain
        list is one group without a heading."""
        if all(isinstance(d, DecisionGroup) for d in self.decisions):
            return [(g.heading, list(g.decisions)) for g in self.decisions]  # type: ignore[union-attr]
        return [(None, [str(d) for d in self.decisions])]

    @property
    def decision_texts(self) -> list[tuple[tuple[Any, ...], str]]:
        """Return every decision with its key path in the case file."""
        out: list[tuple[tuple[Any, ...], str]] = []
        for i, item in enumerate(self.decisions):
            if isinstance(item, DecisionGroup):
                key = ("förslag_till_beslut", i, "beslut")
                out.extend(((*key, j), text) for j, text in enumerate(item.decisions))
            else:
                out.append((("förslag_till_beslut", i), item))
        return out

    @property
    def attachment_titles(self) -> list[str]:
        """Return the title of every attachment, in order."""
        return [a.title if isinstance(a, Attachment) else a for a in self.attachments]

    def attachment_files(self, case_folder: Path) -> list[Path]:
        """Return the PDF files of the attachments that have one, in order.

        `case_folder` is the folder of the case file, which `fil` is counted
        from. A loaded case's files exist, are PDFs and lie inside the project
        (see `input.attachments`), so they may be appended as they are.
        """
        return [
            case_folder / a.file
            for a in self.attachments
            if isinstance(a, Attachment) and a.file
        ]

    @property
    def stance_text(self) -> str | None:
        """Return the stance in words, e.g. "Socialförvaltningen avstyrker
        motionen", or None when the case takes none."""
        if self.stance is None:
            return None
        thing = "motionen" if self.motion is not None else "förslaget"
        words = _STANCE_WORDS[self.stance].replace("{object}", thing)
        return f"{self.administration} {words}"


CASE_FIELDS: dict[str, str] = {s.alias: s.description for s in specs(Case)}
