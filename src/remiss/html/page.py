"""A standalone HTML5 page of one document, or of several in a row.

The page needs no script, no other file and no network: styles are inline,
images are data: URIs. The same inputs give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from remiss.blocks import Document
from remiss.formatting import confidential_marking
from remiss.html.body import HtmlWriter, esc, safe_href
from remiss.html.style import BASE_CSS

DRAFT_MARK = "UTKAST"


@dataclass(frozen=True)
class PageInfo:
    """What the header and the document properties say about a document."""

    title: str
    doc_type: str = ""
    reference: str = ""  # Dnr
    date: str = ""  # ISO date
    committee: str = ""
    administration: str = ""
    unit: str = ""
    draft: bool = False
    confidential: bool = False
    confidential_ground: str = ""
    description: str = ""

    def markings(self) -> list[str]:
        """Return the visible markings: UTKAST, SEKRETESS enligt …"""
        out = []
        if self.confidential:
            out.append(confidential_marking(self.confidential_ground))
        if self.draft:
            out.append(DRAFT_MARK)
        return out

    def page_title(self) -> str:
        title = f"{DRAFT_MARK}: {self.title}" if self.draft else self.title
        if self.reference:
            title += f" – Dnr {self.reference}"
        return title


@dataclass
class Part:
    """One document of a page: its body, its header, and its anchor."""

    doc: Document
    info: PageInfo
    anchor: str = ""
    assets: dict[str, bytes] = field(default_factory=dict)


def render_page(
    doc: Document,
    info: PageInfo,
    assets: dict[str, bytes] | None = None,
    nav: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """Return one document as a standalone HTML page (UTF-8)."""
    return render_parts([Part(doc, info, "", dict(assets or {}))], info, nav)


def render_parts(
    parts: list[Part], info: PageInfo, nav: tuple[tuple[str, str], ...] = ()
) -> bytes:
    """Return documents one after the other as one page; each starts a new
    printed page with its own header. `info` describes the page as a whole."""
    single = len(parts) == 1
    articles = []
    rules = ["@page{size:A4;margin:45mm 25mm 25mm 25mm}"]
    for index, part in enumerate(parts, 1):
        name = f"del{index}"
        rules.append(print_rules(name, part.info, page_count=single))
        writer = HtmlWriter(part.assets)
        anchor = f' id="{esc(part.anchor)}"' if part.anchor else ""
        articles.append(
            f'<article class="handling"{anchor} style="page:{name}">\n'
            f"{header(part.info)}\n{writer.blocks(part.doc.blocks)}\n</article>"
        )
    css = BASE_CSS + "@media print{\n" + "\n".join(rules) + "\n}\n"
    html = (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(info.page_title())}</title>\n"
        f"{meta(info)}<style>\n{css}</style>\n</head>\n<body>\n"
        f"{navigation(nav)}<main>\n"
        + "\n".join(articles)
        + "\n</main>\n</body>\n</html>\n"
    )
    return html.encode("utf-8")


def meta(info: PageInfo) -> str:
    """Return the document properties as <meta> elements."""
    pairs = [
        ("description", info.description),
        ("author", info.administration or info.committee),
        ("dcterms.identifier", info.reference),
        ("dcterms.date", info.date),
        ("dcterms.type", info.doc_type),
    ]
    return "".join(
        f'<meta name="{name}" content="{esc(value)}">\n'
        for name, value in pairs
        if value
    )


def navigation(nav: tuple[tuple[str, str], ...]) -> str:
    """Return the links above the document (to the agenda, to the site)."""
    items = [
        f'<li><a href="{esc(href)}">{esc(label)}</a></li>'
        for label, href in nav
        if safe_href(href) is not None
    ]
    if not items:
        return ""
    return (
        '<nav class="sidnavigering" aria-label="Sidnavigering"><ul>'
        + "".join(items)
        + "</ul></nav>\n"
    )


def header(info: PageInfo) -> str:
    """Return the page header as Word shows it: who on the left; document
    type, Dnr and date on the right; and the markings."""
    left = [info.administration, info.unit]
    right = [esc(info.doc_type)] if info.doc_type else []
    if info.reference:
        right.append(f"Dnr {esc(info.reference)}")
    if info.date:
        right.append(f'<time datetime="{esc(info.date)}">{esc(info.date)}</time>')
    marks = "".join(f'<p class="markering">{esc(m)}</p>' for m in info.markings())
    if not any(left) and not right and not marks:
        return ""
    return (
        '<header class="sidhuvud"><div class="vanster">'
        + "".join(f"<p>{esc(text)}</p>" for text in left if text)
        + '</div><div class="hoger">'
        + "".join(f"<p>{text}</p>" for text in right)
        + marks
        + "</div></header>"
    )


def print_rules(name: str, info: PageInfo, *, page_count: bool) -> str:
    """Return the @page rules that print the header on every page of a part."""
    left = "\n".join(t for t in (info.administration, info.unit) if t)
    right = [
        t
        for t in (info.doc_type, f"Dnr {info.reference}" if info.reference else "")
        if t
    ]
    pages = ' " (" counter(pages) ")"' if page_count else ""
    right_content = " ".join(
        [
            css_string("\n".join([*right, "Sida "])),
            "counter(page)" + pages,
            css_string("\n" + info.date) if info.date else "",
        ]
    ).strip()
    box = "font:10pt/1.35 Arial,'Liberation Sans',Helvetica,sans-serif;"
    box += "vertical-align:top;padding-top:12mm;white-space:"
    marks = "\n".join(info.markings())
    # Marked, the header has three columns: who, the marking, the document.
    wide = (";width:34%", ";width:26%") if marks else ("", "")
    wrap = "pre-line" if marks else "pre"
    out = [f"@page {name}{{"]
    if left:
        out.append(f"@top-left{{content:{css_string(left)};{box}{wrap}{wide[0]}}}")
    out.append(
        f"@top-right{{content:{right_content};{box}{wrap}{wide[0]};text-align:left;"
        + ("padding-left:4mm}" if marks else "}")
    )
    if marks:
        out.append(
            f"@top-center{{content:{css_string(marks)};{box}pre-line{wide[1]};"
            "padding-left:3mm;padding-right:3mm;color:#9b1c1c;font-weight:bold;"
            "text-align:center}"
        )
    out.append("}")
    return "".join(out)


def css_string(text: str) -> str:
    """Return text as a quoted CSS string that cannot end the string or the
    <style> element, whatever it holds."""
    out = []
    for char in text:
        if char.isalnum() or char in " .,-–:()§/":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'
