"""The list of stiff words and phrases, with the plain alternative."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from remiss.checks.klarsprak.text import (
    _PHRASE_EDGE_AFTER,
    _PHRASE_EDGE_BEFORE,
    W_WORD,
    WORDS_FILE,
    ExtraWords,
    Finding,
    WordEntry,
    _mask,
    _position,
)
from remiss.errors import WordListError

# ---------------------------------------------------------------------------
# The word list


def _normal(phrase: str) -> str:
    """Return a phrase lower-cased with single spaces, as a lookup key."""
    return " ".join(phrase.split()).casefold()


def _entry(raw: Any, where: str) -> WordEntry:
    """Return a validated word-list entry, or raise WordListError in Swedish."""
    if isinstance(raw, WordEntry):
        return raw
    if not isinstance(raw, Mapping):
        raise WordListError(f"{where}: skriv posten som 'ord: …' och 'ersätt: …'")
    values: dict[str, Any] = dict(raw)
    for key in ("ord", "ersätt"):
        value = values.get(key)
        if not isinstance(value, str) or not value.strip():
            raise WordListError(f"{where}: '{key}' saknas eller är tomt")
    forms = values.get("böjningar") or []
    if isinstance(forms, str):
        forms = [forms]
    if not isinstance(forms, list) or not all(
        isinstance(f, str) and f.strip() for f in forms
    ):
        raise WordListError(f"{where}: 'böjningar' ska vara en lista med ord")
    extra_keys = set(values) - {"ord", "ersätt", "böjningar"}
    if extra_keys:
        names = ", ".join(sorted(extra_keys))
        raise WordListError(
            f"{where}: okänd nyckel {names}; tillåtna är ord, ersätt, böjningar"
        )
    return WordEntry(
        " ".join(values["ord"].split()),
        values["ersätt"].strip(),
        tuple(" ".join(f.split()) for f in forms),
    )


@lru_cache(maxsize=1)
def _builtin() -> tuple[WordEntry, ...]:
    """Return the built-in word list, read once."""
    # libyaml's loader when PyYAML has it: the pure-Python one took 30 ms.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    if not isinstance(data, list):
        raise WordListError(f"{WORDS_FILE}: ordlistan ska vara en lista med poster")
    return tuple(
        _entry(raw, f"{WORDS_FILE.name}, post {i}") for i, raw in enumerate(data, 1)
    )


def load_word_list(
    extra: ExtraWords = None,
) -> list[WordEntry]:
    """Return the built-in word list merged with a kommun's extra entries.

    Entries are keyed by `ord` (case and spacing ignored) and a later entry
    wins: it replaces `ersätt`, and its `böjningar` when it gives any, else
    the earlier entry's inflected forms are kept. New words are appended.
    `extra` may also be a mapping from `ord` to `ersätt`.
    """
    merged: dict[str, WordEntry] = {_normal(e.ord): e for e in _builtin()}
    if isinstance(extra, Mapping):  # the short form `ord: ersätt`
        extra = [{"ord": k, "ersätt": v} for k, v in extra.items()]
    for i, raw in enumerate(extra or [], 1):
        entry = _entry(raw, f"klarspråk, post {i}")
        key = _normal(entry.ord)
        old = merged.get(key)
        if old is not None and not entry.böjningar:
            entry = WordEntry(entry.ord, entry.ersätt, old.böjningar)
        merged[key] = entry
    return list(merged.values())


@lru_cache(maxsize=16)
def _compile(
    entries: tuple[WordEntry, ...],
) -> tuple[re.Pattern[str], dict[str, WordEntry]]:
    """Return one regex for all forms and the entry of each normalised form."""
    by_form: dict[str, WordEntry] = {}
    for entry in entries:
        for form in entry.forms:
            by_form[_normal(form)] = entry
    alternatives = [
        r"\s+".join(re.escape(part) for part in form.split())
        for form in sorted(by_form, key=len, reverse=True)
    ]
    pattern = re.compile(
        _PHRASE_EDGE_BEFORE + "(?:" + "|".join(alternatives) + ")" + _PHRASE_EDGE_AFTER,
        re.IGNORECASE,
    )
    return pattern, by_form


def _word_hits(
    text: str, entries: tuple[WordEntry, ...]
) -> list[tuple[int, int, str, WordEntry]]:
    """Return (start, end, matched text, entry) for each listed word in text."""
    if not entries:
        return []
    masked, _ = _mask(text, tables=True)
    pattern, by_form = _compile(entries)
    hits = []
    for m in pattern.finditer(masked):
        found = " ".join(text[m.start() : m.end()].split())
        hits.append((m.start(), m.end(), found, by_form[_normal(m.group(0))]))
    return hits


def _word_finding(
    text: str, section: str, start: int, found: str, entry: WordEntry
) -> Finding:
    """Return the W703 finding for one listed word."""
    line, col = _position(text, start)
    base = "" if _normal(found) == _normal(entry.ord) else f' (av "{entry.ord}")'
    return Finding(
        section,
        line,
        col,
        W_WORD,
        f'"{found}"{base}: skriv hellre "{entry.ersätt}"',
        "välj vanliga ord som läsaren känner igen (klarspråk, språklagen 11 §)",
    )


def check_words(
    text: str,
    extra: ExtraWords = None,
    *,
    section: str = "",
) -> list[Finding]:
    """Return a finding for each listed stiff word or phrase in the text."""
    entries = tuple(load_word_list(extra))
    return [
        _word_finding(text, section, start, found, entry)
        for start, _, found, entry in _word_hits(text, entries)
    ]
