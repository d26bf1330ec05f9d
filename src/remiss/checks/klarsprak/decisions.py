"""Proposed decisions: whole sentences in the committee's name."""

from __future__ import annotations

import re

from remiss.checks.klarsprak.text import (
    _ATT_START,
    _CLOSING,
    _FORELIGGANDE,
    _OPENING,
    DECISIONS_KEY,
    W_ATT_CLAUSE,
    W_FORELIGGANDE,
    W_NO_COMMITTEE,
    W_NOT_SENTENCE,
    Finding,
    _position,
)

# ---------------------------------------------------------------------------
# Decisions


def _committee_pattern(committee: str) -> re.Pattern[str]:
    """Return a regex for the committee's name, also in the genitive."""
    parts = committee.split()
    name = r"\s+".join(re.escape(p) for p in parts)
    genitive = "" if parts[-1][-1:].lower() in "sxz" else "s?"
    return re.compile(rf"(?<!\w){name}{genitive}(?!\w)", re.IGNORECASE)


def _example(committee: str) -> str:
    """Return an example decision in the committee's name."""
    name = committee.strip() or "Socialnämnden"
    return f'"{name[:1].upper()}{name[1:]} överlämnar ärendet till kommunstyrelsen."'


def check_decision(
    text: str, committee: str, *, section: str = DECISIONS_KEY, named: bool = True
) -> list[Finding]:
    """Return the problems of one proposed decision (förslag till beslut);
    with `named` false it need not name the committee."""
    findings: list[Finding] = []
    example = _example(committee)
    sentence_hint = f"skriv beslutet som en hel mening i nämndens namn, t.ex. {example}"

    def add(offset: int, code: str, message: str, hint: str) -> None:
        line, col = _position(text, offset)
        findings.append(Finding(section, line, col, code, message, hint))

    stripped = text.strip()
    if not stripped:
        add(0, W_NOT_SENTENCE, "beslutet är tomt", sentence_hint)
        return findings
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip()) - 1
    att = _ATT_START.match(text)
    if not att and not stripped.lstrip(_OPENING)[:1].isupper():
        add(
            first,
            W_NOT_SENTENCE,
            "beslutet börjar inte med stor bokstav",
            sentence_hint,
        )
    if not stripped.rstrip(_CLOSING).endswith(".") or stripped.endswith(".."):
        add(last, W_NOT_SENTENCE, "beslutet slutar inte med punkt", sentence_hint)
    if named and committee.strip() and not _committee_pattern(committee).search(text):
        add(
            first,
            W_NO_COMMITTEE,
            f"beslutet nämner inte {committee.strip()}",
            sentence_hint,
        )
    if att:
        add(
            first,
            W_ATT_CLAUSE,
            "beslutet är skrivet som en att-sats",
            f'börja med nämndens namn i stället för "att", t.ex. {example}',
        )
    for m in _FORELIGGANDE.finditer(text):
        add(
            m.start(),
            W_FORELIGGANDE,
            'skriv inte "i enlighet med föreliggande förslag"',
            "skriv ut vad nämnden beslutar, så att beslutet går att förstå i "
            f"protokollet utan förslaget, t.ex. {example}",
        )
    return findings
