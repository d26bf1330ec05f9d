"""Patterns a project sets in remiss.yaml (`diarienummer_mönster`), matched
in linear time.

Python's own regular expressions backtrack: `^(a+)+$` against a long Dnr
takes minutes. A project's patterns therefore run on RE2, whose matching
time grows only with the length of the text, whatever the pattern. RE2 has
no back-references or look-arounds; a pattern that uses them is refused with
a message saying so.
"""

from __future__ import annotations

import functools
import re
from typing import Any

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_UNSUPPORTED = {
    "GROUPREF": "en bakåtreferens (\\1)",
    "GROUPREF_EXISTS": "en villkorlig grupp",
    "ASSERT": "en lookahead eller lookbehind",
    "ASSERT_NOT": "en negativ lookahead eller lookbehind",
    "ATOMIC_GROUP": "en atomisk grupp",
    "POSSESSIVE_REPEAT": "en possessiv upprepning",
}


def pattern_problem(text: str) -> str | None:
    """Return why `text` cannot be used as a pattern, in Swedish, or None."""
    try:
        parsed = _sre_parse.parse(text)
    except re.error as exc:
        return f"inget giltigt reguljärt uttryck ({exc.msg})"
    found = _unsupported(parsed)
    if found:
        return f"mönstret använder {found}, som inte stöds"
    try:
        _compiled(text)
    except Exception as exc:  # noqa: BLE001 - RE2 reports its own errors
        return f"mönstret kan inte användas ({exc})"
    return None


def full_match(text: str, value: str) -> bool:
    """Return whether all of `value` matches the pattern `text`."""
    return _compiled(text).fullmatch(value) is not None


@functools.lru_cache(maxsize=16)
def _compiled(text: str) -> Any:
    import re2  # google-re2: imported only when a project sets a pattern

    return re2.compile(text)


def _unsupported(parsed: Any) -> str | None:
    for op, arg in parsed:
        name = str(op)
        if name in _UNSUPPORTED:
            return _UNSUPPORTED[name]
        for item in arg if isinstance(arg, (list, tuple)) else ():
            if isinstance(item, _sre_parse.SubPattern):
                found = _unsupported(item)
                if found:
                    return found
            elif isinstance(item, (list, tuple)):
                for sub in item:
                    if isinstance(sub, _sre_parse.SubPattern):
                        found = _unsupported(sub)
                        if found:
                            return found
        if isinstance(arg, _sre_parse.SubPattern):
            found = _unsupported(arg)
            if found:
                return found
    return None
