"""The one Jinja environment: templates run in a sandbox, within budgets.

A project's templates are shared, copied and downloaded, so they are treated
as input, not as code: they run in Jinja's sandbox (no attribute that
reaches Python's internals, no call of anything but data methods and remiss's
filters), they can only
include templates inside the template folders (no absolute paths, no `..`,
no symbolic link out), and their loops, repetitions and widths have budgets.
Anything a template raises is a T-code at its line (see render_template).
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from remiss.errors import os_problem

if TYPE_CHECKING:
    from remiss.model.project import Project

from remiss import formatting
from remiss.errors import Diagnostic, TemplateProblem, display_path
from remiss.resources import BUILTIN_TEMPLATES
from remiss.text.context import table_markdown
from remiss.text.markdown import (
    MdSafe,
    escape_inline,
    finalize,
    safe_block,
)

TEMPLATE_SUFFIX = ".md.j2"


def lines(items: Any) -> MdSafe:
    """Return the non-empty items as lines of one paragraph (hard line breaks)."""
    parts = [
        escape_inline(str(i))
        for i in items
        if i is not None and not isinstance(i, jinja2.Undefined) and str(i) != ""
    ]
    return MdSafe("\\\n".join(parts))


def template_dirs(project_root: Path | None) -> tuple[Path, ...]:
    """Return the template folders in lookup order: the project's, then ours."""
    dirs = []
    if project_root is not None:
        own = (project_root / "templates").resolve()
        if own.is_dir() and own != BUILTIN_TEMPLATES:
            dirs.append(own)
    dirs.append(BUILTIN_TEMPLATES)
    return tuple(dirs)


# Budgets for one rendering: how many items all `range()` calls may make,
# and how long a text a repetition or a width may produce.
MAX_ITEMS = 200_000
MAX_TEXT = 1_000_000
MAX_BITS = 4096
_spent = [0]


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A folder's templates and nothing else: no file outside it, even through
    a symbolic link, and only regular files."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not real.is_relative_to(self.folder) or not real.is_file():
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with budgets for repetition and loops."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)):
            size = left.bit_length() if isinstance(left, int) else 64
            if abs(right) > 64 or size * abs(right) > MAX_BITS:
                raise SecurityError("talet blir för stort")
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_BITS:
                    raise SecurityError("talet blir för stort")
        if operator == "%" and isinstance(left, str):
            _check_widths(left)
        return super().call_binop(context, operator, left, right)


def _check_repeat(seq: Any, times: Any) -> None:
    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
        if len(seq) * times > MAX_TEXT:
            raise SecurityError("texten eller listan blir för lång")


_WIDTH = re.compile(r"\d{5,}")


def _check_widths(text: str) -> None:
    if _WIDTH.search(text):
        raise SecurityError("för stor bredd i en formatering")


def _budget_range(*args: int) -> range:
    items = range(*args)
    _spent[0] += len(items)
    if _spent[0] > MAX_ITEMS:
        raise SecurityError(f"mallens slingor går över {MAX_ITEMS} varv")
    return items


def _bounded(filter_: Any, *widths: int) -> Any:
    """Wrap a filter so that its width arguments stay reasonable."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        for index in widths:
            if index < len(args) and isinstance(args[index], int):
                if abs(args[index]) > 10_000:
                    raise SecurityError("för stor bredd")
        for value_ in kwargs.values():
            if isinstance(value_, int) and abs(value_) > 10_000:
                raise SecurityError("för stor bredd")
        return filter_(value, *args, **kwargs)

    return bounded


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, so that a command does not compile
    its template again (about 15 ms); a cache that cannot be written is no
    error. Jinja checks each entry against the template's text and its own
    version before using it."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _cache_dir() -> str | None:
    """Return the folder for compiled templates, made if missing, or None when
    there is none that only the user can write to.

    REMISS_CACHE names remiss's cache folder; without it, the user's cache
    folder is used (XDG_CACHE_HOME, or ~/.cache)."""
    base = os.environ.get("REMISS_CACHE", "")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        home = (
            xdg
            if os.path.isabs(xdg)
            else os.path.join(os.path.expanduser("~"), ".cache")
        )
        base = os.path.join(home, "remiss")
    folder = os.path.join(base, "templates")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    own = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    private = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return folder if own and private and stat.S_ISDIR(info.st_mode) else None


@functools.lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """Return the Jinja environment for these template folders."""
    folder = _cache_dir()
    env = _Sandbox(
        bytecode_cache=_CompiledTemplates(folder) if folder else None,
        loader=jinja2.ChoiceLoader([_ConfinedLoader(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
        auto_reload=False,
    )
    env.filters.update(formatting.FILTERS)
    env.filters["md"] = lambda text, level=3: safe_block(str(text), level)
    env.filters["text"] = lambda text: MdSafe(escape_inline(str(text)))
    env.filters["rader"] = lines
    env.globals["tabell"] = table_markdown
    env.globals["range"] = _budget_range
    for name, widths in (("center", (0,)), ("indent", (0,)), ("wordwrap", (0,))):
        env.filters[name] = _bounded(env.filters[name], *widths)
    env.filters["format"] = _bounded_format(env.filters["format"])
    return env


def _bounded_format(filter_: Any) -> Any:
    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_widths(str(value))
        return filter_(value, *args, **kwargs)

    return bounded


def get_template(dirs: tuple[Path, ...], name: str) -> jinja2.Template:
    """Return the template `name`, or raise a TemplateProblem saying where we looked."""
    env = environment(dirs)
    filename = name + TEMPLATE_SUFFIX
    try:
        return env.get_template(filename)
    except jinja2.TemplateNotFound:
        looked = ", ".join(display_path(d / filename) for d in dirs)
        raise TemplateProblem(
            Diagnostic(
                filename,
                0,
                0,
                "T001",
                f"mallen '{name}' finns inte",
                f"letade efter {looked}; kontrollera 'mall:' i ärendet",
            )
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise _template_problem(exc, dirs, filename) from None
    except UnicodeDecodeError as exc:
        raise _not_utf8(dirs, filename, exc) from None
    except OSError as exc:
        raise _unreadable(
            filename, f"mallen kan inte läsas ({os_problem(exc)})"
        ) from None


def _not_utf8(
    dirs: tuple[Path, ...], filename: str, exc: UnicodeDecodeError
) -> TemplateProblem:
    """Point at the first byte that is not UTF-8, in the file that has it."""
    for folder in dirs:
        path = folder / filename
        if path.is_file():
            raw = exc.object if isinstance(exc.object, bytes) else path.read_bytes()
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return TemplateProblem(
                Diagnostic(
                    display_path(path),
                    line,
                    col,
                    "T002",
                    f"mallen är inte sparad som UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "spara mallen som text i UTF-8",
                )
            )
    return _unreadable(filename, "mallen är inte sparad som UTF-8")


def _unreadable(filename: str, message: str) -> TemplateProblem:
    return TemplateProblem(
        Diagnostic(filename, 0, 0, "T002", message, "spara mallen som text i UTF-8")
    )


def render_template(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render, turning template errors into a TemplateProblem with file and line."""
    _spent[0] = 0
    try:
        text = template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # pragma: no cover - caught at load
        raise _template_problem(exc, (), template.name or "") from None
    except jinja2.UndefinedError as exc:
        raise _at_line(
            exc,
            template,
            "T003",
            f"mallen använder något som inte finns: {_undefined_name(exc)}",
            "se mallreferensen i README för de variabler en mall kan använda",
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise _at_line(
            exc,
            template,
            "T001",
            f"mallen tar in '{exc.name}', som inte finns",
            "kontrollera namnet i {% include %} eller {% import %}",
        ) from None
    except TemplateProblem:
        raise
    except SecurityError as exc:
        raise _at_line(
            exc,
            template,
            "T004",
            f"mallen gör något som inte är tillåtet: {_security(exc)}",
            "en mall kan läsa ärendets värden och använda remiss filter, men "
            "inte nå Python eller filer utanför mallmappen",
        ) from None
    except Exception as exc:  # noqa: BLE001 - whatever a template does is its own
        # A project template is user input: anything it raises (a division
        # by zero, a recursion without end) is a finding at its line, not a bug.
        raise _at_line(
            exc,
            template,
            "T004",
            f"fel när mallen kördes: {_failure(exc)}",
            "kontrollera uttrycket på raden i mallen",
        ) from None
    return text.rstrip("\n") + "\n"


def _at_line(
    exc: BaseException, template: jinja2.Template, code: str, message: str, hint: str
) -> TemplateProblem:
    file, line = _template_position(exc, template)
    return TemplateProblem(Diagnostic(file, line, 1, code, message, hint))


_FAILURES: dict[type[BaseException], str] = {
    ZeroDivisionError: "division med noll",
    RecursionError: "mallen anropar sig själv utan slut",
    OverflowError: "talet blir för stort",
    MemoryError: "mallen kräver för mycket minne",
}


def _security(exc: SecurityError) -> str:
    text = str(exc)
    if "unsafe" in text or "access to attribute" in text:
        match = re.search(r"attribute '([^']+)'", text)
        name = f" ({match.group(1)})" if match else ""
        return f"attributet{name} är stängt i mallar"
    if "range too big" in text:
        return "för många varv i en slinga"
    return text


_KINDS: dict[type[BaseException], str] = {
    KeyError: "det finns inget sådant värde",
    IndexError: "listan har inget värde på den platsen",
    AttributeError: "värdet har inget sådant fält",
    TypeError: "fel sorts värde i ett uttryck (t.ex. text och tal tillsammans)",
    ValueError: "ett värde kunde inte användas",
}


def _failure(exc: BaseException) -> str:
    """Return what went wrong in Swedish; Python's own words stay out."""
    for kind, text in _FAILURES.items():
        if isinstance(exc, kind):
            return text
    for kind, text in _KINDS.items():
        if isinstance(exc, kind):
            return text
    return "mallen kunde inte köras"


_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


_SYNTAX_WORDS = [
    ("Expected an expression", "ett uttryck saknas"),
    ("unexpected end of template", "mallen tar slut för tidigt"),
    ("Unexpected end of template", "mallen tar slut för tidigt"),
    ("Encountered unknown tag", "okänd tagg"),
    ("expected token", "väntade"),
    ("unexpected", "oväntat"),
    ("got", "fick"),
    ("Jinja was looking for the following tags", "Jinja letade efter taggarna"),
    ("The innermost block that needs to be closed is", "blocket som ska stängas är"),
]


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    match = _UNDEFINED.search(exc.message or "")
    if match:
        return f"'{match.group(1) or match.group(2)}'"
    return exc.message or "okänt namn"


def _swedish_syntax(message: str) -> str:
    for english, swedish in _SYNTAX_WORDS:
        message = message.replace(english, swedish)
    return message


def _template_problem(
    exc: jinja2.TemplateSyntaxError, dirs: tuple[Path, ...], filename: str
) -> TemplateProblem:
    file = display_path(exc.filename) if exc.filename else filename
    return TemplateProblem(
        Diagnostic(
            file,
            exc.lineno or 0,
            1,
            "T002",
            f"syntaxfel i mallen: {_swedish_syntax(exc.message or '')}",
            "kontrollera att varje {% ... %} och {{ ... }} är rätt skrivet och stängt",
        )
    )


def _template_position(
    exc: BaseException, template: jinja2.Template
) -> tuple[str, int]:
    file, line = template.filename or template.name or "", 0
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(TEMPLATE_SUFFIX):
            file, line = code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return display_path(file), line


def template_files(project: Project, name: str) -> list[Path]:
    """Return the template `name` and every template it includes or extends."""
    return list(_template_files(template_dirs(project.root), name))


# Every tag that can bring in another template; a template without one
# refers to no other and need not be parsed to find out.
_REFERENCE = re.compile(r"\{%[-+]?\s*(?:include|extends|import|from)\b")


@functools.lru_cache(maxsize=32)
def _template_files(dirs: tuple[Path, ...], name: str) -> tuple[Path, ...]:
    # Cached per process, like the environment: parsing a template for every
    # case cost 5 ms each. The files are still hashed for every build.
    env = environment(dirs)
    out: list[Path] = []
    stack = [name + TEMPLATE_SUFFIX]
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            ast = env.parse(source) if _REFERENCE.search(source) else None
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            continue
        if filename:
            out.append(Path(filename))
        if ast is not None:
            stack.extend(ref for ref in meta.find_referenced_templates(ast) if ref)
    return tuple(out)
