"""Gather the answers to a remiss for a case's remissammanställning.

A case with `remissammanställning:` (kommunstyrelsen's own utlåtande, say)
shows a table of the answers: the project's case files whose
`remiss.diarienummer` is the remiss's Dnr, or the files the key lists. The
answers are read here, through the same loader as every case, and become
the template variables `remissvar` and `remissammanställning`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from remiss.errors import WARNING, Diagnostic, display_path
from remiss.input.case import CaseResult, load_case
from remiss.input.discover import discover
from remiss.input.meeting import is_meeting_file
from remiss.input.secrecy import Secrecy
from remiss.model.case import Case
from remiss.model.compilation import Answer, Compilation
from remiss.model.project import Project

_SWEDISH_LAST = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003"})


def sort_key(name: str) -> str:
    """Order names as a Swedish reader expects: å, ä, ö after z."""
    return " ".join(name.split()).casefold().translate(_SWEDISH_LAST)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@dataclass
class Gathered:
    compilation: Compilation
    inputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def gather(
    result: CaseResult, project: Project, secrecy: Secrecy | None = None
) -> Gathered | None:
    """Return the compilation a loaded case asks for, or None. An answer is
    confidential when it says so or `secrecy` (the build's meetings) does."""
    case = result.case
    if case is None or case.compilation is None:
        return None
    spec = case.compilation
    reference = spec.reference or case.reference
    source = result.loaded.source if result.loaded is not None else None
    diagnostics: list[Diagnostic] = []

    def warn(loc: tuple[str | int, ...], code: str, message: str, hint: str) -> None:
        if source is not None:
            diagnostics.append(
                source.diagnostic(
                    ("remissammanställning", *loc),
                    code,
                    message,
                    hint,
                    severity=WARNING,
                )
            )

    own = result.path.resolve()
    answers: list[tuple[Path, Case]] = []
    looked_in: list[Path] = []
    if spec.files:
        for index, raw in enumerate(spec.files):
            path = (result.path.parent / raw).resolve()
            loc = ("ärenden", index)
            if not path.is_relative_to(project.root) or not path.is_file():
                warn(
                    loc,
                    "W901",
                    f"svaret '{raw}' finns inte i projektet",
                    "sökvägen räknas från ärendefilens mapp och ska ligga i projektet",
                )
                continue
            if path == own or is_meeting_file(path):
                what = "ärendet självt" if path == own else "en mötesfil"
                warn(
                    loc,
                    "W903",
                    f"'{raw}' är {what}, inte ett remissvar, och tas inte med",
                    "lista remissinstansernas svar, t.ex. 'remissvar-kungsholmen.yaml'",
                )
                continue
            answer = _load(path, project)
            if answer is None:
                warn(
                    loc,
                    "W902",
                    f"svaret '{raw}' har fel och kan inte tas med",
                    f"kör 'remiss check {display_path(path)}' och rätta felen",
                )
                continue
            answers.append((path, answer))
    else:
        # Found by looking: a new, removed or changed case file anywhere
        # in the folder may change what is found (see Hasher.folder).
        looked_in.append(project.root / "cases")
        for path in discover(project.root):
            if path.resolve() == own or is_meeting_file(path):
                continue
            answer = _load(path, project)
            if answer is None:
                if _mentions(path, reference):
                    shown = path.relative_to(project.root).as_posix()
                    warn(
                        ("diarienummer",) if spec.reference else (),
                        "W902",
                        f"svaret '{shown}' har fel och kan inte tas med",
                        f"kör 'remiss check {shown}' och rätta felen",
                    )
                continue
            ref = answer.referral.reference if answer.referral else None
            if ref is not None and _same(ref, reference):
                answers.append((path, answer))
    if secrecy is not None:
        answers = [(path, secrecy.apply(path, answer)) for path, answer in answers]
    gathered = _compile(case, reference, answers, project)
    gathered.diagnostics = diagnostics
    gathered.inputs += looked_in
    return gathered


def _load(path: Path, project: Project) -> Case | None:
    loaded = load_case(path, project)
    return loaded.case if loaded.ok else None


def _mentions(path: Path, reference: str) -> bool:
    try:
        return reference in path.read_text("utf-8", errors="replace")
    except OSError:
        return False


def _compile(
    case: Case,
    reference: str,
    found: list[tuple[Path, Case]],
    project: Project,
) -> Gathered:
    spec = case.compilation
    assert spec is not None
    rows: list[Answer] = []
    for path, answer in found:
        referral = answer.referral
        reply_by = spec.reply_by or (referral.reply_by if referral else None)
        gist = (referral.gist if referral else None) or _first_paragraph(answer.summary)
        rows.append(
            Answer(
                instans=answer.committee,
                date=answer.date,
                stance=answer.stance,
                gist=gist,
                late=reply_by is not None and answer.date > reply_by,
                confidential=answer.is_confidential,
                source=path.relative_to(project.root).as_posix(),
                path=path,
            )
        )
    rows.sort(key=lambda a: (sort_key(a.instans), a.date, a.source))
    expected = list(spec.expected)
    if not expected:
        for _path, answer in found:
            expected.append(answer.committee)
            if answer.referral is not None:
                expected.extend(answer.referral.also_to)
    missing: list[str] = []
    for name in expected:
        answered = any(_same(name, a.instans) for a in rows)
        if not answered and not any(_same(name, m) for m in missing):
            if not _same(name, case.committee):  # the asking body itself
                missing.append(" ".join(name.split()))
    missing.sort(key=sort_key)
    reply_by = spec.reply_by
    if reply_by is None:
        dates = {
            a.referral.reply_by for _p, a in found if a.referral and a.referral.reply_by
        }
        reply_by = max(dates) if len(dates) == 1 else None
    compilation = Compilation(
        reference=reference,
        reply_by=reply_by,
        answers=tuple(rows),
        missing=tuple(missing),
    )
    return Gathered(compilation, inputs=[path for path, _ in found])


def _first_paragraph(markdown: str) -> str:
    for block in markdown.strip().split("\n\n"):
        text = " ".join(block.split())
        if text:
            return text
    return ""
