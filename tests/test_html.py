"""The HTML rendering: one page from the same document model as Word."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from remiss.blocks import LINK, Document, Paragraph, Run, Table
from remiss.html import PageInfo, render_page, safe_href
from remiss.html.page import css_string
from remiss.text.parse import parse_document
from tests.conftest import CASES, run_remiss, write_case


class _Tags(HTMLParser):
    """Collect start tags with attributes, and the text, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: bytes) -> _Tags:
    tags = _Tags()
    tags.feed(html.decode("utf-8"))
    return tags


def page(markdown: str, **info: object) -> str:
    props = PageInfo(**{"title": "Titel", **info})  # type: ignore[arg-type]
    return render_page(parse_document(markdown), props).decode("utf-8")


def test_page_is_swedish_html5_with_title_and_landmarks() -> None:
    html = page("# Rubrik\n\nText.", reference="1.6-0463/2011", date="2011-08-31")
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<title>Titel – Dnr 1.6-0463/2011</title>" in html
    assert "<main>" in html
    assert "<h1>Rubrik</h1>" in html
    assert '<time datetime="2011-08-31">2011-08-31</time>' in html
    assert "<script" not in html


def test_text_from_the_case_is_never_markup() -> None:
    html = page(
        "Hej <script>alert(1)</script> & <b>fet</b>",
        title="<img src=x onerror=alert(1)>",
        reference='"><script>',
        administration="</style><script>",
    )
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet" in html
    # The header is also printed through CSS strings; they cannot end <style>.
    style = html[html.index("<style>") + 7 : html.index("</style>")]
    assert "<" not in style


@pytest.mark.parametrize(
    ("url", "live"),
    [
        ("https://www.stockholm.se/", True),
        ("http://example.org/a?b=c#d", True),
        ("mailto:registrator@example.se", True),
        ("bilaga.pdf", True),
        ("../index.html", True),
        ("#handling-2", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("\\\\evil.example/x", False),
        ("", False),
    ],
)
def test_only_safe_links_become_live(url: str, live: bool) -> None:
    assert (safe_href(url) is not None) is live
    doc = Document([Paragraph("Normal", [Run("länk", (LINK,), url)])])
    html = render_page(doc, PageInfo("T")).decode("utf-8")
    main = html[html.index("<main>") :]
    assert ("<a href=" in main) is live
    assert "länk" in main


def test_tables_have_caption_and_header_scopes() -> None:
    markdown = (
        '::: {custom-style="Tabellrubrik"}\nLägenheter efter läge\n:::\n\n'
        "| Läge | Antal |\n|:---|---:|\n| Innerstaden | 62 |\n| Övriga | 1 215 |\n"
    )
    tags = parsed(render_page(parse_document(markdown), PageInfo("T")))
    names = [t for t, _ in tags.tags]
    assert names.count("caption") == 1
    scopes = [a.get("scope") for t, a in tags.tags if t == "th"]
    assert scopes == ["col", "col", "row", "row"]
    assert "Lägenheter efter läge" in "".join(tags.text)
    numbers = [a.get("class") for t, a in tags.tags if t == "td"]
    assert numbers == ["tal", "tal"]


def test_a_table_without_text_column_has_no_row_headers() -> None:
    doc = Document([Table([[Run("År")]], [[[Run("2011")]]], [True])])
    html = render_page(doc, PageInfo("T")).decode("utf-8")
    assert '<th scope="col" class="tal">År</th>' in html
    assert 'scope="row"' not in html
    assert "<caption>" not in html


def test_lists_nest_and_continue_their_numbering() -> None:
    html = page("1. ett\n\n   mer om ett\n2. två\n   - a\n   - b\n3. tre\n\nSlut.")
    article = html[html.index("<article") : html.index("</article>")]
    body = re.sub(r"\s+", "", article[article.index(">") + 1 :])
    assert body == (
        "<ol><li>ett<p>meromett</p></li><li>två<ul><li>a</li><li>b</li></ul></li>"
        "<li>tre</li></ol><p>Slut.</p>"
    )


def test_a_list_broken_by_a_heading_goes_on_counting() -> None:
    doc = Document(
        [
            Paragraph("List Number", [Run("a")], list_id=1, ordered=True),
            Paragraph("heading 2", [Run("Mellan")]),
            Paragraph("List Number", [Run("b")], list_id=1, ordered=True),
        ]
    )
    html = render_page(doc, PageInfo("T")).decode("utf-8")
    assert '<ol start="2"><li>b</li></ol>' in html


def test_draft_and_confidential_are_marked_on_screen_and_on_paper() -> None:
    info = PageInfo(
        "T", draft=True, confidential=True, confidential_ground="26 kap. 1 § OSL"
    )
    html = render_page(Document(), info).decode("utf-8")
    assert '<p class="markering">SEKRETESS enligt 26 kap. 1 § OSL</p>' in html
    assert '<p class="markering">UTKAST</p>' in html
    assert "<title>UTKAST: T</title>" in html
    assert (
        "@top-center{content:" + css_string("SEKRETESS enligt 26 kap. 1 § OSL\nUTKAST")
        in html
    )
    clean = render_page(Document(), PageInfo("T")).decode("utf-8")
    assert "markering" not in clean[clean.index("<body>") :]
    assert "@top-center" not in clean


def test_columns_are_side_by_side_blocks() -> None:
    html = page(
        '::: {.kolumner custom-style="Underskrift"}\nA\\\nChef\n\nB\\\nAvd\n:::\n'
    )
    assert (
        '<div class="kolumner underskrift"><div class="kolumn"><p>A<br>Chef</p></div>'
        '<div class="kolumn"><p>B<br>Avd</p></div></div>'
    ) in html


def test_images_are_embedded_with_their_alt_text() -> None:
    doc = parse_document("![Diagram över lägenheter](diagram.png)")
    html = render_page(doc, PageInfo("T"), {"diagram.png": b"\x89PNG-data"}).decode()
    assert (
        '<img src="data:image/png;base64,iVBORy1kYXRh" alt="Diagram över lägenheter">'
        in html
    )
    missing = render_page(doc, PageInfo("T")).decode()
    assert "<img" not in missing
    assert "[Bild: Diagram över lägenheter]" in missing


def test_same_case_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        done = run_remiss(
            "render", str(CASES / "forsokslagenheter.yaml"), "--format", "html",
            "-o", str(out),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    a = (first / "forsokslagenheter.html").read_bytes()
    assert a == (second / "forsokslagenheter.html").read_bytes()
    text = a.decode("utf-8")
    assert "<h1>Svar på remiss om motion (2011:31)" in text
    assert "Socialnämnden godkänner för sin del tjänsteutlåtandet" in text
    assert "<caption>Försöks- och träningslägenheter efter läge" in text
    assert "1\u00a0277" in text


def test_render_and_build_know_the_html_format(tmp_path: Path) -> None:
    case = write_case(tmp_path, "sammanfattning: Kort.\nstatus: utkast\n")
    done = run_remiss(
        "render", str(case), "--format", "md,html", "-o", str(tmp_path / "o")
    )
    assert done.returncode == 0, done.stderr
    assert sorted(
        p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")
    ) == [
        "a.html",
        "a.md",
    ]
    html = (tmp_path / "o" / "a.html").read_text("utf-8")
    assert "<h1>UTKAST: R</h1>" in html
    assert '<p class="markering">UTKAST</p>' in html
    wrong = run_remiss("render", str(case), "--format", "htm")
    assert wrong.returncode == 2
    assert "html" in wrong.stderr


def test_meeting_pages_link_items_and_keep_secrets_out_when_public(
    tmp_path: Path,
) -> None:
    out = tmp_path / "o"
    done = run_remiss(
        "render", str(CASES / "sammantrade-2011-08-23.yaml"), "--format", "html",
        "--public", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [
        "forsokslagenheter.html",
        "sammantrade-2011-08-23-handlingar.html",
        "sammantrade-2011-08-23.html",
    ]
    agenda = (out / "sammantrade-2011-08-23.html").read_text("utf-8")
    assert '<a href="forsokslagenheter.html">Svar på remiss' in agenda
    assert "3. Sekretessärende</h3>" in agenda
    combined = (out / "sammantrade-2011-08-23-handlingar.html").read_text("utf-8")
    assert '<a href="#handling-1">Svar på remiss' in combined
    assert '<article class="handling" id="handling-1"' in combined
    for path in out.iterdir():
        assert "LVU" not in path.read_text("utf-8"), path.name
