"""Charts for statistics tables: bar or line, as PNG with alternative text.

matplotlib is an optional extra (`pip install 'remiss[diagram]'`); it is only
imported when a table asks for a chart. The same table gives the same PNG
bytes: no timestamps or software names in the file, fixed size and fonts.
"""

from __future__ import annotations

import io

from remiss import formatting
from remiss.docx.png import DPI
from remiss.errors import ChartUnavailable
from remiss.model.tables import TableView

WIDTH_CM = 16.0


HEIGHT_CM = 8.0


FONTS = ["Liberation Sans", "Arial", "DejaVu Sans"]


COLOURS = ["#1F4E79", "#C55A11", "#548235", "#7F6000", "#7030A0"]


KINDS = {"stapel": "Stapeldiagram", "linje": "Linjediagram"}


def alt_text(view: TableView) -> str:
    """Return alternative text that states every figure of the chart."""
    columns = [
        (i, name)
        for i, (name, numeric) in enumerate(
            zip(view.kolumner, view.numeriska, strict=True)
        )
        if numeric and i > 0
    ]
    parts = []
    for row in view.rader:
        values = [
            f"{formatting.number(row[i])}" + (f" ({name})" if len(columns) > 1 else "")
            for i, name in columns
            if i < len(row) and isinstance(row[i], (int, float))
        ]
        parts.append(f"{row[0]}: {', '.join(values)}")
    unit = f" ({view.enhet})" if view.enhet else ""
    kind = KINDS.get(view.diagram or "", "Diagram")
    return f"{kind}: {view.rubrik}{unit}. " + "; ".join(parts) + "."


def render_chart(view: TableView) -> bytes:
    """Return the chart of a table as PNG bytes."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ChartUnavailable(
            "diagram kräver matplotlib, som inte är installerat; installera det med "
            "pip install 'remiss[diagram]'"
        ) from None
    import logging  # here, with matplotlib: `remiss check` need not load it

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    _one_file_per_font()
    labels = [str(r[0]) for r in view.rader]
    series = [
        (i, name)
        for i, (name, numeric) in enumerate(
            zip(view.kolumner, view.numeriska, strict=True)
        )
        if numeric and i > 0
    ]
    with plt.rc_context(
        {
            "font.family": "sans-serif",
            "font.sans-serif": FONTS,
            "font.size": 9,
            "svg.hashsalt": "remiss",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54))
        try:
            _draw(axes, view.diagram or "stapel", labels, series, view)
            axes.set_title(view.rubrik, fontsize=10, loc="left")
            if view.enhet:
                axes.set_ylabel(view.enhet)
            axes.yaxis.set_major_formatter(
                matplotlib.ticker.FuncFormatter(lambda v, _: formatting.number(v, 0))
            )
            if len(series) > 1:
                axes.legend(frameon=False)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        finally:
            plt.close(figure)
    return buffer.getvalue()


def _draw(axes, kind, labels, series, view) -> None:  # type: ignore[no-untyped-def]
    values = [
        [
            r[i] if i < len(r) and isinstance(r[i], (int, float)) else 0
            for r in view.rader
        ]
        for i, _ in series
    ]
    positions = list(range(len(labels)))
    if kind == "linje":
        for n, ((_, name), ys) in enumerate(zip(series, values, strict=True)):
            axes.plot(positions, ys, marker="o", color=COLOURS[n % 5], label=name)
    else:
        width = 0.8 / max(1, len(series))
        for n, ((_, name), ys) in enumerate(zip(series, values, strict=True)):
            offset = (n - (len(series) - 1) / 2) * width
            axes.bar(
                [p + offset for p in positions],
                ys,
                width=width,
                color=COLOURS[n % 5],
                label=name,
            )
    axes.set_xticks(positions)
    axes.set_xticklabels([_wrap(label) for label in labels])


_FONTS_SETTLED = [False]


def _one_file_per_font() -> None:
    """Keep one file for each font family, style and weight, by a fixed rule.

    Why: a machine may hold two copies of a font (Debian's fonts-liberation
    and fonts-liberation2 both have Liberation Sans). matplotlib builds its
    font list in the order the file system gives, so which copy draws a
    chart would vary from machine to machine, and so would the PNG's bytes.
    Of copies alike, the one whose path sorts last is kept: the newer
    package (liberation2 after liberation).
    """
    if _FONTS_SETTLED[0]:
        return
    from matplotlib import font_manager

    manager = font_manager.fontManager
    chosen: dict[tuple[str, str, object, str], object] = {}
    for entry in sorted(manager.ttflist, key=lambda f: f.fname):
        chosen[(entry.name, entry.style, entry.weight, entry.stretch)] = entry
    manager.ttflist = sorted(chosen.values(), key=lambda f: f.fname)  # type: ignore[arg-type]
    clear = getattr(font_manager, "_findfont_cached", None)
    if clear is not None:  # matplotlib caches look-ups by family name
        clear.cache_clear()
    _FONTS_SETTLED[0] = True


def _wrap(label: str, width: int = 14) -> str:
    words, lines, current = label.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "\n".join(lines)
