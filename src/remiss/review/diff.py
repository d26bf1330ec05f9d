"""`remiss diff`: what changed in a case, in words, in the text, and as a redline;
what changed on a meeting's agenda (`review.agenda`)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from remiss.errors import Diagnostic, UsageError
from remiss.input.case import CaseResult, load_case, load_case_bytes
from remiss.input.meeting import is_meeting_bytes
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import dump
from remiss.review.revisions import Side, commit_moment, read_side, user_name
from remiss.review.worddiff import word_diff

__all__ = ["compare", "describe_changes", "word_diff"]

DEFAULT_AUTHOR = "remiss"


_SHORT = 60


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
    "beslut": ("beslut", "ändrat", "tillagt", "borttaget"),
    "handläggare": ("handläggare", "ändrad", "tillagd", "borttagen"),
    "underskrifter": ("underskrift", "ändrad", "tillagd", "borttagen"),
    "bilagor": ("bilaga", "ändrad", "tillagd", "borttagen"),
    "yrkanden": ("yrkande", "ändrat", "tillagt", "borttaget"),
    "motionärer": ("motionär", "ändrad", "tillagd", "borttagen"),
}


def describe_changes(old: Case, new: Case) -> list[str]:
    """Return the differences between two cases, one sentence each."""
    out: list[str] = []
    compare_values(case_data(old), case_data(new), "", out)
    return out


def compare_values(old: Any, new: Any, where: str, out: list[str]) -> None:
    """Append a sentence for each difference between two values under WHERE."""
    if old == new:
        return
    key = where.rsplit(".", 1)[-1]
    if where == "statistik":
        _compare_tables(old or {}, new or {}, out)
    elif where == "avsnitt":
        _compare_sections(old or [], new or [], out)
    elif isinstance(old, dict) and isinstance(new, dict):
        for k in [*old, *(k for k in new if k not in old)]:
            compare_values(old.get(k), new.get(k), f"{where}.{k}" if where else k, out)
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
            a, b = old[i1 + k], new[j1 + k]
            if (
                key == "förslag_till_beslut"
                and isinstance(a, dict)
                and isinstance(b, dict)
            ):
                _compare_group(a, b, j1 + k + 1, out)  # format 1.1: decisions per body
                continue
            out.append(f"{noun} {j1 + k + 1} {changed}")
        for k in range(i1 + paired, i2):
            out.append(f"{noun} {k + 1} {removed}")
        for k in range(j1 + paired, j2):
            out.append(f"{noun} {k + 1} {added}")


def _compare_group(old: dict, new: dict, number: int, out: list[str]) -> None:
    """Say what changed in one group of decisions: its heading, its decisions."""
    where = f"grupp {number}"
    if old.get("rubrik") != new.get("rubrik"):
        out.append(
            f"{where}, rubrik: {_show(old.get('rubrik'))} → {_show(new.get('rubrik'))}"
        )
    found: list[str] = []
    _compare_lists(
        old.get("beslut") or [], new.get("beslut") or [], "", "beslut", found
    )
    out.extend(f"{where}, {line}" for line in found)


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


# -- the redline ---------------------------------------------------------------


def redline_docx(
    old_md: str,
    new_md: str,
    after: Case,
    assets: dict[str, bytes],
    project: Project,
    revision: tuple[str, datetime],
) -> tuple[bytes, list[Diagnostic]]:
    """Return NEW's .docx with every difference from OLD as a tracked change
    by REVISION's author, at its moment (never the clock)."""
    from remiss.docx.package import w3cdtf
    from remiss.docx.redline import redline
    from remiss.docx.reference import load_reference
    from remiss.docx.writer import Section, write_sections
    from remiss.render.case import doc_properties, locate_reference, reference_path
    from remiss.text.parse import parse_document

    author, moment = revision
    marked = redline(parse_document(old_md), parse_document(new_md))
    props = doc_properties(after, project)
    data, warnings = write_sections(
        [Section(marked, props)],
        props,
        load_reference(reference_path(project, after.template)),
        revision=(author, w3cdtf(moment)),
        assets=assets,
    )
    return data, locate_reference(project, warnings)


def revision_of(
    new: Side, after: Case, author: str | None, moment: datetime | None
) -> tuple[str, datetime]:
    """Return who made the changes and when, for the redline.

    The author is `--författare`, else git's `user.name` in the repository
    the new file is in, else "remiss". The moment is `--datum`, else the
    commit time of the new side when it is a git revision, else the case's
    own date (or SOURCE_DATE_EPOCH): the same inputs give the same bytes.
    """
    from remiss.docx.package import document_moment

    if author is None:
        folder = Path.cwd() if new.revision else new.path.resolve().parent
        author = user_name(folder) or DEFAULT_AUTHOR
    if moment is None:
        moment = (
            commit_moment(new.revision)
            if new.revision
            else document_moment(after.date.isoformat())
        )
    return author, moment


# -- the whole comparison ------------------------------------------------------


@dataclass
class Comparison:
    """What `remiss diff` found: problems, changes in words and in the text."""

    diagnostics: list[Diagnostic] = _field(default_factory=list)
    changes: list[str] = _field(default_factory=list)
    text_lines: list[str] = _field(default_factory=list)
    redline: bytes | None = None
    revision: tuple[str, datetime] | None = None
    comparable: bool = True
    meeting: bool = False

    @property
    def differs(self) -> bool:
        return bool(self.changes or self.text_lines)


def compare(
    old: str,
    new: str,
    project: Project,
    *,
    color: bool,
    redline: bool = False,
    author: str | None = None,
    moment: datetime | None = None,
) -> Comparison:
    """Compare two versions of a case or of a meeting's agenda; with
    `redline`, also make the Word document with tracked changes.

    Both cases are rendered the one way every command renders, so a broken
    template or chart gives the same located message here as in `render`.
    """
    sides = [read_side(old), read_side(new)]
    meetings = [is_meeting_bytes(side.data) for side in sides]
    if meetings[0] != meetings[1]:
        raise UsageError(
            f"{old if meetings[0] else new} är ett sammanträde och "
            f"{new if meetings[0] else old} ett ärende; jämför två versioner av "
            "samma sorts fil"
        )
    if meetings[0]:
        if redline:
            raise UsageError(
                "spårade ändringar i Word (-o) görs för ärenden; för ett "
                "sammanträde visar remiss diff ändringarna i föredragningslistan"
            )
        return _compare_agendas(sides[0], sides[1])
    return _compare_cases(
        sides[0], sides[1], project, color, redline, author=author, moment=moment
    )


def _compare_agendas(old: Side, new: Side) -> Comparison:
    from remiss.review.agenda import describe_agenda, load

    out = Comparison(meeting=True)
    before, problems = load(old)
    out.diagnostics.extend(problems)
    after, problems = load(new)
    out.diagnostics.extend(problems)
    if before is None or after is None:
        out.comparable = False
        return out
    out.changes = describe_agenda(before, after)
    return out


def _load(side: Side, project: Project) -> CaseResult:
    if side.revision is None:
        return load_case(side.path, project)
    return load_case_bytes(side.data, side.label, project)


def _compare_cases(
    old: Side,
    new: Side,
    project: Project,
    color: bool,
    redline: bool,
    *,
    author: str | None,
    moment: datetime | None,
) -> Comparison:
    from remiss.errors import RemissError
    from remiss.render.problems import locate
    from remiss.render.source import render_loaded

    out = Comparison()
    results = [_load(old, project), _load(new, project)]
    rendered = [render_loaded(result, project, ("md",)) for result in results]
    for side in rendered:
        out.diagnostics.extend(side.diagnostics)
    before, after = (result.case for result in results)
    typed = [result.typed for result in results]
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
    if redline:
        out.revision = revision_of(new, after, author, moment)
        assets = {k: v for k, v in rendered[1].outputs.items() if k != "md"}
        try:
            out.redline, warnings = redline_docx(
                old_md, new_md, after, assets, project, out.revision
            )
        except RemissError as problem:
            out.diagnostics.extend(locate(problem, results[1], project))
            out.comparable = False
            return out
        out.diagnostics.extend(warnings)
    return out
