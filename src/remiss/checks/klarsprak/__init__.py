"""Plain Swedish (klarspråk): LIX, long sentences, stiff words, decisions.

Why: språklagen 11 § requires public Swedish to be "vårdat, enkelt och
begripligt". This package gives officials concrete, positioned findings on
the Markdown texts and the proposed decisions of a case. The text model (what
a word and a sentence are) is described in `text`.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from remiss.checks.klarsprak.decisions import check_decision
from remiss.checks.klarsprak.text import (
    _FORELIGGANDE,
    _NON_SPACE,
    DECISIONS_KEY,
    W_ATT_CLAUSE,
    W_FORELIGGANDE,
    W_LIX,
    W_LONG_SENTENCE,
    W_NO_COMMITTEE,
    W_NOT_SENTENCE,
    W_WORD,
    ExtraWords,
    Finding,
    Lix,
    Report,
    Sentence,
    Word,
    WordEntry,
    _position,
    lix,
    lix_band,
    long_sentences,
    split_sentences,
    strip_markdown,
)
from remiss.checks.klarsprak.words import (
    _word_finding,
    _word_hits,
    check_words,
    load_word_list,
)

__all__ = [
    "DECISIONS_KEY",
    "W_ATT_CLAUSE",
    "W_FORELIGGANDE",
    "W_LIX",
    "W_LONG_SENTENCE",
    "W_NO_COMMITTEE",
    "W_NOT_SENTENCE",
    "W_WORD",
    "ExtraWords",
    "Finding",
    "Lix",
    "Report",
    "Sentence",
    "Word",
    "WordEntry",
    "analyse",
    "check_decision",
    "check_words",
    "lix",
    "lix_band",
    "load_word_list",
    "long_sentences",
    "split_sentences",
    "strip_markdown",
]


# ---------------------------------------------------------------------------
# The whole case


def _format_lix(value: float, limit: float) -> str:
    """Return a LIX value for a message: whole, unless that hides the excess."""
    rounded = math.floor(value + 0.5)
    return f"{rounded}" if rounded > limit else f"{value:.1f}"


def analyse(
    sections: dict[str, str],
    decisions: list[str],
    committee: str,
    *,
    lix_limit: float = 50,
    sentence_limit: int = 25,
    extra_words: ExtraWords = None,
    free: Collection[int] = (),
) -> Report:
    """Return LIX per section and in total, and all klarspråk findings.

    The total LIX adds up the counts of all sections (not the decisions).
    Decision findings use the section `förslag_till_beslut[i]`, 0-based.
    Decisions whose index is in `free` need not name the committee (they
    stand under another body's heading).
    """
    entries = tuple(load_word_list(extra_words))
    per_section: dict[str, Lix] = {}
    findings: list[Finding] = []
    for key, text in sections.items():
        text = text or ""
        value = lix(text)
        per_section[key] = value
        section_findings: list[Finding] = []
        if value.words and value.value > lix_limit:
            first = _NON_SPACE.search(strip_markdown(text))
            line, col = _position(text, first.start() if first else 0)
            section_findings.append(
                Finding(
                    key,
                    line,
                    col,
                    W_LIX,
                    f"LIX {_format_lix(value.value, lix_limit)} ({value.band}); "
                    f"gränsen är {lix_limit:g}",
                    "skriv kortare meningar och byt långa ord mot kortare, t.ex. "
                    '"få" i stället för "erhålla"',
                )
            )
        section_findings += long_sentences(text, sentence_limit, section=key)
        section_findings += [
            _word_finding(text, key, start, found, entry)
            for start, _, found, entry in _word_hits(text, entries)
        ]
        findings += sorted(section_findings, key=lambda f: (f.line, f.col, f.code))
    for i, text in enumerate(decisions):
        key = f"{DECISIONS_KEY}[{i}]"
        spans = [m.span() for m in _FORELIGGANDE.finditer(text)]
        decision_findings = check_decision(
            text, committee, section=key, named=i not in free
        )
        decision_findings += long_sentences(text, sentence_limit, section=key)
        decision_findings += [
            _word_finding(text, key, start, found, entry)
            for start, _, found, entry in _word_hits(text, entries)
            if not any(a <= start < b for a, b in spans)
        ]
        findings += sorted(decision_findings, key=lambda f: (f.line, f.col, f.code))
    total = Lix.from_counts(
        sum(v.words for v in per_section.values()),
        sum(v.sentences for v in per_section.values()),
        sum(v.long_words for v in per_section.values()),
    )
    return Report(per_section, total, findings)
