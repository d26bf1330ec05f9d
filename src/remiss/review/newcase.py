"""`remiss import --ny`: a case file from a tjänsteutlåtande remiss did not write.

Kommuner hold thousands of earlier documents as .docx. Their shape is
customary: a header with förvaltning, Dnr and date; the title; the proposed
decisions as a numbered list under "Förvaltningens förslag till beslut" (or
"Förslag till beslut", or "Kommunstyrelsen föreslår att kommunfullmäktige
beslutar följande"); then headed sections. The fixed sections are recognised
by their headings, every other heading becomes an `avsnitt`, and whatever
finds no place is listed. A heading for the decisions other than remiss's
own is kept under `rubriker:`, and decisions under headings of their own
("Förslag till kommunstyrelsen") become groups, as case format 1.1 has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.errors import WARNING, Diagnostic, NotADocx
from remiss.input.case import load_case_bytes
from remiss.model.case import HEADINGS
from remiss.model.project import Project
from remiss.review import mdmap
from remiss.review.wordread import (
    Block,
    WordPara,
    WordTable,
    read_word,
    unreadable_docx,
)
from remiss.review.yamledit import _scalar_text
from remiss.text.markdown import escape_inline, pipe_table

FIXED = {
    "sammanfattning": "sammanfattning",
    "bakgrund": "bakgrund",
    "ärendet": "ärendet",
    "ärendets beredning": "beredning",
    "förvaltningens synpunkter och förslag": "synpunkter",
}
_DECISIONS = re.compile(
    r"förslag till beslut|föreslår att .*besluta|beslutar följande|förslag till \w+$",
    re.I,
)
_GROUP = re.compile(r"^förslag till (\w+)$", re.I)
_ROLE = re.compile(
    r"^(Föredragande borgarråd|Föredragande|Kontaktperson|Ansvarig tjänsteperson):"
    r"\s*(.+)$"
)
_ATTACHMENTS = re.compile(r"^bilagor?$", re.I)
_SEND_TO = re.compile(r"^beslut(et)? sänds till$", re.I)
_DNR = re.compile(r"\bDnr\.?:?\s*(\S+(?:\s\d\S*)?)")
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober "
    "november december"
).split()
_PROSE_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b", re.I)
_ADMIN = re.compile(r"^([\wåäöÅÄÖ-]*(?:förvaltningen|kontoret|förvaltning))$", re.I)
_ORDER = ("sammanfattning", "bakgrund", "ärendet", "beredning", "synpunkter")


@dataclass
class Made:
    text: str | None = None
    placed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Builder:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.found: list[Diagnostic] = []
        self.data: dict[str, object] = {}
        self.sections: dict[str, list[str]] = {}
        self.avsnitt: list[tuple[str, list[str]]] = []

    def note(self, message: str, hint: str = "") -> None:
        self.found.append(Diagnostic(self.shown, 0, 0, "W805", message, hint, WARNING))


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
    builder = _Builder(shown)
    blocks = _promote(doc.blocks)
    title_at = next(
        (i for i, b in enumerate(blocks) if isinstance(b, WordPara) and b.level), None
    )
    if title_at is None:
        builder.note("dokumentet har inga rubriker, så det går inte att dela upp")
        made.diagnostics = builder.found
        return made
    head = [part for line in doc.headers for part in line.split("\t")]
    for block in blocks[:title_at]:
        head.extend(re.split(r"[\t\n]", block.text))
    _header(builder, head, doc.properties)
    builder.data["rubrik"] = " ".join(blocks[title_at].text.split())
    _body(builder, blocks[title_at + 1 :])
    _required(builder)
    text = _yaml(builder)
    made.diagnostics = builder.found
    checked = load_case_bytes(text.encode("utf-8"), str(target), project)
    errors = [d for d in checked.diagnostics if d.is_error]
    if errors or checked.case is None:
        made.diagnostics.extend(errors)
        return made
    made.text = text
    made.placed = re.findall(r"(?m)^([^\s#:][^:]*):", text)
    return made


def _known_heading(text: str) -> bool:
    return bool(
        text.lower() in FIXED
        or _DECISIONS.search(text)
        or _ATTACHMENTS.match(text)
        or _SEND_TO.match(text)
    )


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


def _promote(blocks: list[Block]) -> list[Block]:
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
            if _known_heading(text) and len(text) <= 90 and not text.endswith("."):
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


def _header(b: _Builder, lines: list[str], props: dict[str, str]) -> None:
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    officers: list[dict[str, str]] = []
    for line in lines:
        if "diarienummer" not in b.data and (m := _DNR.search(line)):
            b.data["diarienummer"] = m.group(1).strip()
        elif "datum" not in b.data and (m := _DATE.search(line)):
            b.data["datum"] = m.group(1)
        elif m := re.match(r"^Handläggare:?\s*(.+)$", line, re.I):
            officers.append({"namn": m.group(1).strip()})
        elif m := _ROLE.match(line):  # format 1.1: the label before the name
            officers.append({"namn": m.group(2).strip(), "roll": m.group(1)})
        elif officers and (m := re.match(r"^Telefon:?\s*(.+)$", line, re.I)):
            officers[-1]["telefon"] = m.group(1).strip()
        elif officers and (m := re.match(r"^E-post:?\s*(.+)$", line, re.I)):
            officers[-1]["e-post"] = m.group(1).strip()
        elif m := re.match(r"^Till\s+(.+)$", line):
            b.data["nämnd"] = m.group(1).strip()
        elif m := re.match(r"^Sammanträde:?\s*(\d{4}-\d{2}-\d{2})$", line, re.I):
            b.data["sammanträde"] = m.group(1)
        elif "förvaltning" not in b.data and _ADMIN.match(line):
            b.data["förvaltning"] = line
        elif line.lower().startswith("avdelningen") and "avdelning" not in b.data:
            b.data["avdelning"] = line
        elif line in ("Tjänsteutlåtande", "Utlåtande") or line.startswith("Sida"):
            if line == "Utlåtande":
                b.data["dokumenttyp"] = line
        elif officers and len(officers[-1]) == 1 and not any(c.isdigit() for c in line):
            officers[-1]["titel"] = line
        else:
            b.note(f"raden ”{line}” i sidhuvudet fick ingen plats i ärendet")
    if "datum" not in b.data:
        for line in lines:
            if m := _PROSE_DATE.search(line):
                month = _MONTHS.index(m.group(2).lower()) + 1
                b.data["datum"] = f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
                break
    if "datum" not in b.data and props.get("created", "")[:10]:
        b.data["datum"] = props["created"][:10]
    if officers:
        b.data["handläggare"] = officers


def _body(b: _Builder, blocks: list[Block]) -> None:
    heading_levels = [x.level for x in blocks if isinstance(x, WordPara) and x.level]
    top = min(heading_levels) if heading_levels else 0
    current: list[str] | None = None
    kind = ""
    decisions = _Decisions()
    first = True
    for block in blocks:
        if isinstance(block, WordPara) and block.level == top:
            text = " ".join(block.text.split())
            key = FIXED.get(text.lower())
            first = False
            if (
                _DECISIONS.search(text)
                and not b.sections
                and not b.avsnitt
                and (kind in ("", "decisions"))
            ):
                if kind == "decisions" or _is_group(text):
                    decisions.start(b, text)
                elif text != HEADINGS["förslag_till_beslut"]:
                    b.data["rubriker"] = {"förslag_till_beslut": text}
                kind, current = "decisions", None
            elif key is not None and _in_order(b, key):
                kind, current = key, b.sections.setdefault(key, [])
            elif _ATTACHMENTS.match(text):
                kind, current = "bilagor", None
            elif _SEND_TO.match(text):
                kind, current = "beslut_sänds_till", None
            else:
                current = []
                b.avsnitt.append((text, current))
                kind = "avsnitt"
            continue
        if first and isinstance(block, WordPara) and block.style.lower() == "subtitle":
            b.data["underrubrik"] = " ".join(block.text.split())
            continue
        if kind == "decisions":
            _decision_part(b, block, decisions)
        elif kind == "bilagor" and isinstance(block, WordPara):
            item = re.sub(r"^Bilaga \d+[.:]?\s*", "", block.text.strip())
            b.data.setdefault("bilagor", []).append(item)  # type: ignore[union-attr,attr-defined]
        elif kind == "beslut_sänds_till" and isinstance(block, WordPara):
            b.data.setdefault("beslut_sänds_till", []).append(block.text.strip())  # type: ignore[union-attr,attr-defined]
        elif current is not None:
            current.append(_markdown(block, top))
        elif isinstance(block, WordPara) and kind == "" and len(block.text) < 200:
            b.data.setdefault("underrubrik", " ".join(block.text.split()))
        else:
            b.note(f"texten ”{block.text.strip()[:60]}” fick ingen plats i ärendet")
    if decisions.found:
        b.data["förslag_till_beslut"] = decisions.data(b)


def _in_order(b: _Builder, key: str) -> bool:
    """Whether a fixed section can stand where the template puts it: after
    the fixed sections before it and before any other section. Otherwise it
    becomes an `avsnitt` with its heading, so that the order stays."""
    if b.avsnitt or key in b.sections:
        return False
    return all(_ORDER.index(k) < _ORDER.index(key) for k in b.sections)


def _is_group(text: str) -> bool:
    """Whether a heading names the body decisions go to ("Förslag till
    kommunfullmäktige"), not the decisions as a whole."""
    return _GROUP.match(text) is not None and text.lower() != "förslag till beslut"


class _Decisions:
    """The decisions found: one list, or groups under headings of their own."""

    def __init__(self) -> None:
        self.groups: list[tuple[str | None, list[str]]] = [(None, [])]
        self.flat = False  # decisions stood before the first group heading

    @property
    def found(self) -> bool:
        return any(texts for _, texts in self.groups)

    def add(self, text: str) -> None:
        self.groups[-1][1].append(text)

    def single(self, text: str) -> bool:
        """Whether a paragraph that is not a list item is a decision of its own:
        a sentence first under its heading (format 1.1 sets a single decision
        without a number), not an introduction ending with a colon."""
        text = " ".join(text.split())
        return not self.groups[-1][1] and text.endswith(".") and "\t" not in text

    def start(self, b: _Builder, heading: str) -> None:
        """Begin a group under `heading`."""
        if self.groups == [(None, [])]:
            self.groups = [(heading, [])]
        elif self.groups[0][0] is None:
            self.flat = True
            b.note(
                f"rubriken ”{heading}” står efter förslag utan egen rubrik; "
                "förslagen står nu i en lista",
                "dela upp dem i grupper med 'rubrik' och 'beslut' i ärendefilen",
            )
        else:
            self.groups.append((heading, []))

    def data(self, b: _Builder) -> list[Any]:
        if self.flat or self.groups[0][0] is None:
            return [text for _, texts in self.groups for text in texts]
        for heading, texts in self.groups:
            if not texts:
                b.note(f"rubriken ”{heading}” har inga förslag under sig")
        return [{"rubrik": h, "beslut": t} for h, t in self.groups if t]


def _decision_part(b: _Builder, block: Block, decisions: _Decisions) -> None:
    if isinstance(block, WordPara) and block.listed:
        decisions.add(" ".join(block.text.split()))
        return
    if isinstance(block, WordPara) and _is_group(" ".join(block.text.split())):
        decisions.start(b, " ".join(block.text.split()))
        return
    if isinstance(block, WordPara) and ("\t" in block.text or "\n" in block.text):
        columns = [
            c
            for c in zip(
                *[line.split("\t") for line in block.text.split("\n")], strict=False
            )
        ]
        people = []
        for column in columns:
            parts = [p.strip() for p in column if p.strip()]
            if parts:
                person = {"namn": parts[0]}
                if len(parts) > 1:
                    person["titel"] = parts[1]
                people.append(person)
        if people:
            b.data.setdefault("underskrifter", []).extend(people)  # type: ignore[union-attr,attr-defined]
            return
    if isinstance(block, WordPara) and decisions.single(block.text):
        decisions.add(" ".join(block.text.split()))
        return
    text = block.text.strip()[:60]
    b.note(f"texten ”{text}” bland förslagen till beslut fick ingen plats")


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
    if "förslag_till_beslut" not in b.data:
        b.data["förslag_till_beslut"] = ["Förslag till beslut saknas."]
        b.note("inga förslag till beslut hittades", "skriv dem i ärendefilen")
    if "sammanfattning" not in b.sections:
        b.sections["sammanfattning"] = ["Sammanfattning saknas."]
        b.note("ingen Sammanfattning hittades", "skriv en i ärendefilen")


def _yaml(b: _Builder) -> str:
    lines: list[str] = []
    order = (
        "diarienummer",
        "datum",
        "nämnd",
        "sammanträde",
        "förvaltning",
        "avdelning",
        "dokumenttyp",
    )
    for key in order:
        if key in b.data:
            value = str(b.data[key])
            plain = value if _DATE.fullmatch(value) else _scalar_text(value, flow=False)
            lines.append(f"{key}: {plain}")
    lines.append("")
    for key in ("handläggare", "underskrifter"):
        people = b.data.get(key)
        if isinstance(people, list):
            lines.append(f"{key}:")
            for person in people:
                for n, (k, v) in enumerate(person.items()):
                    lead = "  - " if n == 0 else "    "
                    lines.append(f"{lead}{k}: {_scalar_text(v, flow=False)}")
            lines.append("")
    lines.append(f"rubrik: {_scalar_text(str(b.data['rubrik']), flow=False)}")
    if "underrubrik" in b.data:
        lines.append(
            f"underrubrik: {_scalar_text(str(b.data['underrubrik']), flow=False)}"
        )
    lines.append("")
    rubriker = b.data.get("rubriker")
    if isinstance(rubriker, dict):
        lines.append("rubriker:")
        lines.extend(
            f"  {k}: {_scalar_text(str(v), flow=False)}" for k, v in rubriker.items()
        )
        lines.append("")
    _decisions_yaml(lines, b.data.get("förslag_till_beslut"))
    for key in _ORDER:
        if key in b.sections and b.sections[key]:
            lines.extend(_block(key, b.sections[key], ""))
            lines.append("")
    if b.avsnitt:
        lines.append("avsnitt:")
        for heading, parts in b.avsnitt:
            lines.append(f"  - rubrik: {_scalar_text(heading, flow=False)}")
            lines.extend(_block("text", parts or ["(tomt)"], "    "))
        lines.append("")
    _items(lines, "bilagor", b.data.get("bilagor"))
    _items(lines, "beslut_sänds_till", b.data.get("beslut_sänds_till"))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _decisions_yaml(lines: list[str], values: object) -> None:
    """The decisions: a list of texts, or of groups with rubrik and beslut."""
    if not (isinstance(values, list) and values and isinstance(values[0], dict)):
        _items(lines, "förslag_till_beslut", values)
        return
    lines.append("förslag_till_beslut:")
    for group in values:
        lines.append(f"  - rubrik: {_scalar_text(str(group['rubrik']), flow=False)}")
        lines.append("    beslut:")
        lines.extend(
            f"      - {_scalar_text(str(t), flow=False)}" for t in group["beslut"]
        )
    lines.append("")


def _items(lines: list[str], key: str, values: object) -> None:
    if isinstance(values, list) and values:
        lines.append(f"{key}:")
        lines.extend(f"  - {_scalar_text(v, flow=False)}" for v in values)
        lines.append("")


def _block(key: str, parts: list[str], indent: str) -> list[str]:
    text = "\n\n".join(parts).replace("\t", " ")
    out = [f"{indent}{key}: |"]
    for line in text.split("\n"):
        out.append(f"{indent}  {line.rstrip()}" if line.strip() else "")
    return out
