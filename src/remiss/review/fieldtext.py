"""Writing the found changes into the case file: a Markdown field chunk by
chunk (unchanged chunks exactly as typed), one-line fields and lists through
the YAML editor."""

from __future__ import annotations

from typing import Any

from remiss.review import mdmap
from remiss.review.importrun import ImportRun, lookup, report_figures, where
from remiss.review.provenance import Origin
from remiss.review.wordread import Block, WordPara, WordTable
from remiss.review.yamledit import EditFailed, YamlEditor
from remiss.sourcemap import format_loc


def write(run: ImportRun, now: list[Block], traced: list[Origin]) -> str | None:
    text = run.source.text
    crlf = "\r\n" in text  # a file saved on Windows keeps its line ends
    editor = YamlEditor(text.replace("\r\n", "\n") if crlf else text)
    changed = False
    for path, items in run.fields.items():
        value = lookup(run.data, path)
        if not isinstance(value, str):
            continue
        field_blocks = [
            b
            for b, o in zip(now, traced, strict=True)
            if o.kind == "block" and o.path == path
        ]
        count = len(field_blocks)
        if [x[0] for x in items] == ["same"] * count and [x[1] for x in items] == list(
            range(count)
        ):
            continue
        new = _field_text(run, path, value, items, field_blocks)
        if new is None or new == value:
            continue
        changed |= _apply(
            run, editor, path, lambda e, p=path, v=new: e.set_scalar(p, v)
        )
    for path, new in run.scalars.items():
        changed |= _apply(
            run, editor, path, lambda e, p=path, v=new: e.set_scalar(p, v)
        )
    for path, values in run.lists.items():
        changed |= _apply(
            run, editor, path, lambda e, p=path, v=values: e.set_list(p, v)
        )
    if not changed:
        return None
    try:
        out = editor.result()
    except EditFailed as exc:
        run.at_doc("E802", f"ändringarna kan inte skrivas in i ärendefilen ({exc})")
        return None
    return out.replace("\n", "\r\n") if crlf else out


def _apply(run: ImportRun, editor: YamlEditor, path: tuple, change: Any) -> bool:
    if path not in run.source.values:
        run.at_field(
            path,
            "E802",
            f"{format_loc(path)} står inte i ärendefilen (värdet kommer från "
            "remiss.yaml)",
            "ändra värdet under standard: i remiss.yaml, eller skriv det i ärendet",
        )
        return False
    try:
        change(editor)
    except EditFailed as exc:
        run.at_field(path, "E802", f"{format_loc(path)}: {exc}")
        return False
    run.written.append(format_loc(path))
    return True


def _field_text(
    run: ImportRun, path: tuple, value: str, items: list[tuple], shown: list[Block]
) -> str | None:
    """Return a Markdown field's new text: unchanged chunks as typed, changed
    ones word by word, new ones from the document."""
    cut = mdmap.chunks(value)
    if len(cut) != len(shown):
        if mdmap.EXPRESSION.search(value):
            run.at_field(
                path,
                "E802",
                f"{format_loc(path)}: texten kan inte följas stycke för stycke, och "
                "den har uttryck som inte får skrivas över",
                "för in ändringarna för hand",
            )
            return None
        parts = []
        for item in items:
            block = (
                shown[item[1]]
                if item[0] == "same"
                else item[2 if item[0] == "edit" else 1]
            )
            parts.append(_fresh(block, ""))
        return "\n\n".join(parts) + ("\n" if value.endswith("\n") else "")
    pieces: list[tuple[str, int | None, str]] = []  # (text, chunk index, kind)
    for item in items:
        if item[0] == "same":
            k = item[1]
            pieces.append((value[cut[k].start : cut[k].end], k, cut[k].kind))
        elif item[0] == "edit":
            k, block, j = item[1], item[2], item[3]
            text = _edited_chunk(run, path, value, cut[k], shown[k], block, j)
            if text is None:
                return None
            pieces.append((text, k, cut[k].kind))
        else:
            block = item[1]
            listed = isinstance(block, WordPara) and block.listed
            kind = "item" if listed else "para"
            pieces.append((_fresh(block, "- " if listed else ""), None, kind))
    out = value[: cut[0].start] if cut else ""
    for n, (text, k, kind) in enumerate(pieces):
        if n:
            prev_text, prev_k, prev_kind = pieces[n - 1]
            if prev_k is not None and k is not None and k == prev_k + 1:
                out += value[cut[prev_k].end : cut[k].start]
            elif prev_kind == kind == "item":
                out += "\n"
            else:
                out += "\n\n"
        out += text
    return out + (value[cut[-1].end :] if cut else "")


def _fresh(block: Block, marker: str) -> str:
    if isinstance(block, WordTable):
        return block.text
    indent = " " * len(marker)
    return marker + mdmap.wrap(mdmap.runs_markdown(block.runs), 76, indent)


def _edited_chunk(
    run: ImportRun,
    path: tuple,
    value: str,
    chunk: mdmap.Chunk,
    old: Block,
    new: Block,
    j: int,
) -> str | None:
    typed = value[chunk.start : chunk.end]
    if chunk.kind == "table" or isinstance(new, WordTable):
        run.at_field(
            path,
            "E802",
            f"{where(run.edited.blocks, j)}: en tabell i texten är ändrad",
            "ändra tabellen i ärendefilen",
        )
        return None
    traced = mdmap.trace(value, chunk.body, chunk.end, old.text, markdown=True)
    if traced is not None:
        applied = mdmap.apply_edit(value, traced, new.text, markdown=True)
        if applied is not None:
            out, figures = applied
            report_figures(run, path, figures)
            return out[chunk.start : chunk.end + len(out) - len(value)]
    if mdmap.EXPRESSION.search(typed):
        run.at_field(
            path,
            "E802",
            f"{where(run.edited.blocks, j)}: stycket har uttryck och kan inte "
            "skrivas om",
            "för in ändringen för hand",
        )
        return None
    marker = value[chunk.start : chunk.body]
    return _fresh(new, marker)
