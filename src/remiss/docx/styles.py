"""The looks remiss ships, and the styles.xml each of them writes.

A look is the handful of choices that make a house style; every style remiss
uses is defined here, so formatting lives in named styles, not in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from remiss.docx.layout import GUTTER, LAYOUT_STYLE, NO_BORDERS
from remiss.docx.oxml import XML_DECL, esc

PAGE_WIDTH = 11906  # A4 in twentieths of a point


PAGE_HEIGHT = 16838


@dataclass(frozen=True)
class Look:
    """The handful of choices that make a house style."""

    name: str
    body_font: str
    heading_font: str
    body_size: int  # half-points
    accent: str  # hex colour for headings
    margin_left: int
    margin_right: int
    margin_top: int
    split: int  # where the right column starts, header and body alike
    logo: bool = False
    footer: bool = True
    sender: bool = True  # the header names the administration and unit

    @property
    def text_width(self) -> int:
        return PAGE_WIDTH - self.margin_left - self.margin_right


LOOKS = {
    "standard": Look(
        "standard", "Times New Roman", "Arial", 24, "000000", 1418, 1418, 2552, 5216
    ),
    # The header (logo beside five lines) is 2,6 cm tall from 1,25 cm down:
    # the text starts below it at 4,5 cm on every page.
    "modern": Look(
        "modern", "Arial", "Arial", 22, "1F4E79", 1134, 1134, 2552, 5670, logo=True
    ),
    # Kommunstyrelsens utlåtande to kommunfullmäktige (Stockholm's form): the
    # header says what the document is, not who in the administration wrote it.
    "utlatande": Look(
        "utlatande",
        "Times New Roman",
        "Arial",
        24,
        "000000",
        1418,
        1418,
        2552,
        5216,
        sender=False,
    ),
}


def _style(
    kind: str,
    style_id: str,
    name: str,
    body: str,
    *,
    based_on: str | None = None,
    next_id: str | None = None,
    default: bool = False,
    priority: int = 1,
) -> str:
    attrs = f' w:type="{kind}" w:styleId="{style_id}"'
    if default:
        attrs += ' w:default="1"'
    inner = f'<w:name w:val="{esc(name)}"/>'
    if based_on:
        inner += f'<w:basedOn w:val="{based_on}"/>'
    if next_id:
        inner += f'<w:next w:val="{next_id}"/>'
    inner += f'<w:uiPriority w:val="{priority}"/><w:qFormat/>'
    return f"<w:style{attrs}>{inner}{body}</w:style>"


def _fonts(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'


def styles_xml(look: Look) -> str:
    """Return styles.xml for a look."""
    hf = _fonts(look.heading_font)
    color = f'<w:color w:val="{look.accent}"/>'
    s = [
        _style(
            "paragraph",
            "Normal",
            "Normal",
            '<w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr>',
            default=True,
            priority=0,
        ),
        _style(
            "paragraph",
            "Heading1",
            "heading 1",
            "<w:pPr><w:keepNext/><w:keepLines/>"
            '<w:spacing w:before="240" w:after="120"/>'
            f'<w:outlineLvl w:val="0"/></w:pPr><w:rPr>{hf}<w:b/><w:bCs/>{color}'
            '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
            priority=9,
        ),
        _style(
            "paragraph",
            "Heading2",
            "heading 2",
            '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="80"/>'
            f'<w:outlineLvl w:val="1"/></w:pPr><w:rPr>{hf}<w:b/><w:bCs/>{color}'
            '<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
            priority=9,
        ),
        _style(
            "paragraph",
            "Heading3",
            "heading 3",
            '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="60"/>'
            f'<w:outlineLvl w:val="2"/></w:pPr><w:rPr>{hf}<w:b/><w:bCs/>{color}'
            '<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
            priority=9,
        ),
        _style(
            "paragraph",
            "Heading4",
            "heading 4",
            '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="40"/>'
            f'<w:outlineLvl w:val="3"/></w:pPr><w:rPr>{hf}<w:b/><w:bCs/><w:i/>'
            "<w:iCs/></w:rPr>",
            based_on="Normal",
            next_id="Normal",
            priority=9,
        ),
        _style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            '<w:pPr><w:spacing w:after="240"/></w:pPr>'
            f'<w:rPr>{hf}<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
            priority=11,
        ),
        _style(
            "paragraph",
            "ListNumber",
            "List Number",
            '<w:pPr><w:spacing w:after="120"/></w:pPr>',
            based_on="Normal",
            priority=99,
        ),
        _style(
            "paragraph",
            "ListBullet",
            "List Bullet",
            '<w:pPr><w:spacing w:after="80"/></w:pPr>',
            based_on="Normal",
            priority=99,
        ),
        _style(
            "paragraph",
            "Header",
            "header",
            f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{look.split}"/>'
            '</w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{hf}<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
            based_on="Normal",
            priority=99,
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            '<w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:rPr>{hf}<w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
            based_on="Normal",
            priority=99,
        ),
        _style(
            "paragraph",
            "Utkastmarkering",
            "Utkastmarkering",
            f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{look.split}"/>'
            '</w:tabs><w:spacing w:after="0"/></w:pPr>'
            f'<w:rPr>{hf}<w:b/><w:bCs/><w:color w:val="C00000"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>',
            based_on="Header",
        ),
        _style(
            "paragraph",
            "Dokumenttyp",
            "Dokumenttyp",
            f'<w:rPr>{hf}<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
            based_on="Header",
        ),
        _style(
            "paragraph",
            "Punktmarkering",
            "Punktmarkering",
            f'<w:pPr><w:spacing w:before="60" w:after="0"/></w:pPr><w:rPr>{hf}'
            '<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
            based_on="Header",
        ),
        _style(
            "paragraph",
            "Adressat",
            "Adressat",
            '<w:pPr><w:spacing w:after="240"/></w:pPr>'
            f'<w:rPr>{hf}<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "Underskrift",
            "Underskrift",
            '<w:pPr><w:keepLines/><w:spacing w:before="720" w:after="240"/></w:pPr>',
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "Tabellrubrik",
            "Tabellrubrik",
            '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/></w:pPr>'
            f'<w:rPr>{hf}<w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
        ),
        _style(
            "paragraph",
            "Tabelltext",
            "Tabelltext",
            '<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
            f'<w:rPr>{hf}<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "Tabelltal",
            "Tabelltal",
            '<w:pPr><w:jc w:val="right"/></w:pPr>',
            based_on="Tabelltext",
        ),
        _style(
            "paragraph",
            "Tabellhuvud",
            "Tabellhuvud",
            "<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>",
            based_on="Tabelltext",
        ),
        _style(
            "paragraph",
            "Tabellhuvudtal",
            "Tabellhuvudtal",
            '<w:pPr><w:jc w:val="right"/></w:pPr>',
            based_on="Tabellhuvud",
        ),
        _style(
            "paragraph",
            "Källa",
            "Källa",
            '<w:pPr><w:spacing w:before="60" w:after="200"/></w:pPr>'
            '<w:rPr><w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
            based_on="Normal",
            next_id="Normal",
        ),
        _style(
            "paragraph",
            "Underpunkt",
            "Underpunkt",
            '<w:pPr><w:spacing w:after="80"/><w:ind w:left="567"/></w:pPr>',
            based_on="Normal",
        ),
        # Agenda item and sub-item titles: the number hangs, a wrapped title
        # stays aligned after it.
        _style(
            "paragraph",
            "Punktrubrik",
            "Punktrubrik",
            # Not kept with the next: a run of items without details would
            # otherwise move to the next page as one block.
            '<w:pPr><w:keepNext w:val="0"/><w:tabs><w:tab w:val="left" '
            'w:pos="851"/></w:tabs><w:ind w:left="851" w:hanging="851"/></w:pPr>',
            based_on="Heading3",
            next_id="Normal",
        ),
        _style(
            "paragraph",
            "Underpunktrubrik",
            "Underpunktrubrik",
            '<w:pPr><w:keepNext w:val="0"/><w:tabs><w:tab w:val="left" '
            'w:pos="1702"/></w:tabs><w:ind w:left="1702" w:hanging="851"/></w:pPr>'
            '<w:rPr><w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/>'
            '<w:iCs w:val="0"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
            based_on="Heading4",
            next_id="Normal",
        ),
        _style(
            "paragraph",
            "Quote",
            "Quote",
            '<w:pPr><w:ind w:left="567" w:right="567"/></w:pPr>'
            "<w:rPr><w:i/><w:iCs/></w:rPr>",
            based_on="Normal",
            priority=29,
        ),
        _style("character", "Strong", "Strong", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
        _style("character", "Emphasis", "Emphasis", "<w:rPr><w:i/><w:iCs/></w:rPr>"),
        _style(
            "character",
            "Hyperlink",
            "Hyperlink",
            '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
            priority=99,
        ),
        _style(
            "character",
            "HTMLCode",
            "HTML Code",
            '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" '
            'w:cs="Courier New"/><w:sz w:val="20"/></w:rPr>',
            priority=99,
        ),
        _style(
            "table",
            LAYOUT_STYLE,
            LAYOUT_STYLE,
            # Columns side by side, no lines: the page header and the first
            # page's blocks (handläggare and addressee, signatures).
            "<w:tblPr>" + NO_BORDERS + '<w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            f'<w:right w:w="{GUTTER}" w:type="dxa"/></w:tblCellMar></w:tblPr>',
            priority=99,
        ),
        _style(
            "table",
            "TableGrid",
            "Table Grid",
            '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" '
            'w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" '
            'w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" '
            'w:color="BFBFBF"/></w:tblBorders><w:tblCellMar><w:left w:w="85" '
            'w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" '
            'w:color="000000"/></w:tcBorders></w:tcPr></w:tblStylePr>',
            priority=59,
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(look.body_font)}"
        f'<w:sz w:val="{look.body_size}"/><w:szCs w:val="{look.body_size}"/>'
        '<w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/></w:rPr>'
        "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    )
    return (
        f'{XML_DECL}<w:styles xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main">{defaults}{"".join(s)}</w:styles>'
    )
