"""`remiss diff`: what changed in a case, in words, in the text, and as a redline."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from remiss.errors import Diagnostic, UsageError
from remiss.input.case import CaseResult, load_case, load_case_bytes
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import dump

_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


_SHORT = 60


@dataclass
class Source:
    """Where one side of a comparison came from."""

    label: str
    result: CaseResult


def read_side(spec: str, project: Project) -> Source:
    """Load a case from a file, or from `REV:path` in the git repository here."""
    path = Path(spec)
    if path.exists() or ":" not in spec:
        if not path.exists():
            raise UsageError(f"{spec}: filen finns inte; kontrollera sökvägen")
        return Source(spec, load_case(path, project))
    rev, _, name = spec.partition(":")
    data = _git_show(rev, name)
    return Source(spec, load_case_bytes(data, spec, project))


def _git_show(rev: str, name: str) -> bytes:
    attempts = [f"{rev}:{name}"]
    if not name.startswith(("./", "/")):
        attempts.append(f"{rev}:./{name}")
    last = ""
    for target in attempts:
        try:
            done = subprocess.run(
                ["git", "show", target],
                capture_output=True,
                check=False,
                timeout=60,
            )
        except FileNotFoundError:
            raise UsageError(
                "git finns inte installerat; ange två filer i stället"
            ) from None
        if done.returncode == 0:
            return done.stdout
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        last = tail[0] if tail else ""
    raise UsageError(
        f"{rev}:{name}: kunde inte läsa filen ur git ({last}); kontrollera "
        "revisionen och sökvägen, t.ex. HEAD~1:cases/arende.yaml"
    )


# -- changes in the case, in words ------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def case_data(case: Case) -> dict[str, Any]:
    return _plain(dump(case))


def _show(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "(tomt)"
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def _short(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and len(_show(value)) <= _SHORT


_ITEM_WORDS = {
    "förslag_till_beslut": ("beslut", "ändrat", "tillagt", "borttaget"),
    "handläggare": ("handläggare", "ändrad", "tillagd", "borttagen"),
    "underskrifter": ("underskrift", "ändrad", "tillagd", "borttagen"),
    "bilagor": ("bilaga", "ändrad", "tillagd", "borttagen"),
    "yrkanden": ("yrkande", "ändrat", "tillagt", "borttaget"),
    "motionärer": ("motionär", "ändrad", "tillagd", "borttagen"),
}


def describe_changes(old: Case, new: Case) -> list[str]:
    """Return the differences between two cases, one sentence each."""
    out: list[str] = []
    _compare(case_data(old), case_data(new), "", out)
    return out


def _compare(old: Any, new: Any, where: str, out: list[str]) -> None:
    if old == new:
        return
    key = where.rsplit(".", 1)[-1]
    if where == "statistik":
        _compare_tables(old or {}, new or {}, out)
    elif where == "avsnitt":
        _compare_sections(old or [], new or [], out)
    elif isinstance(old, dict) and isinstance(new, dict):
        for k in [*old, *(k for k in new if k not in old)]:
            _compare(old.get(k), new.get(k), f"{where}.{k}" if where else k, out)
    elif isinstance(old, list) and isinstance(new, list):
        _compare_lists(old, new, where, key, out)
    elif old is None:
        out.append(f"{where} tillagt" + (f": {_show(new)}" if _short(new) else ""))
    elif new is None:
        out.append(f"{where} borttaget")
    elif _short(old) and _short(new):
        out.append(f"{where}: {_show(old)} → {_show(new)}")
    else:
        out.append(f"{where} ändrat")


def _compare_lists(
    old: list[Any], new: list[Any], where: str, key: str, out: list[str]
) -> None:
    noun, changed, added, removed = _ITEM_WORDS.get(
        key, (f"{where}, punkt", "ändrad", "tillagd", "borttagen")
    )
    keys_old = [repr(v) for v in old]
    keys_new = [repr(v) for v in new]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(paired):
            out.append(f"{noun} {j1 + k + 1} {changed}")
        for k in range(i1 + paired, i2):
            out.append(f"{noun} {k + 1} {removed}")
        for k in range(j1 + paired, j2):
            out.append(f"{noun} {k + 1} {added}")


def _compare_sections(old: list[dict], new: list[dict], out: list[str]) -> None:
    before = {s["rubrik"]: s for s in old}
    after = {s["rubrik"]: s for s in new}
    for heading in after:
        if heading not in before:
            out.append(f"avsnitt '{heading}' tillagt")
        elif before[heading] != after[heading]:
            out.append(f"avsnitt '{heading}' ändrat")
    for heading in before:
        if heading not in after:
            out.append(f"avsnitt '{heading}' borttaget")
    if [h for h in before if h in after] != [h for h in after if h in before]:
        out.append("avsnitten har fått en ny ordning")


def _compare_tables(old: dict, new: dict, out: list[str]) -> None:
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a is None:
            out.append(f"statistik {key} tillagd")
            continue
        if b is None:
            out.append(f"statistik {key} borttagen")
            continue
        for field in ("rubrik", "kolumner", "källa", "summa", "enhet", "avsnitt"):
            if a.get(field) != b.get(field):
                out.append(
                    f"statistik {key}, {field}: {_show(a.get(field))} → "
                    f"{_show(b.get(field))}"
                )
        columns = b.get("kolumner") or []
        rows_a = {str(r[0]) if r else "": r for r in a.get("rader", [])}
        rows_b = {str(r[0]) if r else "": r for r in b.get("rader", [])}
        for label, row in rows_b.items():
            if label not in rows_a:
                out.append(f"statistik {key}, rad {label} tillagd")
                continue
            before = rows_a[label]
            for index in range(1, max(len(row), len(before))):
                x = before[index] if index < len(before) else None
                y = row[index] if index < len(row) else None
                if x != y:
                    column = columns[index] if index < len(columns) else str(index + 1)
                    name = f", {column}" if len(columns) > 2 else ""
                    out.append(
                        f"statistik {key}, rad {label}{name}: {_show(x)} → {_show(y)}"
                    )
        for label in rows_a:
            if label not in rows_b:
                out.append(f"statistik {key}, rad {label} borttagen")


# -- changes in the rendered text, word by word -----------------------------

RED, GREEN, RESET = "\x1b[31m", "\x1b[32m", "\x1b[0m"


def word_diff(old: str, new: str, *, color: bool) -> list[str]:
    """Return the changed paragraphs of two Markdown texts, marked word by word.

    Without colour, deletions are `[-so-]` and insertions `{+so+}` as in
    `git diff --word-diff`; each change is preceded by its section heading.
    """
    a = [p.strip() for p in old.split("\n\n") if p.strip()]
    b = [p.strip() for p in new.split("\n\n") if p.strip()]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    lines: list[str] = []
    heading = ""

    def heading_before(j: int) -> str:
        for paragraph in reversed(b[:j]):
            if paragraph.startswith("#"):
                return paragraph.lstrip("#").strip()
        return ""

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        here = heading_before(j1)
        if here != heading or not lines:
            heading = here
            lines.append(f"@@ {heading or 'Början'} @@")
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for x, y in zip(olds[:paired], news[:paired], strict=True):
            lines.append(_mark_words(x, y, color))
        for x in olds[paired:]:
            lines.append(_deleted(x, color))
        for y in news[paired:]:
            lines.append(_inserted(y, color))
    return lines


def _deleted(text: str, color: bool) -> str:
    return f"{RED}{text}{RESET}" if color else f"[-{text}-]"


def _inserted(text: str, color: bool) -> str:
    return f"{GREEN}{text}{RESET}" if color else f"{{+{text}+}}"


def _mark_words(old: str, new: str, color: bool) -> str:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(b[j1:j2]))
            continue
        if i2 > i1:
            out.append(_deleted("".join(a[i1:i2]), color))
        if j2 > j1:
            out.append(_inserted("".join(b[j1:j2]), color))
    return "".join(out)


# -- the redline ---------------------------------------------------------------


def redline_docx(
    old_md: str,
    new_md: str,
    after: Case,
    assets: dict[str, bytes],
    project: Project,
    author: str,
) -> tuple[bytes, list[Diagnostic]]:
    """Return NEW's .docx with every difference from OLD as a tracked change,
    dated by NEW's date (or SOURCE_DATE_EPOCH), never the clock."""
    from remiss.docx.package import document_moment, w3cdtf
    from remiss.docx.redline import redline
    from remiss.docx.reference import load_reference
    from remiss.docx.writer import Section, write_sections
    from remiss.render.case import doc_properties, locate_reference, reference_path
    from remiss.text.parse import parse_document

    when = w3cdtf(document_moment(after.date.isoformat()))
    marked = redline(parse_document(old_md), parse_document(new_md))
    props = doc_properties(after)
    data, warnings = write_sections(
        [Section(marked, props)],
        props,
        load_reference(reference_path(project)),
        revision=(author, when),
        assets=assets,
    )
    return data, locate_reference(project, warnings)


# -- the whole comparison ------------------------------------------------------


@dataclass
class Comparison:
    """What `remiss diff` found: problems, changes in words and in the text."""

    diagnostics: list[Diagnostic] = _field(default_factory=list)
    changes: list[str] = _field(default_factory=list)
    text_lines: list[str] = _field(default_factory=list)
    redline: bytes | None = None
    comparable: bool = True

    @property
    def differs(self) -> bool:
        return bool(self.changes or self.text_lines)


def compare(
    old: str,
    new: str,
    project: Project,
    *,
    color: bool,
    author: str | None = None,
) -> Comparison:
    """Compare two versions of a case; with an author, also make the redline.

    Both sides are rendered the one way every command renders, so a broken
    template or chart gives the same located message here as in `render`.
    """
    from remiss.errors import RemissError
    from remiss.render.problems import locate
    from remiss.render.source import render_loaded

    out = Comparison()
    sides = [read_side(old, project), read_side(new, project)]
    rendered = [render_loaded(side.result, project, ("md",)) for side in sides]
    for side in rendered:
        out.diagnostics.extend(side.diagnostics)
    before, after = (side.result.case for side in sides)
    typed = [side.result.typed for side in sides]
    if (
        not all(r.ok and "md" in r.outputs for r in rendered)
        or before is None
        or after is None
        or typed[0] is None
        or typed[1] is None
    ):
        out.comparable = False
        return out
    out.changes = describe_changes(typed[0], typed[1])  # what the user typed
    old_md, new_md = (r.outputs["md"].decode("utf-8") for r in rendered)
    out.text_lines = word_diff(old_md, new_md, color=color)
    if author is not None:
        assets = {k: v for k, v in rendered[1].outputs.items() if k != "md"}
        try:
            out.redline, warnings = redline_docx(
                old_md, new_md, after, assets, project, author
            )
        except RemissError as problem:
            out.diagnostics.extend(locate(problem, sides[1].result, project))
            out.comparable = False
            return out
        out.diagnostics.extend(warnings)
    return out
