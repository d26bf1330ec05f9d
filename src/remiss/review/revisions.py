"""The two sides of `remiss diff`: a file, or `REVISION:path` out of git, and
what git knows about them (who is writing, when a revision was committed)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from remiss.errors import UsageError, os_problem
from remiss.input.files import NotRegular, TooLarge, read_regular
from remiss.input.yaml import MAX_BYTES


@dataclass(frozen=True)
class Side:
    """One version: its bytes, and where they came from."""

    label: str  # as the user wrote it
    data: bytes
    path: Path  # the file, or for a revision the file it was in the working tree
    revision: str | None = None

    def sibling(self, name: str) -> Side:
        """Return the file NAME next to this one, in the same version."""
        path = self.path.parent / name
        if self.revision is None:
            return read_side(str(path))
        return Side(
            f"{self.revision}:{path.as_posix()}",
            git_show(self.revision, path.as_posix()),
            path,
            self.revision,
        )


def read_side(spec: str) -> Side:
    """Read a file, or `REV:path` from the git repository here."""
    path = Path(spec)
    if path.exists() or ":" not in spec:
        if not path.exists():
            raise UsageError(f"{spec}: filen finns inte; kontrollera sökvägen")
        return Side(spec, _read(path), path)
    rev, _, name = spec.partition(":")
    return Side(spec, git_show(rev, name), Path(name), rev)


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_BYTES)
    except NotRegular:
        raise UsageError(f"{path}: är ingen vanlig fil") from None
    except TooLarge:
        raise UsageError(
            f"{path}: filen är större än {MAX_BYTES // 1_000_000} MB"
        ) from None
    except OSError as exc:
        raise UsageError(f"{path}: filen kan inte läsas ({os_problem(exc)})") from None


def _git(
    args: list[str], cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], capture_output=True, check=False, timeout=60, cwd=cwd
        )
    except FileNotFoundError:
        raise UsageError(
            "git finns inte installerat; ange två filer i stället"
        ) from None


def git_show(rev: str, name: str) -> bytes:
    """Return a file's bytes at a revision; NAME is relative to the current
    folder or to the repository's top."""
    attempts = [f"{rev}:{name}"]
    if not name.startswith(("./", "/")):
        attempts.insert(0, f"{rev}:./{name}")
    last = ""
    for target in attempts:
        done = _git(["show", target])
        if done.returncode == 0:
            return done.stdout
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        last = tail[0] if tail else ""
    raise UsageError(
        f"{rev}:{name}: kunde inte läsa filen ur git ({last}); kontrollera "
        "revisionen och sökvägen, t.ex. HEAD~1:cases/arende.yaml"
    )


def commit_moment(rev: str) -> datetime:
    """Return when a revision was committed (its committer date), in UTC."""
    done = _git(["show", "-s", "--format=%ct", f"{rev}^{{commit}}", "--"])
    text = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not text.isdigit():
        raise UsageError(
            f"{rev}: ingen incheckning i git; kontrollera revisionen, t.ex. HEAD~1"
        )
    return datetime.fromtimestamp(int(text), timezone.utc)


def user_name(folder: Path) -> str | None:
    """Return git's `user.name` in the repository FOLDER is in, if set."""
    try:
        done = _git(["config", "user.name"], cwd=folder)
    except UsageError:
        return None  # no git: the caller's default holds
    name = done.stdout.decode("utf-8", "replace").strip()
    return name if done.returncode == 0 and name else None


def parse_moment(text: str) -> datetime:
    """Return `--datum`: 2011-08-31 or 2011-08-31T14:30 (UTC unless a zone
    is given, as in 2011-08-31T14:30+02:00)."""
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise UsageError(
            f"--datum {text}: inget datum; skriv t.ex. 2011-08-31 eller "
            "2011-08-31T14:30"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
