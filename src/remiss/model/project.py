"""The project's settings (`remiss.yaml`) and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from remiss.errors import Diagnostic
from remiss.model.types import Bool, Text, _Model
from remiss.resources import BUILTIN_LOOKS
from remiss.sourcemap import SourceMap


class ExtraWord(_Model):
    word: Text = Field(alias="ord", description="ordet eller frasen")
    plain: Text = Field(alias="ersätt", description="det enklare alternativet")
    forms: list[Text] = Field(
        default_factory=list, alias="böjningar", description="böjda former"
    )


class PlainLanguage(_Model):
    lix_limit: Annotated[float, Field(gt=0, le=100)] = Field(
        50, alias="lix_gräns", description="varna när LIX är högre"
    )
    sentence_limit: Annotated[int, Field(ge=5, le=200)] = Field(
        25, alias="meningslängd", description="varna för längre meningar (ord)"
    )
    words: list[ExtraWord] = Field(
        default_factory=list, alias="ord", description="kommunens egna ord"
    )


class ProjectConfig(_Model):
    defaults: dict[str, Any] = Field(
        default_factory=dict, alias="standard", description="standardvärden för ärenden"
    )
    reference_docx: Text | None = Field(
        None, alias="referensdokument", description="organisationens Word-mall"
    )
    reference_pattern: Text | None = Field(
        None, alias="diarienummer_mönster", description="reguljärt uttryck för Dnr"
    )
    pdfa: Bool = Field(False, alias="pdfa", description="PDF/A-2 för arkivet")
    plain_language: PlainLanguage = Field(
        default_factory=PlainLanguage, alias="klarspråk", description="klarspråk"
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
