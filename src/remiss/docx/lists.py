"""The two list definitions remiss numbers its lists with.

Both the built-in reference documents and a reference document that lacks
them get the same definitions, found again by name when a document is read.
"""

from __future__ import annotations

NUMBERED_LIST = "remiss-numrerad-lista"


BULLET_LIST = "remiss-punktlista"


_BULLETS = ("•", "–", "▪")


def list_levels(kind: str) -> str:
    """Return the nine w:lvl elements of a "decimal" or "bullet" list."""
    out = []
    for level in range(9):
        indent = 425 * (level + 1)
        if kind == "decimal":
            fmt, text = "decimal", f"%{level + 1}."
        else:
            fmt, text = "bullet", _BULLETS[level % 3]
        out.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="425"/></w:pPr></w:lvl>'
        )
    return "".join(out)


def abstract_num(abstract_id: int, ordered: bool) -> str:
    """Return the w:abstractNum of the numbered or the bullet list."""
    name, kind = (NUMBERED_LIST, "decimal") if ordered else (BULLET_LIST, "bullet")
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType '
        f'w:val="multilevel"/><w:name w:val="{name}"/>'
        f"{list_levels(kind)}</w:abstractNum>"
    )
