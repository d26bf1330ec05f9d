"""Commands answered without the command framework, for tools that call
remiss once per file (git's textconv)."""

from __future__ import annotations

import sys

from remiss.errors import os_problem

EXIT_OK, EXIT_USAGE = 0, 2


def textconv(path: str) -> int:
    """Print the text of a Word document; the same answers as `remiss textconv`."""
    from remiss.docx.textconv import MAX_DOCX, NotADocx, docx_text
    from remiss.input.files import NotRegular, TooLarge, read_regular

    try:
        data = read_regular(path, MAX_DOCX)
    except NotRegular:
        return _usage(f"{path}: är ingen vanlig fil, inte ett Word-dokument")
    except TooLarge:
        return _usage(f"{path}: filen är större än {MAX_DOCX // 1_000_000} MB")
    except OSError as exc:
        return _usage(f"{path}: filen kan inte läsas ({os_problem(exc)})")
    try:
        text = docx_text(data)
    except NotADocx:
        return _usage(f"{path}: filen är inget läsbart Word-dokument (.docx)")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (BrokenPipeError, ValueError, AttributeError):
        return EXIT_USAGE  # nobody reads the text (a closed pipe or stream)
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"remiss: {message}", file=sys.stderr)
    return EXIT_USAGE
