"""`remiss import --ny`: a case file from a tjänsteutlåtande remiss did not write.

Kommuner hold thousands of earlier documents as .docx. Their shape is
customary: a header with förvaltning, Dnr and date; the title; the proposed
decisions under a heading ("Förvaltningens förslag till beslut", "Förslag
till beslut", "Kommunstyrelsen föreslår att kommunfullmäktige beslutar
följande"), as one list or in groups per body ("Förslag till
kommunstyrelsen", "Förslag till kommunfullmäktige"); then headed sections.
The fixed sections are recognised by their headings (`fixedheadings`), a
heading that differs from the project's is kept under `rubriker`, every
other heading becomes an `avsnitt`, and whatever finds no place is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from remiss.errors import WARNING, Diagnostic, NotADocx
from remiss.input.case import load_case_bytes
from remiss.model.project import Project
from remiss.review import mdmap
from remiss.review.fixedheadings import heading_key, is_group, plain, project_headings
from remiss.review.newdecisions import Decisions
from remiss.review.newhead import header_facts, motion_from_title
from remiss.review.newyaml import SECTIONS, case_yaml
from remiss.review.wordread import (
    Block,
    WordPara,
    WordTable,
    read_word,
    unreadable_docx,
)
from remiss.text.markdown import escape_inline, pipe_table

DECISIONS = "förslag_till_beslut"


@dataclass
class Made:
    text: str | None = None
    placed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Builder:
    def __init__(self, shown: str, headings: dict[str, str]) -> None:
        self.shown = shown
        self.headings = headings  # the project's fixed headings, by key
        self.found: list[Diagnostic] = []
        self.data: dict[str, object] = {}
        self.sections: dict[str, list[str]] = {}
        self.avsnitt: list[tuple[str, list[str]]] = []
        self.titles: dict[str, str] = {}  # the document's fixed headings, by key

    def note(self, message: str, hint: str = "") -> None:
        self.found.append(Diagnostic(self.shown, 0, 0, "W805", message, hint, WARNING))

    def known(self, text: str) -> bool:
        return heading_key(text, self.headings) is not None or is_group(text)


def new_case(
    data: bytes, shown: str, target: Path, project: Project, *, accept: bool = True
) -> Made:
    """Return a new case file's text made from an earlier document; None as
    text when it would not be a valid case (the reasons in diagnostics)."""
    made = Made()
    try:
        doc = read_word(data, accept=accept)
    except NotADocx as exc:
        made.diagnostics.append(unreadable_docx(shown, exc))
        return made
    builder = _Builder(shown, project_headings(project.config.defaults))
    blocks = _promote(doc.blocks, builder)
    title_at = next(
        (i for i, b in enumerate(blocks) if isinstance(b, WordPara) and b.level), None
    )
    if title_at is None:
        builder.note("dokumentet har inga rubriker, så det går inte att dela upp")
        made.diagnostics = builder.found
        return made
    head = [part for line in doc.headers for part in line.split("\t")]
    for block in blocks[:title_at]:
        if isinstance(block, WordTable):  # columns side by side, as remiss sets them
            head.extend(
                line for row in block.rows for cell in row for line in cell.split("\n")
            )
        else:
            head.extend(re.split(r"[\t\n]", block.text))
    builder.data.update(header_facts(head, doc.properties, builder.note))
    title = re.sub(r"^UTKAST:\s*", "", plain(blocks[title_at].text))
    builder.data["rubrik"] = title
    motion = motion_from_title(title)
    if motion is not None:
        builder.data["motion"] = motion
    _body(builder, blocks[title_at + 1 :])
    _required(builder)
    _headings(builder)
    text = case_yaml(builder.data, builder.sections, builder.avsnitt)
    made.diagnostics = builder.found
    checked = load_case_bytes(text.encode("utf-8"), str(target), project)
    errors = [d for d in checked.diagnostics if d.is_error]
    if errors or checked.case is None:
        made.diagnostics.extend(errors)
        return made
    made.text = text
    made.placed = re.findall(r"(?m)^([^\s#:][^:]*):", text)
    return made


def _bold_line(block: WordPara) -> bool:
    text = block.text.strip()
    return (
        bool(text)
        and len(text) <= 120
        and "\n" not in text
        and "\t" not in text
        and not text.endswith((".", ":", ","))
        and all(r.bold for r in block.runs if r.text.strip())
    )


def _promote(blocks: list[Block], b: _Builder) -> list[Block]:
    """Older documents often set headings as bold lines of body text: such a
    line, or a line that is one of the customary headings, is read as a
    heading; the first bold line before them as the title."""
    styled = [b.level for b in blocks if isinstance(b, WordPara) and b.level]
    section = max(min(styled), 2) if styled else 2
    if styled and min(styled) == 1 and len(set(styled)) > 1:
        section = sorted(set(styled))[1]
    out: list[Block] = []
    titled = bool(styled)
    for block in blocks:
        if isinstance(block, WordPara) and not block.level and not block.listed:
            text = " ".join(block.text.split())
            if b.known(text) and len(text) <= 90 and not text.endswith("."):
                block = WordPara(
                    block.runs, block.style, section, False, block.comments
                )
                titled = True
            elif _bold_line(block):
                level = section if titled else 1
                block = WordPara(block.runs, block.style, level, False, block.comments)
                titled = True
        out.append(block)
    return out


def _body(b: _Builder, blocks: list[Block]) -> None:
    heading_levels = [x.level for x in blocks if isinstance(x, WordPara) and x.level]
    top = min(heading_levels) if heading_levels else 0
    current: list[str] | None = None
    kind = ""
    decisions = Decisions()
    first = True
    for block in blocks:
        if isinstance(block, WordPara) and block.level == top:
            text = plain(block.text)
            key = heading_key(text, b.headings)
            first = False
            if kind == "decisions" and is_group(text):
                decisions.sibling(text)
            elif (
                (key == DECISIONS or is_group(text))
                and not decisions.started
                and not b.sections
                and not b.avsnitt
            ):
                decisions.start(text)
                kind, current = "decisions", None
            elif key in SECTIONS and _in_order(b, key):
                b.titles[key] = text
                kind, current = key, b.sections.setdefault(key, [])
            elif key in ("bilagor", "beslut_sänds_till") and key not in b.titles:
                b.titles[key] = text
                kind, current = key, None
            else:
                current = []
                b.avsnitt.append((text, current))
                kind = "avsnitt"
            continue
        if first and isinstance(block, WordPara) and block.style.lower() == "subtitle":
            b.data["underrubrik"] = plain(block.text)
            continue
        if kind == "decisions":
            if isinstance(block, WordPara) and block.level:
                decisions.group(plain(block.text))
            else:
                decisions.part(block, b.note)
        elif kind in ("bilagor", "beslut_sänds_till") and isinstance(block, WordPara):
            for line in block.text.split("\n"):  # items may be lines of one paragraph
                item = plain(line)
                if kind == "bilagor":
                    item = re.sub(r"^Bilaga \d+[.:]?\s*", "", item)
                if item:
                    b.data.setdefault(kind, []).append(item)  # type: ignore[union-attr,attr-defined]
        elif current is not None:
            current.append(_markdown(block, top))
        elif isinstance(block, WordPara) and kind == "" and len(block.text) < 200:
            b.data.setdefault("underrubrik", plain(block.text))
        else:
            b.note(f"texten ”{block.text.strip()[:60]}” fick ingen plats i ärendet")
    found, heading = decisions.result(b.headings[DECISIONS], b.note)
    if found:
        b.data[DECISIONS] = found
    if heading is not None:
        b.titles[DECISIONS] = heading
    if decisions.signatures:
        b.data["underskrifter"] = decisions.signatures


def _in_order(b: _Builder, key: str) -> bool:
    """Whether a fixed section can stand where the template puts it: after
    the fixed sections before it and before any other section. Otherwise it
    becomes an `avsnitt` with its heading, so that the order stays."""
    if b.avsnitt or key in b.sections:
        return False
    return all(SECTIONS.index(k) < SECTIONS.index(key) for k in b.sections)


def _headings(b: _Builder) -> None:
    """Keep under `rubriker` each fixed heading the document writes otherwise
    than the project does, so the case renders with the document's headings."""
    own = {
        key: b.titles[key]
        for key in b.headings
        if key in b.titles and b.titles[key] != b.headings[key]
    }
    if own:
        b.data["rubriker"] = own


def _markdown(block: Block, top: int) -> str:
    if isinstance(block, WordTable):
        header, *rows = block.rows
        numeric = [
            all(re.fullmatch(r"[−-]?[\d\s\u00a0,%]+", r[c] or "0") for r in rows)
            if rows
            else False
            for c in range(len(header))
        ]
        return pipe_table(
            header, [r + [""] * (len(header) - len(r)) for r in rows], numeric
        )
    if block.level:
        marks = "#" * min(block.level - top + 2, 6)
        return f"{marks} {escape_inline(' '.join(block.text.split()))}"
    if block.listed:
        marker = "1. " if "number" in block.style.lower() else "- "
        return marker + mdmap.wrap(
            mdmap.runs_markdown(block.runs), 76, " " * len(marker)
        )
    return mdmap.wrap(mdmap.runs_markdown(block.runs), 76)


def _required(b: _Builder) -> None:
    placeholders = {
        "diarienummer": "saknas",
        "datum": "2000-01-01",
        "nämnd": "Nämnden",
        "förvaltning": "Förvaltningen",
    }
    for key, value in placeholders.items():
        if key not in b.data:
            b.data[key] = value
            b.note(
                f"{key} hittades inte i dokumentet; ”{value}” står i stället",
                f"skriv rätt {key} i den nya ärendefilen",
            )
    if "handläggare" not in b.data:
        b.data["handläggare"] = [{"namn": "Handläggare"}]
        b.note("ingen handläggare hittades", "skriv handläggaren i ärendefilen")
    if DECISIONS not in b.data:
        b.data[DECISIONS] = ["Förslag till beslut saknas."]
        b.note("inga förslag till beslut hittades", "skriv dem i ärendefilen")
    if "sammanfattning" not in b.sections:
        b.sections["sammanfattning"] = ["Sammanfattning saknas."]
        b.note("ingen Sammanfattning hittades", "skriv en i ärendefilen")
