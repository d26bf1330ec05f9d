"""Diagnostics and the one exception tree of remiss.

A `Diagnostic` is one problem a user can act on; its code and severity must be
in the catalogue `remiss.codes`, or creating it fails (`UnknownCode`).

Every exception remiss raises on purpose derives from `RemissError`:

    RemissError                   anything remiss raises on purpose
    ├── InputError                input that cannot be used; carries diagnostics
    ├── UsageError                a command used wrongly (exit code 2)
    ├── TemplateProblem           a template or reference document (T0xx)
    ├── ExpressionError           a figure expression in a text (E701–E703)
    ├── ChartUnavailable          matplotlib is not installed (E720)
    ├── PdfUnavailable            LibreOffice is missing or failed (E501)
    ├── PathEscape, ValueError    an output name leaving its folder (E311)
    ├── NotADocx, ValueError      a file that is not a readable .docx
    ├── Untraceable               a document remiss cannot trace to its case
    ├── EditFailed                a change a case file does not read back as
    ├── NotAPng, ValueError       image data that is not a PNG
    ├── UnknownCell, KeyError     a table row or column that does not exist
    ├── WordListError, ValueError a klarspråk word-list entry that is unusable
    └── UnknownCode, ValueError   a diagnostic not in the catalogue (a bug)

The second base keeps `except ValueError` and `except KeyError` working where
those errors meet code that does not know remiss. Not in the tree are the
exceptions another library's protocol asks for and which it handles itself:
pydantic's `PydanticCustomError` in validators, jinja's `SecurityError` in the
expression sandbox, click's `BadParameter`, `AttributeError` from a module
`__getattr__` and `SystemExit` ending `python -m remiss.codes`. The classes
are defined here and imported by the modules that raise them, so each can
also be imported from there.
"""

from __future__ import annotations

from pathlib import Path

ERROR = "error"
WARNING = "warning"


def _severity_of(code: str) -> str | None:
    """Return the catalogued severity of a code (the catalogue is read once,
    when the first diagnostic is made)."""
    from remiss.codes import SEVERITY

    return SEVERITY.get(code)


class Diagnostic:
    """One problem a user can act on: where, what, and how to fix it.

    A plain class rather than a dataclass: every command imports this
    module, and `remiss textconv` (run by git once per Word file) should not
    pay for the dataclass machinery. Equal when all but source_line are.
    """

    __slots__ = (
        "path",
        "line",
        "col",
        "code",
        "message",
        "hint",
        "severity",
        "source_line",
    )
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str
    severity: str
    source_line: str | None

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        code: str,
        message: str,
        hint: str = "",
        severity: str = ERROR,
        source_line: str | None = None,
    ) -> None:
        if _severity_of(code) != severity:
            raise UnknownCode(code, severity)
        set_ = object.__setattr__
        set_(self, "path", path)
        set_(self, "line", line)
        set_(self, "col", col)
        set_(self, "code", code)
        set_(self, "message", message)
        set_(self, "hint", hint)
        set_(self, "severity", severity)
        set_(self, "source_line", source_line)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Diagnostic is read-only ({name})")

    def _key(self) -> tuple[object, ...]:
        return (
            self.path,
            self.line,
            self.col,
            self.code,
            self.message,
            self.hint,
            self.severity,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[object, ...]:
        # Sent between a build's worker processes: made anew, not set.
        return (Diagnostic, (*self._key(), self.source_line))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Diagnostic({fields})"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def headline(self) -> str:
        """Return the first line, `path:line:col: CODE message`."""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def format(self) -> str:
        """Return the full message with the source excerpt and the hint."""
        lines = [self.headline()]
        if self.source_line is not None and self.line > 0:
            text = self.source_line.rstrip("\n").replace("\t", " ")
            number = f"{self.line:>5}"
            lines.append(f"{number} | {text}")
            caret = " " * max(self.col - 1, 0) + "^"
            lines.append(f"{' ' * len(number)} | {caret}")
        if self.hint:
            lines.append(f"tips: {self.hint}")
        return "\n".join(lines)


class RemissError(Exception):
    """Base of every error remiss raises on purpose."""


class InputError(RemissError):
    """Input that cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.headline() for d in diagnostics))


class UsageError(RemissError):
    """A command used wrongly (a missing file, an unknown format)."""


class TemplateProblem(RemissError):
    """A template that cannot be found, parsed or rendered."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.headline())


class ExpressionError(RemissError):
    """A located problem with a figure expression in a case text, in Swedish.

    `offset` is where it is in the text the caller passed; `code` is E701
    (cannot be evaluated), E702 (too long or too deep) or E703 (no figure).
    """

    def __init__(self, offset: int, message: str, hint: str, code: str = "E701"):
        self.offset = offset
        self.message = message
        self.hint = hint
        self.code = code
        super().__init__(message)


class ChartUnavailable(RemissError):
    """matplotlib is not installed."""


class PdfUnavailable(RemissError):
    """LibreOffice or pikepdf is missing, or the conversion failed.

    `code` and `hint` are those of the diagnostic the build reports.
    """

    def __init__(self, message: str, code: str = "E501", hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


class PathEscape(RemissError, ValueError):
    """An output name that would land outside the output folder."""


class NotADocx(RemissError, ValueError):
    """The file is not a readable .docx."""


class NotAPng(RemissError, ValueError):
    """Image data that is not a PNG."""


class UnknownCell(RemissError, KeyError):
    """A statistics table has no row or column by the name asked for."""


class WordListError(RemissError, ValueError):
    """A klarspråk word-list entry that cannot be used; the message is Swedish."""


class UnknownCode(RemissError, ValueError):
    """A diagnostic whose code, or its severity, is not in `remiss.codes`.

    This is a bug in remiss, found when the diagnostic is created."""

    def __init__(self, code: str, severity: str) -> None:
        self.code = code
        self.severity = severity
        listed = _severity_of(code)
        why = f"är {listed}, inte {severity}" if listed else "finns inte i remiss.codes"
        super().__init__(f"meddelandekoden {code!r} {why}")


def display_path(path: str | Path) -> str:
    """Return `path` relative to the working folder when it lies below it.

    A name the file system holds in another encoding than UTF-8 is shown
    with U+FFFD where its bytes cannot be read, never as Python escapes.
    """
    p = Path(path)
    try:
        # A symbolic link is shown as itself, not as the file it points to.
        full = p.resolve() if p.name in ("", "..") else p.parent.resolve() / p.name
        shown = full.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = p.as_posix()
    return readable(shown)


def readable(text: str) -> str:
    """Return text with undecodable file-name bytes shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


__all__ = [
    "ERROR",
    "WARNING",
    "ChartUnavailable",
    "Diagnostic",
    "ExpressionError",
    "InputError",
    "NotADocx",
    "NotAPng",
    "PathEscape",
    "PdfUnavailable",
    "RemissError",
    "TemplateProblem",
    "UnknownCell",
    "UnknownCode",
    "UsageError",
    "WordListError",
    "display_path",
]


_OS_ERRORS = {
    "ENOENT": "filen eller mappen finns inte",
    "EACCES": "behörighet saknas",
    "EPERM": "behörighet saknas",
    "EROFS": "platsen är skrivskyddad",
    "ENOSPC": "disken är full",
    "EDQUOT": "diskkvoten är slut",
    "EISDIR": "en mapp står där filen ska ligga",
    "ENOTDIR": "en fil står där en mapp ska ligga",
    "ENAMETOOLONG": "namnet är för långt",
    "EEXIST": "filen finns redan",
    "EBUSY": "filen används av ett annat program",
    "EIO": "ett läs- eller skrivfel på disken",
    "ELOOP": "för många symboliska länkar",
    "EMFILE": "för många öppna filer",
}


def os_problem(exc: OSError) -> str:
    """Return what an operating-system error means, in Swedish."""
    import errno as errnos

    name = errnos.errorcode.get(exc.errno or 0, "")
    return _OS_ERRORS.get(name) or (
        f"systemfel {name}" if name else "ett fel i filsystemet"
    )
