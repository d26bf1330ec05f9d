"""The project's settings (`remiss.yaml`) and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.errors import Diagnostic
from remiss.model import schema
from remiss.model.kinds import AnyValue, DictOf, ListOf, Nested, Optional
from remiss.model.schema import model
from remiss.model.types import BOOL, TEXT, number
from remiss.resources import BUILTIN_LOOKS
from remiss.sourcemap import SourceMap


@model(title="Eget ord")
class ExtraWord:
    word: str = schema.field("ord", TEXT, "ordet eller frasen")
    plain: str = schema.field("ersätt", TEXT, "det enklare alternativet")
    forms: list[str] = schema.field(
        "böjningar", ListOf(TEXT), "böjda former", factory=list
    )


@model(title="Klarspråk")
class PlainLanguage:
    lix_limit: float = schema.field(
        "lix_gräns",
        number(False, gt=0, le=100),
        "varna när LIX är högre",
        default=50,
    )
    sentence_limit: int = schema.field(
        "meningslängd",
        number(True, ge=5, le=200),
        "varna för längre meningar (ord)",
        default=25,
    )
    words: list[ExtraWord] = schema.field(
        "ord", ListOf(Nested(ExtraWord)), "kommunens egna ord", factory=list
    )


@model(title="Kontaktuppgifter")
class Contact:
    """The administration's address and contacts, shown in the page footer."""

    visiting: str | None = schema.field(
        "besöksadress", Optional(TEXT), "gatuadress för besök", default=None
    )
    postal: str | None = schema.field(
        "postadress", Optional(TEXT), "postadress med postnummer", default=None
    )
    phone: str | None = schema.field(
        "telefon", Optional(TEXT), "växel eller förvaltningens nummer", default=None
    )
    email: str | None = schema.field(
        "e-post", Optional(TEXT), "förvaltningens e-postadress", default=None
    )
    web: str | None = schema.field(
        "webbplats", Optional(TEXT), "kommunens webbplats", default=None
    )

    def address_line(self) -> str:
        """Return the footer's address line ("" when nothing is given)."""
        parts = []
        if self.visiting:
            parts.append(f"Besöksadress {self.visiting}")
        if self.postal:
            parts.append(f"Postadress {self.postal}")
        return " · ".join(parts)

    def contact_line(self) -> str:
        """Return the footer's line of telephone, e-mail and web site."""
        parts = [f"Telefon {self.phone}"] if self.phone else []
        parts += [p for p in (self.email, self.web) if p]
        return " · ".join(parts)


@model(title="Projektinställningar (remiss.yaml)")
class ProjectConfig:
    defaults: dict[str, Any] = schema.field(
        "standard",
        DictOf(AnyValue()),
        "standardvärden för ärenden",
        factory=dict,
    )
    reference_docx: str | None = schema.field(
        "referensdokument", Optional(TEXT), "organisationens Word-mall", default=None
    )
    reference_pattern: str | None = schema.field(
        "diarienummer_mönster",
        Optional(TEXT),
        "reguljärt uttryck för Dnr",
        default=None,
    )
    pdfa: bool = schema.field("pdfa", BOOL, "PDF/A-2 för arkivet", default=False)
    contact: Contact = schema.field(
        "kontaktuppgifter",
        Nested(Contact),
        "förvaltningens adress och kontakt i sidfoten",
        factory=Contact,
    )
    plain_language: PlainLanguage = schema.field(
        "klarspråk", Nested(PlainLanguage), "klarspråk", factory=PlainLanguage
    )


@dataclass
class Project:
    """A project root, its settings, and where its settings came from."""

    root: Path
    config: ProjectConfig = field(default_factory=ProjectConfig)
    source: SourceMap | None = None
    file: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def reference_docx(self) -> Path | None:
        """Return the configured reference document: a path, or a built-in look."""
        name = self.config.reference_docx
        if not name:
            return None
        if name in BUILTIN_LOOKS:
            return BUILTIN_LOOKS[name]
        return (self.root / name).resolve()
