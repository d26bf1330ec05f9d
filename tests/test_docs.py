"""The README documents every message code the program can give."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "remiss").rglob("*.py"):
        found.update(re.findall(r'"([EWT]\d{3})"', path.read_text("utf-8")))
    return found


def codes_in_readme() -> set[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    table = text.split("### Koder i meddelandena", 1)[1].split("###", 1)[0]
    found: set[str] = set()
    for cell in re.findall(r"^\| ([^|]+) \|", table, flags=re.M):
        for first, last in re.findall(r"([EWT]\d{3})(?:–([EWT]\d{3}))?", cell):
            if last:
                prefix = first[0]
                found.update(
                    f"{prefix}{n:03}" for n in range(int(first[1:]), int(last[1:]) + 1)
                )
            else:
                found.add(first)
    return found


def test_every_code_is_documented() -> None:
    used = codes_in_source()
    assert len(used) > 40
    missing = sorted(used - codes_in_readme())
    assert missing == [], f"koder som saknas i README: {missing}"
