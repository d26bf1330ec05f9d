"""`remiss git-setup` (alias `git-installera`): git reads Word files through
remiss and checks every commit with it, without an activated environment.

Everything git runs is written with the full path of the remiss that ran
the set-up, so `git diff` and `git commit` work from any shell. Running it
again changes nothing when nothing changed, and rewrites the paths when
remiss moved. A pre-commit hook that remiss did not write is left alone.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import EXIT_FINDINGS, echo
from remiss.errors import UsageError, os_problem

DRIVER = "remiss-docx"
ATTRIBUTE = f"*.docx diff={DRIVER}"
# What the README told people to write by hand before git-setup existed.
_OLD_ATTRIBUTES = ("*.docx diff=docx",)
HOOK_MARK = "# remiss git-setup"


@click.command(
    "git-setup",
    cls=common.Command,
    help=(
        "Ställ in git i projektets förråd: Word-filer visas som text i git diff, "
        "och varje incheckning kontrolleras (remiss check, remiss build --check "
        "och remiss build --public --check). Fungerar utan aktiverad miljö."
    ),
)
def git_setup() -> None:
    project = common.project_for(())
    report = set_up(project.root)
    for line in report.lines:
        echo(line)
    if report.refused:
        sys.exit(EXIT_FINDINGS)


@dataclass
class SetupReport:
    """What the set-up did, one Swedish sentence each; `refused` when a part
    was left undone (a hook someone else wrote)."""

    lines: list[str] = field(default_factory=list)
    refused: bool = False


def remiss_command() -> list[str]:
    """Return the command that runs this very remiss, with full paths.

    The console script (`.venv/bin/remiss`) when that is what runs, else this
    Python with `-m remiss`, which is the same installation."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name in ("remiss", "remiss.exe"):
        if script.is_file():
            return [str(script.resolve())]
    return [str(Path(sys.executable).absolute()), "-m", "remiss"]


def set_up(project_root: Path, command: list[str] | None = None) -> SetupReport:
    """Write .gitattributes, the repository's diff driver and the hook."""
    command = command or remiss_command()
    report = SetupReport()
    top = Path(_git(["rev-parse", "--show-toplevel"], project_root))
    _attributes(project_root, report)
    _driver(project_root, command, report)
    prefix = _git(["rev-parse", "--show-prefix"], project_root)
    hooks = Path(_git(["rev-parse", "--git-path", "hooks"], project_root))
    hooks = hooks if hooks.is_absolute() else project_root / hooks
    _hook(hooks / "pre-commit", command, prefix, top, report)
    return report


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise UsageError(
            "git finns inte installerat; installera det (t.ex. apt-get install git)"
        ) from None
    if done.returncode != 0:
        if "not a git repository" in done.stderr:
            raise UsageError(
                f"{cwd}: mappen ligger inte i ett git-förråd; kör 'git init' först"
            )
        problem = done.stderr.strip().splitlines()[-1:] or [""]
        raise UsageError(f"git {args[0]} misslyckades: {problem[0]}")
    return done.stdout.strip()


def _attributes(root: Path, report: SetupReport) -> None:
    path = root / ".gitattributes"
    try:
        text = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_problem(exc) if isinstance(exc, OSError) else "inte UTF-8"
        raise UsageError(f"{path}: filen kan inte läsas ({reason})") from None
    lines = text.splitlines()
    docx_lines = [line for line in lines if line.split()[:1] == ["*.docx"]]
    if docx_lines and docx_lines[-1].strip() == ATTRIBUTE:
        report.lines.append(f".gitattributes: '{ATTRIBUTE}' fanns redan")
        return
    kept = [line for line in lines if line.strip() not in _OLD_ATTRIBUTES]
    _write(path, "\n".join([*kept, ATTRIBUTE]) + "\n")
    report.lines.append(
        f".gitattributes: '{ATTRIBUTE}' tillagt (Word-filer visas som text i git diff)"
    )


def _driver(root: Path, command: list[str], report: SetupReport) -> None:
    key = f"diff.{DRIVER}.textconv"
    wanted = f"{shlex.join(command)} textconv"
    done = subprocess.run(
        ["git", "config", "--local", "--get", key],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0 and done.stdout.strip() == wanted:
        report.lines.append(f"git config {key}: redan inställt")
        return
    _git(["config", "--local", key, wanted], root)
    report.lines.append(f"git config {key} = {wanted}")


def hook_script(command: list[str], prefix: str) -> str:
    """Return the pre-commit hook: the cases are free of errors, and output/
    and the public folder are built from them, as they will be committed.

    What is checked is the index (what `git commit` records). When the
    working folder holds exactly that (nothing unstaged, nothing untracked)
    it is checked in place, where the stat cache makes it fast; otherwise a
    copy of the index is checked in a temporary folder.
    """
    run = shlex.join(command)
    inside = f"/{shlex.quote(prefix)}" if prefix else ""
    return f"""#!/bin/sh
{HOOK_MARK}
# Skriven av 'remiss git-setup'. Kör kommandot igen för att skriva om
# kroken, t.ex. när remiss har installerats på ett nytt ställe.
# Stoppar en incheckning när ärendena har fel, eller när dokumenten i output/
# eller i den offentliga mappen inte är byggda från ärendena.
# Det som kontrolleras är det som checkas in (git add), inte arbetsmappen.
topp="$(git rev-parse --show-toplevel)" || exit 1
if git diff --quiet && [ -z "$(git ls-files --others --exclude-standard)" ]; then
  cd "$topp"{inside} || exit 1
else
  # Ändringar som inte lagts till: kontrollera en kopia av det som checkas in.
  kopia="$(mktemp -d)" || exit 1
  trap 'rm -rf "$kopia"' EXIT
  trap 'exit 1' HUP INT TERM
  (cd "$topp" && git checkout-index -a --prefix="$kopia/") || exit 1
  cd "$kopia"{inside} || exit 1
fi
# Quiet when all is well; on a finding, what remiss said and what to run.
kontroll() {{
  svar=$({run} "$@" 2>&1) && return 0
  printf '%s\n' "$svar" >&2
  return 1
}}
stopp() {{
  echo "" >&2
  echo "Incheckningen stoppades: $1" >&2
  echo "Kör: $2" >&2
  echo "och checka in igen (med de nya filerna: git add -A)." >&2
  echo "remiss finns här: {run}" >&2
  exit 1
}}
kontroll check || stopp "ärendena har fel (se ovan); rätta dem." "remiss check"
kontroll build --check ||
  stopp "dokumenten i output/ är inte aktuella." "remiss build"
kontroll build --public --check ||
  stopp "den offentliga mappen är inte aktuell." "remiss build --public"
"""


def _hook(
    path: Path, command: list[str], prefix: str, top: Path, report: SetupReport
) -> None:
    script = hook_script(command, prefix)
    shown = _shown(path, top)
    try:
        current = path.read_text("utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError):
        current = ""  # unreadable: not ours
    if current is not None and HOOK_MARK not in current:
        report.refused = True
        report.lines.append(
            f"{shown}: det finns redan en pre-commit-krok som remiss inte skrivit; "
            "den lämnades orörd. Lägg till raderna 'remiss check', 'remiss build "
            "--check' och 'remiss build --public --check' i den, eller ta bort den "
            "och kör 'remiss git-setup' igen"
        )
        return
    if current == script:
        report.lines.append(f"{shown}: kroken fanns redan")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, script)
    path.chmod(0o755)
    done = "skriven" if current is None else "skriven om"
    report.lines.append(
        f"{shown}: pre-commit-krok {done} (remiss check, remiss build --check och "
        "remiss build --public --check före varje incheckning)"
    )


def _write(path: Path, text: str) -> None:
    from remiss.build.files import atomic_write

    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: kunde inte skrivas ({os_problem(exc)})") from None


def _shown(path: Path, top: Path) -> str:
    try:
        return os.path.relpath(path, top)
    except ValueError:
        return str(path)
