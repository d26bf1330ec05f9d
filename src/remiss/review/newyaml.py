"""The text of a new case file made from an earlier document: keys in the
order the case format lists them, Markdown fields as `|` blocks."""

from __future__ import annotations

from remiss.review.newhead import DATE
from remiss.review.yamledit import _scalar_text

SECTIONS = ("sammanfattning", "bakgrund", "ärendet", "beredning", "synpunkter")
_HEAD = (
    "diarienummer",
    "datum",
    "nämnd",
    "sammanträde",
    "förvaltning",
    "avdelning",
    "dokumenttyp",
)


def case_yaml(
    data: dict[str, object],
    sections: dict[str, list[str]],
    avsnitt: list[tuple[str, list[str]]],
) -> str:
    """Return the case file's text."""
    lines: list[str] = []
    for key in _HEAD:
        if key in data:
            value = str(data[key])
            shown = value if DATE.fullmatch(value) else _text(value)
            lines.append(f"{key}: {shown}")
    lines.append("")
    for key in ("handläggare", "underskrifter"):
        people = data.get(key)
        if isinstance(people, list):
            lines.append(f"{key}:")
            for person in people:
                lines.extend(_mapping(person, "  "))
            lines.append("")
    lines.append(f"rubrik: {_text(str(data['rubrik']))}")
    if "underrubrik" in data:
        lines.append(f"underrubrik: {_text(str(data['underrubrik']))}")
    lines.append("")
    motion = data.get("motion")
    if isinstance(motion, dict):
        lines.append("motion:")
        lines.extend(f"  {k}: {_text(v)}" for k, v in motion.items())
        lines.append("")
    headings = data.get("rubriker")  # the document's own, before what they head
    if isinstance(headings, dict) and headings:
        lines.append("rubriker:")
        lines.extend(f"  {k}: {_text(v)}" for k, v in headings.items())
        lines.append("")
    _decisions(lines, data.get("förslag_till_beslut"))
    for key in SECTIONS:
        if sections.get(key):
            lines.extend(_block(key, sections[key], ""))
            lines.append("")
    if avsnitt:
        lines.append("avsnitt:")
        for heading, parts in avsnitt:
            lines.append(f"  - rubrik: {_text(heading)}")
            lines.extend(_block("text", parts or ["(tomt)"], "    "))
        lines.append("")
    _items(lines, "bilagor", data.get("bilagor"), "")
    _items(lines, "beslut_sänds_till", data.get("beslut_sänds_till"), "")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _text(value: object) -> str:
    return _scalar_text(str(value), flow=False)


def _mapping(item: dict[str, str], indent: str) -> list[str]:
    return [
        f"{indent}{'- ' if n == 0 else '  '}{k}: {_text(v)}"
        for n, (k, v) in enumerate(item.items())
    ]


def _decisions(lines: list[str], decisions: object) -> None:
    """A list of decisions, or of groups with a heading and their decisions."""
    if not isinstance(decisions, list) or not decisions:
        return
    if all(isinstance(d, str) for d in decisions):
        _items(lines, "förslag_till_beslut", decisions, "")
        return
    lines.append("förslag_till_beslut:")
    for group in decisions:
        assert isinstance(group, tuple)
        heading, items = group
        lines.append(f"  - rubrik: {_text(heading)}")
        _items(lines, "beslut", items, "    ")
    lines.append("")


def _items(lines: list[str], key: str, values: object, indent: str) -> None:
    if isinstance(values, list) and values:
        lines.append(f"{indent}{key}:")
        lines.extend(f"{indent}  - {_text(v)}" for v in values)
        if not indent:
            lines.append("")


def _block(key: str, parts: list[str], indent: str) -> list[str]:
    text = "\n\n".join(parts).replace("\t", " ")
    out = [f"{indent}{key}: |"]
    for line in text.split("\n"):
        out.append(f"{indent}  {line.rstrip()}" if line.strip() else "")
    return out
