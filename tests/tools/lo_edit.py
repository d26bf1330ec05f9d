"""Edit or write Word documents in LibreOffice as a person would, in one batch.

Run with the Python that has LibreOffice's `uno` module (Debian: python3-uno,
/usr/bin/python3):  python3 lo_edit.py JOBS.json

JOBS.json is a list of jobs; one private headless LibreOffice does them all
(CPU is scarce: one office process per batch). A job:

    {"source": "in.docx" or null (a new, empty document),
     "target": "out.docx",
     "track": true,            # record changes (Edit > Track Changes > Record)
     "author": "Chefen",       # the name comments are made under
     "ops": [...]}

Operations, in order:
    {"op": "replace", "find": "text", "with": "new text"}   first occurrence
    {"op": "cell", "table": 0, "cell": "B2", "text": "70"}  a table cell
    {"op": "comment", "find": "text", "text": "comment"}    on that text
    {"op": "header", "text": "line\\nline"}                  page header text
    {"op": "para", "text": "...", "style": "Heading 1"}     append a paragraph
                                          ("bold": true sets it in bold)
    {"op": "list", "items": ["..."], "numbered": true}      append a list
    {"op": "table", "rows": [["a", "b"], ["c", "1"]]}        append a table
    {"op": "bold", "find": "text"}                          make text bold
    {"op": "after", "find": "text", "text": "..."}          a new paragraph after
                                                            the one with the text
    {"op": "delete", "find": "text"}                        delete the paragraph

Every target is saved in Word's format (.docx).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import uno
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
from lo_changes import _prop, office  # beside this file

FILTERS = {
    ".docx": "MS Word 2007 XML",
    ".odt": "writer8",
    ".fodt": "OpenDocument Text Flat XML",
    ".html": "HTML (StarWriter)",
}


def _find(document, text: str):  # type: ignore[no-untyped-def]
    """Return the range of the first occurrence of text within one paragraph.

    The search descriptor needs a view; a model without a window walks its
    paragraphs (and table cells) instead."""
    found = _find_in_text(document.getText(), text)
    if found is None:
        raise SystemExit(f"not found in the document: {text!r}")
    return found


def _find_in_text(body, text: str):  # type: ignore[no-untyped-def]
    enumeration = body.createEnumeration()
    while enumeration.hasMoreElements():
        part = enumeration.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                found = _find_in_text(part.getCellByName(name).getText(), text)
                if found is not None:
                    return found
            continue
        index = part.getString().find(text)
        if index < 0:
            continue
        cursor = body.createTextCursorByRange(part.getStart())
        cursor.goRight(index, False)
        cursor.goRight(len(text), True)
        return cursor
    return None


def _append_paragraph(document, text: str, style: str, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    body = document.getText()
    cursor = body.createTextCursorByRange(body.getEnd())
    if body.getString():
        body.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    cursor.ParaStyleName = style
    cursor.NumberingStyleName = ""  # a list above does not go on here
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index:
            body.insertControlCharacter(cursor, 1, False)  # LINE_BREAK
        body.insertString(cursor, line, False)
    if bold:
        cursor.gotoStartOfParagraph(True)
        cursor.CharWeight = 150.0


def _apply(document, op: dict, author: str) -> None:  # type: ignore[no-untyped-def]
    kind = op["op"]
    if kind == "replace":
        found = _find(document, op["find"])
        found.setString(op["with"])
    elif kind == "cell":
        # The table whose first cell says op["table"]: the page header and
        # the first page's blocks are (layout) tables too.
        tables = document.getTextTables()
        table = next(
            t
            for t in (tables.getByIndex(i) for i in range(tables.getCount()))
            if t.getCellByName("A1") is not None
            and t.getCellByName("A1").getString() == op["table"]
        )
        cell = table.getCellByName(op["cell"])
        found = _find_in(cell, cell.getString())
        found.setString(op["text"])
    elif kind == "comment":
        found = _find(document, op["find"])
        note = document.createInstance("com.sun.star.text.textfield.Annotation")
        note.Author = author
        note.Content = op["text"]
        moment = uno.createUnoStruct("com.sun.star.util.DateTime")
        moment.Year, moment.Month, moment.Day, moment.Hours = 2011, 8, 15, 10
        note.DateTimeValue = moment
        found.getText().insertTextContent(found, note, True)
    elif kind == "after":
        found = _find(document, op["find"])
        body = found.getText()
        cursor = body.createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        body.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        body.insertString(cursor, op["text"], False)
    elif kind == "delete":
        found = _find(document, op["find"])
        body = found.getText()
        cursor = body.createTextCursorByRange(found.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark too
        cursor.setString("")
    elif kind == "bold":
        found = _find(document, op["find"])
        found.CharWeight = 150.0
    elif kind == "header":
        styles = document.getStyleFamilies().getByName("PageStyles")
        page = styles.getByName("Standard")
        page.HeaderIsOn = True
        page.HeaderText.setString(op["text"])
    elif kind == "para":
        _append_paragraph(
            document, op["text"], op.get("style", "Standard"), op.get("bold", False)
        )
    elif kind == "list":
        # LibreOffice's own list styles; Word reads them as numbered lists.
        style = "Numbering 1" if op.get("numbered", True) else "List 1"
        for item in op["items"]:
            _append_paragraph(document, item, style)
            body = document.getText()
            cursor = body.createTextCursorByRange(body.getEnd())
            cursor.NumberingStyleName = (
                "Numbering 123" if op.get("numbered", True) else "List 1"
            )
            if item is op["items"][0]:
                cursor.ParaIsNumberingRestart = True
    elif kind == "table":
        rows = op["rows"]
        body = document.getText()
        cursor = body.createTextCursorByRange(body.getEnd())
        body.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        table = document.createInstance("com.sun.star.text.TextTable")
        table.initialize(len(rows), len(rows[0]))
        body.insertTextContent(cursor, table, False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.getCellByPosition(c, r).setString(value)
    else:
        raise SystemExit(f"unknown operation {kind!r}")


def _find_in(cell, text: str):  # type: ignore[no-untyped-def]
    cursor = cell.createTextCursor()
    cursor.gotoStart(False)
    cursor.gotoEnd(True)
    return cursor


def run(jobs: list[dict]) -> None:
    with office() as context:
        manager = context.ServiceManager  # type: ignore[attr-defined]
        for job in jobs:
            _job(manager, context, job)


def _job(manager, context, job: dict) -> None:  # type: ignore[no-untyped-def]
    """Open the document as a model without a window, as a batch converter
    does: LibreOffice 7.4 aborts when it builds a comment's window without a
    display."""
    author = job.get("author", "Granskare")
    source = job.get("source")
    document = manager.createInstanceWithContext(
        "com.sun.star.text.TextDocument", context
    )
    if source:
        document.load(
            (
                _prop("URL", Path(source).resolve().as_uri()),
                _prop("FilterName", FILTERS[Path(source).suffix]),
            )
        )
    else:
        document.initNew()
    try:
        document.RecordChanges = bool(job.get("track", False))
        for op in job.get("ops", []):
            _apply(document, op, author)
        document.storeToURL(
            Path(job["target"]).resolve().as_uri(),
            (_prop("FilterName", "MS Word 2007 XML"),),
        )
    finally:
        document.close(True)


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text("utf-8")))
