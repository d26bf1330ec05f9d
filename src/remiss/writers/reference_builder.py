"""Write a starting reference document with every style remiss uses.

The built-in `templates/reference.docx` is made by this module
(`remiss new-template`), so an organisation can start from it and restyle it
in Word. Every header placeholder (`{{ diarienummer }}` ...) is plain text in
the header, where Word lets a person move it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._oxml import (
    CT_NS,
    DOC_NS,
    OFFDOC,
    WML_CT,
    XML_DECL,
    core_part,
    esc,
    field,
    inline_picture,
    rels,
    run,
)
from ._png import emblem
from ._zip import Member, build_zip

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
    header_tab: int
    logo: bool = False
    footer: bool = False


LOOKS = {
    "standard": Look(
        "standard", "Times New Roman", "Arial", 24, "000000", 1418, 1418, 2552, 5216
    ),
    "modern": Look(
        "modern",
        "Liberation Sans",
        "Liberation Sans",
        22,
        "1F4E79",
        1134,
        1134,
        2268,
        5670,
        logo=True,
        footer=True,
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
            f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{look.header_tab}"/>'
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
            f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{look.header_tab}"/>'
            '</w:tabs><w:spacing w:after="0"/></w:pPr>'
            f'<w:rPr>{hf}<w:b/><w:bCs/><w:color w:val="C00000"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>',
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


def _levels(kind: str) -> str:
    out = []
    bullets = ("•", "–", "▪")
    for level in range(9):
        indent = 425 * (level + 1)
        if kind == "decimal":
            fmt, text = "decimal", f"%{level + 1}."
        else:
            fmt, text = "bullet", bullets[level % 3]
        out.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="425"/></w:pPr></w:lvl>'
        )
    return "".join(out)


NUMBERED_LIST = "remiss-numrerad-lista"
BULLET_LIST = "remiss-punktlista"


def numbering_xml() -> str:
    """Return numbering.xml with our two list definitions and no instances."""
    body = (
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="{NUMBERED_LIST}"/>{_levels("decimal")}</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="{BULLET_LIST}"/>{_levels("bullet")}</w:abstractNum>'
    )
    return f'{XML_DECL}<w:numbering xmlns:w="{_W}">{body}</w:numbering>'


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _header_paragraph(content: str, style: str = "Header") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'


LOGO_ALT = "Organisationens logotyp"
LOGO_SIZE_EMU = 540000  # 1,5 cm


def header_xml(look: Look) -> str:
    """Return the page header with placeholders the writer fills per document."""
    paragraphs = []
    if look.logo:
        paragraphs.append(
            _header_paragraph(
                inline_picture(
                    "rIdLogo", 1, "Logotyp", LOGO_ALT, LOGO_SIZE_EMU, LOGO_SIZE_EMU
                )
            )
        )
    paragraphs += [
        _header_paragraph(run("{{ förvaltning }}\t{{ dokumenttyp }}")),
        _header_paragraph(run("{{ avdelning }}\tDnr {{ diarienummer }}")),
        _header_paragraph(
            run("\tSida ")
            + field("PAGE", "1")
            + run(" (")
            + field("NUMPAGES", "1")
            + run(")")
        ),
        _header_paragraph(run("\t{{ datum }}")),
        _header_paragraph(run("\t{{ utkast }}"), "Utkastmarkering"),
    ]
    return f"{XML_DECL}<w:hdr {DOC_NS}>{''.join(paragraphs)}</w:hdr>"


def footer_xml() -> str:
    """Return a footer naming the administration and the committee."""
    return (
        f"{XML_DECL}<w:ftr {DOC_NS}>"
        + _header_paragraph(run("{{ förvaltning }} – {{ nämnd }}"), "Footer")
        + "</w:ftr>"
    )


def document_xml(look: Look) -> str:
    """Return a short body that tells what the document is for, and the sectPr."""
    intro = [
        ("Heading1", "Referensdokument för remiss"),
        (
            "Normal",
            "Det här dokumentet bestämmer hur remiss skapar Word-filer: formatmallar, "
            "sidformat, sidhuvud och sidfot. Ändra formatmallarna i Word och spara "
            "dokumentet; brödtexten här används aldrig.",
        ),
        (
            "Normal",
            "I sidhuvudet och sidfoten fylls platshållarna i för varje ärende: "
            "{{ förvaltning }}, {{ avdelning }}, {{ dokumenttyp }}, "
            "{{ diarienummer }}, {{ datum }}, {{ nämnd }}, {{ sammanträde }}, "
            "{{ rubrik }}, {{ handläggare }} och {{ utkast }}.",
        ),
    ]
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(text)}</w:p>'
        for style, text in intro
    )
    footer = (
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>' if look.footer else ""
    )
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        f"{footer}"
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{look.margin_top}" w:right="{look.margin_right}" '
        f'w:bottom="1418" w:left="{look.margin_left}" w:header="709" '
        'w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>'
    )
    return f"{XML_DECL}<w:document {DOC_NS}><w:body>{body}{sect}</w:body></w:document>"


SETTINGS_XML = (
    f'{XML_DECL}<w:settings xmlns:w="{_W}"><w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="1304"/><w:hyphenationZone w:val="425"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="sv-SE"/><w:decimalSymbol w:val=","/>'
    '<w:listSeparator w:val=";"/></w:settings>'
)

FONT_TABLE_XML = (
    f'{XML_DECL}<w:fonts xmlns:w="{_W}">'
    '<w:font w:name="Times New Roman"><w:family w:val="roman"/>'
    '<w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="Arial"><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
    "</w:font></w:fonts>"
)


def content_types(extra_overrides: list[tuple[str, str]] | tuple = ()) -> str:
    """Return [Content_Types].xml for the parts a remiss document has."""
    overrides = [
        ("/word/document.xml", WML_CT + "document.main+xml"),
        ("/word/styles.xml", WML_CT + "styles+xml"),
        ("/word/settings.xml", WML_CT + "settings+xml"),
        ("/word/fontTable.xml", WML_CT + "fontTable+xml"),
        ("/word/numbering.xml", WML_CT + "numbering+xml"),
        ("/word/header1.xml", WML_CT + "header+xml"),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
        *extra_overrides,
    ]
    body = (
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        + "".join(
            f'<Override PartName="{name}" ContentType="{ct}"/>'
            for name, ct in overrides
        )
    )
    return f'{XML_DECL}<Types xmlns="{CT_NS}">{body}</Types>'


def core_xml(title: str, creator: str, when: str) -> str:
    """Return docProps/core.xml."""
    return core_part(title, creator, when, when)


APP_XML = (
    f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
    '2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
    'officeDocument/2006/docPropsVTypes"><Application>remiss</Application>'
    "</Properties>"
)

PACKAGE_RELS = rels(
    [
        ("rId1", "officeDocument", "word/document.xml", False),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
            "core-properties",
            "docProps/core.xml",
            False,
        ),
        ("rId3", "extended-properties", "docProps/app.xml", False),
    ]
)


def document_rels(look: Look) -> str:
    items = [
        ("rIdStyles", "styles", "styles.xml", False),
        ("rIdSettings", "settings", "settings.xml", False),
        ("rIdFonts", "fontTable", "fontTable.xml", False),
        ("rIdNumbering", "numbering", "numbering.xml", False),
        ("rIdHeader1", "header", "header1.xml", False),
    ]
    if look.footer:
        items.append(("rIdFooter1", "footer", "footer1.xml", False))
    return rels(items)


def build_reference(look_name: str = "standard") -> bytes:
    """Return the bytes of a reference .docx for the named look."""
    look = LOOKS[look_name]
    extra = [("/word/footer1.xml", WML_CT + "footer+xml")] if look.footer else []
    parts: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", content_types(extra)),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document_xml(look)),
        ("word/_rels/document.xml.rels", document_rels(look)),
        ("word/styles.xml", styles_xml(look)),
        ("word/settings.xml", SETTINGS_XML),
        ("word/fontTable.xml", FONT_TABLE_XML),
        ("word/numbering.xml", numbering_xml()),
        ("word/header1.xml", header_xml(look)),
        (
            "docProps/core.xml",
            core_xml("Referensdokument för remiss", "remiss", "2011-01-01T00:00:00Z"),
        ),
        ("docProps/app.xml", APP_XML),
    ]
    if look.footer:
        parts.append(("word/footer1.xml", footer_xml()))
    if look.logo:
        parts.append(
            (
                "word/_rels/header1.xml.rels",
                rels([("rIdLogo", "image", "media/logo.png", False)]),
            )
        )
        parts.append(("word/media/logo.png", emblem()))
    return build_zip(
        [
            Member.of(name, data if isinstance(data, bytes) else data.encode("utf-8"))
            for name, data in parts
        ]
    )


__all__ = ["LOOKS", "OFFDOC", "build_reference"]
