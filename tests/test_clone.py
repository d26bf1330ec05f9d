"""A clone elsewhere, with remiss installed as the README says, agrees with
the committed outputs: `build --check` is clean and building changes nothing
in git. For a new project and for this repository's own `output/`.

remiss is installed into a `.venv` inside the clone without the network: a
wheel built once per test session, installed with `--no-deps`, and the
dependencies taken from the test environment through a `.pth` file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, run_remiss


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a program as a colleague would: no PYTHONPATH, no fixed clock."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.pop("SOURCE_DATE_EPOCH", None)
    options = {"cwd": cwd, "env": env, "timeout": 600}
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **options
    )


def git(*args: str | Path, cwd: Path) -> str:
    result = run(
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "-c",
        "init.defaultBranch=main",
        *args,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    isolation = []
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pass
    else:
        isolation = ["--no-build-isolation"]
    result = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", *isolation,
        "-w", folder, ROOT, cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return next(folder.glob("remiss-*.whl"))


def install(clone: Path, wheel: Path) -> Path:
    """Install remiss into clone/.venv as the README does, from the wheel;
    return its `remiss` command."""
    venv = clone / ".venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=clone)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run(python, "-c", purelib, cwd=clone).stdout.strip())
    paths = sysconfig.get_paths()
    ours = dict.fromkeys([paths["purelib"], paths["platlib"]])
    (site / "test_dependencies.pth").write_text("\n".join(ours) + "\n", "utf-8")
    # --ignore-installed: where the test environment has remiss installed
    # itself (as CI installs it), pip would otherwise see that copy through
    # the .pth file and install nothing into the clone.
    result = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
        "--ignore-installed", "--no-index", "-q", wheel, cwd=clone,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    builtin = "import remiss.resources as r; print(r.BUILTIN_TEMPLATES)"
    where = run(python, "-c", builtin, cwd=clone)
    assert Path(where.stdout.strip()).is_relative_to(site), where
    return venv / ("Scripts/remiss.exe" if os.name == "nt" else "bin/remiss")


def assert_clone_agrees(clone: Path, wheel: Path) -> None:
    remiss = install(clone, wheel)
    cases = sorted(p.relative_to(clone).as_posix() for p in clone.glob("cases/*.yaml"))
    for args in (
        ("build", "--check"),
        ("build", "--check", "--public"),
        ("build",),
        ("build", "--public"),
        ("render", *cases),  # the README's first command
    ):
        result = run(remiss, *args, cwd=clone)
        assert result.returncode == 0, (args, result.stderr)
        status = git("status", "--porcelain", "--untracked-files=all", cwd=clone)
        assert status == "", (args, status)


def test_a_new_project_cloned_elsewhere_agrees_with_its_outputs(
    tmp_path: Path, wheel: Path
) -> None:
    origin = tmp_path / "kommunen"
    origin.mkdir()
    shutil.copytree(CASES, origin / "cases")
    shutil.copy(ROOT / "remiss.yaml", origin / "remiss.yaml")
    (origin / ".gitignore").write_text(".venv/\n", "utf-8")
    for flags in ((), ("--public",)):
        built = run_remiss("build", *flags, cwd=origin)
        assert built.returncode == 0, built.stderr
    git("init", "-q", cwd=origin)
    git("add", "-A", cwd=origin)
    git("commit", "-q", "-m", "Ärenden och utdata", cwd=origin)
    clone = tmp_path / "hos en kollega" / "kommunen"
    clone.parent.mkdir()
    git("clone", "-q", origin, clone, cwd=tmp_path)
    assert_clone_agrees(clone, wheel)


def test_this_repository_cloned_elsewhere_agrees_with_its_outputs(
    tmp_path: Path, wheel: Path
) -> None:
    head = git("rev-parse", "HEAD", cwd=ROOT).strip()
    clone = tmp_path / "remiss"
    git("clone", "-q", "--no-checkout", ROOT, clone, cwd=tmp_path)
    git("checkout", "-q", "--detach", head, cwd=clone)
    assert_clone_agrees(clone, wheel)
