"""git without ceremony: `remiss git-setup` in a fresh repository whose PATH
has no remiss, the README's git example as written, and the redline's author
and date from git."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import CASES, ROOT, run_remiss

CASE = "cases/forsokslagenheter.yaml"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(CASES, target / "cases")
    shutil.copy(ROOT / "remiss.yaml", target / "remiss.yaml")
    return target


def installed_remiss(folder: Path) -> Path:
    """Return `.venv/bin/remiss` in FOLDER: the console script of the remiss
    under test, as a project that installed remiss has it."""
    script = Path(sys.executable).parent / "remiss"
    venv = folder / ".venv" / "bin"
    venv.mkdir(parents=True)
    if script.is_file():
        (venv / "remiss").symlink_to(script)
    else:  # remiss run from a source tree: the same Python, the same package
        (venv / "remiss").write_text(
            f'#!/bin/sh\nexec "{sys.executable}" -m remiss "$@"\n'
        )
        (venv / "remiss").chmod(0o755)
    return venv / "remiss"


def bare_env(home: Path) -> dict[str, str]:
    """An environment with git and a shell on PATH, and no remiss at all."""
    folders = {
        str(Path(shutil.which(p) or "/usr/bin/" + p).parent) for p in ("git", "sh")
    }
    path = os.pathsep.join(sorted(folders))
    assert shutil.which("remiss", path=path) is None, path
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_")
        and k not in ("VIRTUAL_ENV", "PYTHONPATH", "SOURCE_DATE_EPOCH")
    }
    return {
        **env,
        "PATH": path,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "LC_ALL": "C.UTF-8",
    }


class Repo:
    """A fresh git repository holding a copy of the example project."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = copy_project(tmp_path / "projekt")
        self.remiss = installed_remiss(self.root)
        self.env = bare_env(tmp_path)
        (self.root / ".gitignore").write_text(".venv/\n", encoding="utf-8")
        self.sh("git init -q && git config user.name 'Anna Lindqvist'")
        self.sh("git config user.email anna@example.org")

    def sh(self, command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            command,
            shell=True,
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert "Traceback" not in done.stderr, done.stderr
        if check:
            assert done.returncode == 0, (command, done.stdout, done.stderr)
        return done

    def edit(self, old: str, new: str) -> None:
        case = self.root / CASE
        text = case.read_text("utf-8")
        assert old in text, old
        case.write_text(text.replace(old, new), encoding="utf-8")


def test_git_setup_makes_diff_and_commit_work_without_an_environment(
    tmp_path: Path,
) -> None:
    repo = Repo(tmp_path)
    setup = repo.sh(".venv/bin/remiss git-setup")
    assert ".gitattributes: '*.docx diff=remiss-docx' tillagt" in setup.stderr
    assert "pre-commit-krok skriven" in setup.stderr
    assert (repo.root / ".gitattributes").read_text() == "*.docx diff=remiss-docx\n"
    textconv = repo.sh("git config diff.remiss-docx.textconv").stdout.strip()
    assert textconv.endswith(" textconv")
    assert textconv.startswith("/")
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    written = {p: p.read_bytes() for p in (hook, repo.root / ".gitattributes")}
    again = repo.sh(".venv/bin/remiss git-installera")  # the Swedish name
    assert "fanns redan" in again.stderr
    assert "redan inställt" in again.stderr
    assert {p: p.read_bytes() for p in written} == written

    remiss = ".venv/bin/remiss"
    repo.sh(f"{remiss} build -j 1 && {remiss} build --public -j 1")
    repo.sh("git add -A && git commit -qm ett")
    repo.edit("[Innerstaden, 62]", "[Innerstaden, 70]")

    # A stale commit is stopped, and the message says what to run.
    stale = repo.sh("git commit -qam två", check=False)
    assert stale.returncode != 0
    assert "Kör: remiss build\n" in stale.stderr
    repo.sh(f"{remiss} build -j 1 && git add -A")
    stale = repo.sh("git commit -qm två", check=False)
    assert stale.returncode != 0
    assert "Kör: remiss build --public" in stale.stderr
    repo.sh(f"{remiss} build --public -j 1 && git add -A && git commit -qm två")

    # git shows the Word file's text change through remiss.
    shown = repo.sh("git diff HEAD~1 -- output/forsokslagenheter.docx").stdout
    assert "\n-Innerstaden\t62\t" in shown
    assert "\n+Innerstaden\t70\t" in shown

    # A case with an error is stopped too.
    repo.edit("rubrik: Svar på remiss", "rubrikk: Svar på remiss")
    broken = repo.sh("git commit -qam tre", check=False)
    assert broken.returncode != 0
    assert "ärendena har fel" in broken.stderr
    assert "rubrikk" in broken.stderr


def test_the_hook_checks_what_is_committed_not_the_working_folder(
    tmp_path: Path,
) -> None:
    """A commit is judged by the index: rebuilt documents that were not
    added stop it, and an unfinished edit that was not added does not."""
    repo = Repo(tmp_path)
    remiss = ".venv/bin/remiss"
    repo.sh(f"{remiss} git-setup")
    repo.sh(f"{remiss} build -j 1 && {remiss} build --public -j 1")
    repo.sh("git add -A && git commit -qm ett")

    # The case and its documents are right in the folder, but only the case
    # is added: what would be committed is stale.
    repo.edit("[Innerstaden, 62]", "[Innerstaden, 70]")
    repo.sh(f"{remiss} build -j 1 && {remiss} build --public -j 1")
    repo.sh(f"git add {CASE}")
    stopped = repo.sh("git commit -qm två", check=False)
    assert stopped.returncode != 0
    assert "Kör: remiss build\n" in stopped.stderr
    repo.sh("git add -A && git commit -qm två")

    # An edit with an error that is not added does not stop a commit of
    # something else, and is still there afterwards.
    (repo.root / "anteckning.txt").write_text("att göra\n", encoding="utf-8")
    repo.edit("rubrik: Svar på remiss", "rubrikk: Svar på remiss")
    repo.sh("git add anteckning.txt && git commit -qm tre")
    assert "rubrikk" in (repo.root / CASE).read_text("utf-8")
    assert repo.sh("git status --porcelain").stdout == f" M {CASE}\n"
    # ... and once added, it does.
    broken = repo.sh("git commit -qam fyra", check=False)
    assert broken.returncode != 0
    assert "ärendena har fel" in broken.stderr


def test_a_hook_someone_else_wrote_is_left_alone(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec pre-commit\n", encoding="utf-8")
    done = repo.sh(".venv/bin/remiss git-setup", check=False)
    assert done.returncode == 1
    assert "lämnades orörd" in done.stderr
    assert hook.read_text("utf-8") == "#!/bin/sh\nexec pre-commit\n"
    assert repo.sh("git config diff.remiss-docx.textconv").stdout.strip()


def test_git_setup_outside_a_repository_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    done = run_remiss(
        "git-setup", cwd=project, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert done.returncode == 2
    assert "kör 'git init' först" in done.stderr


# -- the README's example, as written --------------------------------------------


def readme_git_example() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("<!-- git-exempel -->", 1)[1]
    block = block.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_git_example_works_in_a_fresh_repository(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    remiss = ".venv/bin/remiss"
    repo.sh(f"{remiss} build -j 1 && git add -A && git commit -qm ett")
    repo.edit("[Innerstaden, 62]", "[Innerstaden, 70]")
    repo.sh(f"{remiss} build -j 1 && git commit -qam två")
    outputs = [repo.sh(line, check=False) for line in readme_git_example()]
    for line, done in zip(readme_git_example(), outputs, strict=True):
        assert done.returncode in (0, 1), (line, done.stderr)
    word_diff = outputs[1].stdout
    assert "\n-Innerstaden\t62\t" in word_diff
    assert "\n+Innerstaden\t70\t" in word_diff
    assert "statistik lagenheter, rad Innerstaden: 62 → 70" in outputs[2].stdout
    assert (repo.root / "granskning.docx").exists()


# -- the redline's author and date -----------------------------------------------


def _revisions(data: bytes) -> set[tuple[str, str]]:
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    return set(re.findall(r'w:author="([^"]*)" w:date="([^"]*)"', xml))


def test_redline_author_and_date_come_from_git(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.sh("git add -A && git commit -qm ett")
    repo.edit("[Innerstaden, 62]", "[Innerstaden, 70]")
    repo.env["GIT_COMMITTER_DATE"] = "2011-08-31T14:30:00+02:00"
    repo.sh("git commit -qam två")
    del repo.env["GIT_COMMITTER_DATE"]
    remiss = ".venv/bin/remiss diff HEAD~1:cases/forsokslagenheter.yaml"
    repo.sh(f"{remiss} HEAD:{CASE} -o a.docx", check=False)
    repo.sh(f"{remiss} HEAD:{CASE} -o b.docx", check=False)
    first = (repo.root / "a.docx").read_bytes()
    assert _revisions(first) == {("Anna Lindqvist", "2011-08-31T12:30:00Z")}
    assert (repo.root / "b.docx").read_bytes() == first  # same inputs, same bytes

    # The working tree as the new side: the case's own date.
    repo.edit("[Innerstaden, 70]", "[Innerstaden, 71]")
    repo.sh(f"{remiss} {CASE} -o c.docx", check=False)
    assert _revisions((repo.root / "c.docx").read_bytes()) == {
        ("Anna Lindqvist", "2011-08-10T00:00:00Z")
    }
    # The options win over both.
    repo.sh(
        f"{remiss} HEAD:{CASE} -o d.docx --författare 'Per Sandberg' "
        "--datum 2011-09-01",
        check=False,
    )
    assert _revisions((repo.root / "d.docx").read_bytes()) == {
        ("Per Sandberg", "2011-09-01T00:00:00Z")
    }
    bad = repo.sh(f"{remiss} {CASE} -o e.docx --datum igår", check=False)
    assert bad.returncode == 2
    assert "--datum igår: inget datum" in bad.stderr
