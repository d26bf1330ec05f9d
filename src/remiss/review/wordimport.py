"""`remiss import`: the changes made in a Word document back into its case file.

The case is rendered now and read back; the edited document is read with
its tracked changes accepted (or rejected). Paragraphs are paired in order
(`difflib`), each rendered paragraph knows the field it comes from
(`provenance`), and each changed paragraph becomes a change of that field:
word by word where it was typed (`mdmap`), written into the file without
touching anything else (`yamledit`). What cannot be placed is listed, and
then nothing is written unless the caller allows a partial import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.errors import WARNING, Diagnostic, NotADocx
from remiss.input.case import CaseResult, load_case
from remiss.model.project import Project
from remiss.review import mdmap
from remiss.review.fieldtext import write
from remiss.review.importrun import (
    ImportRun,
    lookup,
    report_figures,
    where,
)
from remiss.review.listitems import TextList, is_item, item_text, like_item, text_lists
from remiss.review.pairing import pair_blocks, same, verify
from remiss.review.provenance import Origin, Untraceable, origins, rendered_blocks
from remiss.review.wordread import (
    Block,
    WordDoc,
    WordPara,
    WordTable,
    read_word,
    unreadable_docx,
)
from remiss.sourcemap import format_loc


@dataclass
class Imported:
    """What an import found and, when everything could be placed (or a
    partial import was asked for), the new text of the case file."""

    text: str | None = None
    changed: list[str] = field(default_factory=list)  # key paths, as written
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def import_word(
    docx: bytes,
    shown_docx: str,
    case_path: Path,
    project: Project,
    *,
    accept: bool = True,
) -> Imported:
    """Return the case file with the document's changes, or what stops it."""
    out = Imported()
    try:
        edited = read_word(docx, accept=accept)
    except NotADocx as exc:
        out.diagnostics.append(unreadable_docx(shown_docx, exc))
        return out
    result = load_case(case_path, project)
    out.diagnostics.extend(d for d in result.diagnostics if d.is_error)
    if result.case is None or result.loaded is None:
        return out
    problem = _identify(edited, result)
    if problem:
        out.diagnostics.append(
            Diagnostic(
                shown_docx,
                0,
                0,
                "E801",
                problem,
                "importera dokumentet till ärendefilen det gjordes från",
            )
        )
        return out
    try:
        docx_now, blocks = rendered_blocks(result, project)
        traced = origins(result, project, blocks)[0]
    except Untraceable as exc:
        out.diagnostics.append(
            Diagnostic(
                shown_docx,
                0,
                0,
                "E802",
                f"dokumentet kan inte följas tillbaka till ärendefilen ({exc})",
                "för in ändringarna för hand",
            )
        )
        return out
    run = ImportRun(shown_docx, result, edited)
    _headers(run, read_word(docx_now).headers)
    pairs = pair_blocks(blocks, edited.blocks)
    kept = sum(1 for i, j in pairs if i is not None and j is not None)
    if kept < 0.5 * max(len(blocks), len(edited.blocks), 1):
        out.diagnostics.append(
            Diagnostic(
                shown_docx,
                0,
                0,
                "E801",
                f"dokumentet liknar inte det ärendefilen ger (bara {kept} av "
                f"{len(blocks)} stycken går att para ihop), fast Dnr stämmer",
                "importera dokumentet till ärendefilen det gjordes från",
            )
        )
        return out
    _collect(run, pairs, blocks, traced)
    _comments(run, pairs, blocks, traced)
    text = write(run, blocks, traced)
    if text is not None and not any(d.is_error for d in run.found):
        verify(run, text, project, blocks)
    out.diagnostics.extend(run.found)
    out.text = text
    out.changed = run.written
    return out


def _identify(doc: WordDoc, result: CaseResult) -> str | None:
    case = result.case
    assert case is not None
    found = doc.properties.get("identifier")
    if found is None:
        wanted = f"Dnr {case.reference}"
        if any(wanted in line for line in doc.headers):
            return None
        return (
            "dokumentet saknar remiss dokumentegenskaper (Dnr), så det går inte "
            "att se att det gjordes från ärendet"
        )
    if found != case.reference:
        return (
            f"dokumentet gjordes från Dnr {found}, men ärendefilen har Dnr "
            f"{case.reference}"
        )
    return None


def _headers(run: ImportRun, now: list[str]) -> None:
    for line in sorted(set(run.edited.headers) - set(now)):
        run.at_doc(
            "E802",
            f"ändring i sidhuvudet eller sidfoten: '{line}'",
            "sidhuvudet skrivs från ärendets uppgifter (diarienummer, datum, "
            "förvaltning …); ändra dem i ärendefilen",
        )


# -- pairing ------------------------------------------------------------------
def _collect(
    run: ImportRun,
    pairs: list[tuple[int | None, int | None]],
    now: list[Block],
    traced: list[Origin],
) -> None:
    edited = run.edited.blocks
    for path in {o.path for o in traced if o.kind == "block"}:
        run.fields[path] = []
    lists = text_lists(run.data)
    last: Origin | None = None
    last_item: tuple[tuple, Block] | None = None  # its path and how it showed
    for index, (i, j) in enumerate(pairs):
        if i is None:
            assert j is not None
            _inserted(run, pairs, index, traced, last, last_item, lists)
            continue
        origin = traced[i]
        last = origin
        if origin.kind == "inline" and is_item(origin.path):
            last_item = (origin.path, now[i])
        if origin.kind == "block":
            if j is None:
                continue  # removed: left out of the field
            block = edited[j]
            if same(block, now[i]):
                run.fields[origin.path].append(("same", origin.index))
            else:
                run.fields[origin.path].append(("edit", origin.index, block, j))
            continue
        if j is None:
            _removed(run, origin, now[i], lists)
            continue
        if same(edited[j], now[i]):
            continue
        if origin.kind == "inline":
            _inline(run, origin, edited[j], j, lists)
        elif origin.kind == "table":
            _table(run, origin.path[1], now[i], edited[j], j)
        else:
            _template_text(run, now[i], edited[j], j)
    for path, items in lists.items():
        edits = items.edits()
        if edits is not None:  # items changed in place, each is its own field
            run.scalars.update({(*path, k): v for k, v in edits.items()})
        elif items.changed:
            run.lists[path] = items.values()


def _template_text(run: ImportRun, old: Block, new: Block, j: int) -> None:
    """Text of the template changed: say where its words can be changed. A
    fixed heading's words are the case's to set, under `rubriker:`."""
    level = getattr(old, "level", 0)
    was = " ".join(old.text.split())
    hint = "ändra mallen eller ärendets uppgifter i stället"
    case = run.result.case
    key = (
        next(
            (k for k, v in case.headings.by_key().items() if level and v == was),
            None,
        )
        if case is not None
        else None
    )
    if key is not None:
        hint = (
            "skriv rubriken i ärendefilen under rubriker:, som "
            f"{key}: {' '.join(new.text.split())}"
        )
    run.at_doc(
        "E802",
        f"{where(run.edited.blocks, j)}: {'rubriken' if level else 'texten'} kommer "
        f"från mallen, inte från ett fält i ärendet (förut: ”{was[:60]}”)",
        hint,
    )


def _inserted(
    run: ImportRun,
    pairs: list[tuple[int | None, int | None]],
    index: int,
    traced: list[Origin],
    last: Origin | None,
    last_item: tuple[tuple, Block] | None,
    lists: dict[tuple, TextList],
) -> None:
    j = pairs[index][1]
    assert j is not None
    block = run.edited.blocks[j]
    following = next((traced[i] for i, _ in pairs[index:] if i is not None), None)
    if isinstance(block, WordPara):
        if last is not None and last.kind == "block":
            run.fields[last.path].append(("new", block, j))
            return
        if following is not None and following.kind == "block" and not following.index:
            run.fields[following.path].append(("new", block, j))
            return
        if (
            last is not None
            and last.kind == "inline"
            and last_item is not None
            and last.path == last_item[0]
            and like_item(last.path, block, last_item[1])
        ):
            path = last.path
            lists[path[:-1]].insert_after(path[-1], item_text(path, block))
            return
    kind = "ny tabell" if isinstance(block, WordTable) else "nytt stycke"
    run.at_doc(
        "E802",
        f"{where(run.edited.blocks, j)}: {kind} som inte hör till något fält i ärendet",
        "skriv in det i ärendefilen, t.ex. som ett avsnitt eller i en tabell under "
        "statistik:",
    )


def _removed(
    run: ImportRun, origin: Origin, block: Block, lists: dict[tuple, TextList]
) -> None:
    text = " ".join(block.text.split())[:60]
    if origin.kind == "inline" and is_item(origin.path):
        items = lists[origin.path[:-1]]
        items.set(origin.path[-1], None)
        if origin.path[0] == "förslag_till_beslut" and not items.values():
            grouped = len(origin.path) > 2
            run.at_field(
                origin.path,
                "E802",
                "alla beslut i gruppen är borttagna"
                if grouped
                else "alla förslag till beslut är borttagna",
                "ta bort hela gruppen i ärendefilen"
                if grouped
                else "ett ärende behöver minst ett förslag till beslut",
            )
        return
    what = {
        "inline": f"{format_loc(origin.path)} är borttaget i dokumentet",
        "table": f"tabellen {origin.path[1]} är borttagen i dokumentet",
    }.get(origin.kind, f"texten ”{text}” från mallen är borttagen i dokumentet")
    if origin.path:
        run.at_field(
            origin.path, "E802", what, "ta bort det i ärendefilen om det ska bort"
        )
    else:
        run.at_doc("E802", what, "ändra mallen eller ärendets uppgifter i stället")


def _inline(
    run: ImportRun,
    origin: Origin,
    block: Block,
    j: int,
    lists: dict[tuple, TextList],
) -> None:
    text = block.text.strip()
    if not (text.startswith(origin.prefix) and text.endswith(origin.suffix)):
        run.at_field(
            origin.path,
            "E802",
            f"{where(run.edited.blocks, j)}: texten som mallen skriver runt "
            f"{format_loc(origin.path)} är ändrad",
            "ändra bara fältets egen text",
        )
        return
    new = text[len(origin.prefix) : len(text) - len(origin.suffix)].strip()
    old = lookup(run.data, origin.path)
    if not isinstance(old, str):
        return
    shown = _shown(run, origin.path)
    traced = mdmap.trace(old, 0, len(old), shown, markdown=False) if shown else None
    if traced is not None and traced.holes:
        applied = mdmap.apply_edit(old, traced, new, markdown=False)
        if applied is None:
            return
        new, figures = applied
        report_figures(run, origin.path, figures)
    if is_item(origin.path):
        lists[origin.path[:-1]].set(origin.path[-1], new)
    else:
        run.scalars[origin.path] = new


def _shown(run: ImportRun, path: tuple) -> str | None:
    case = run.result.case
    if case is None:
        return None
    if path[0] == "förslag_till_beslut":
        return dict(case.decision_texts).get(path)
    return None


def _table(run: ImportRun, key: str, now: Block, edited: Block, j: int) -> None:
    assert isinstance(now, WordTable)
    assert isinstance(edited, WordTable)
    table = lookup(run.data, ("statistik", key))
    rows = table.get("rader", []) if isinstance(table, dict) else []
    columns = table.get("kolumner", []) if isinstance(table, dict) else []
    if len(now.rows) != len(edited.rows) or any(
        len(a) != len(b) for a, b in zip(now.rows, edited.rows, strict=True)
    ):
        run.at_field(
            ("statistik", key),
            "E802",
            f"tabellen {key}: rader eller kolumner är tillagda eller borttagna i "
            "dokumentet",
            "lägg till eller ta bort dem under statistik: i ärendefilen",
        )
        return
    for r, (old_row, new_row) in enumerate(zip(now.rows, edited.rows, strict=True)):
        for c, (old, new) in enumerate(zip(old_row, new_row, strict=True)):
            if old.strip() == new.strip():
                continue
            if r == 0 or r - 1 >= len(rows) or c >= len(columns):
                run.at_field(
                    ("statistik", key),
                    "E802",
                    f"tabellen {key}, rad {r + 1}, kolumn {c + 1}: ”{old}” ändrad "
                    f"till ”{new}”, men den cellen räknas ut eller är en rubrik",
                    "ändra kolumnrubriker och värden under statistik: i ärendefilen",
                )
                continue
            typed = rows[r - 1][c] if c < len(rows[r - 1]) else ""
            run.scalars[("statistik", key, "rader", r - 1, c)] = _cell(new, typed)


def _cell(text: str, typed: Any) -> str:
    """Return a cell as the case file writes it: a Swedish number as a
    number when the cell held one."""
    plain = text.strip()
    number = re.fullmatch(r"[-−]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:,\d+)?", plain)
    if number and re.fullmatch(r"-?\d+(?:\.\d+)?", str(typed).strip() or "x"):
        return re.sub(r"[ \u00a0\u202f]", "", plain).replace(",", ".").replace("−", "-")
    return plain


def _comments(
    run: ImportRun,
    pairs: list[tuple[int | None, int | None]],
    now: list[Block],
    traced: list[Origin],
) -> None:
    owner = {j: traced[i] for i, j in pairs if i is not None and j is not None}
    for j, block in enumerate(run.edited.blocks):
        for cid in block.comments:
            comment = run.edited.comments.get(cid)
            if comment is None:
                continue
            origin = owner.get(j)
            message = (
                f"kommentar från {comment.author or 'okänd'}: ”{comment.text}” "
                f"({where(run.edited.blocks, j)})"
            )
            if origin is not None and origin.path:
                run.found.append(
                    run.source.diagnostic(
                        origin.path,
                        "W804",
                        message,
                        "svara på kommentaren",
                        severity=WARNING,
                    )
                )
            else:
                run.found.append(
                    Diagnostic(
                        run.shown,
                        0,
                        0,
                        "W804",
                        message,
                        "svara på kommentaren",
                        WARNING,
                    )
                )
