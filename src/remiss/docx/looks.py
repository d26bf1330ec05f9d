"""Write a starting reference document with every style remiss uses.

The built-in `templates/reference.docx` is made by this module
(`remiss new-template`), so an organisation can start from it and restyle it
in Word. Every header placeholder (`{{ diarienummer }}` ...) is plain text in
the header, where Word lets a person move it.
"""

from __future__ import annotations

from remiss.docx.layout import LAYOUT_STYLE, grid, layout_table
from remiss.docx.lists import abstract_num
from remiss.docx.oxml import (
    APP_XML,
    CT_NS,
    DOC_NS,
    OFFDOC,
    WML_CT,
    XML_DECL,
    core_part,
    field,
    inline_picture,
    rels,
    run,
)
from remiss.docx.package import Member, build_zip
from remiss.docx.png import emblem
from remiss.docx.styles import LOOKS, PAGE_HEIGHT, PAGE_WIDTH, Look, styles_xml


def numbering_xml() -> str:
    """Return numbering.xml with our two list definitions and no instances."""
    body = abstract_num(1, ordered=True) + abstract_num(2, ordered=False)
    return f'{XML_DECL}<w:numbering xmlns:w="{_W}">{body}</w:numbering>'


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _header_paragraph(content: str, style: str = "Header") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'


NBSP = "\u00a0"  # keeps "Dnr" and its number on one line


LOGO_ALT = "Organisationens logotyp"


LOGO_SIZE_EMU = 540000  # 1,5 cm


def header_xml(look: Look) -> str:
    """Return the page header with placeholders the writer fills per document.

    The header is a borderless table on the look's column grid: who writes
    on the left, what the document is on the right, each wrapping in its own
    column. The body's two-column blocks use the same grid (see `layout`).
    """
    left = []
    if look.logo:
        left.append(
            _header_paragraph(
                inline_picture(
                    "rIdLogo", 1, "Logotyp", LOGO_ALT, LOGO_SIZE_EMU, LOGO_SIZE_EMU
                )
            )
        )
    if look.sender:
        left += [
            _header_paragraph(run("{{ förvaltning }}")),
            _header_paragraph(run("{{ avdelning }}")),
        ]
    right = [
        _header_paragraph(run("{{ dokumenttyp }}"), "Dokumenttyp"),
        _header_paragraph(run(f"Dnr{NBSP}{{{{ diarienummer }}}}")),
        _header_paragraph(
            run("Sida ")
            + field("PAGE", "1")
            + run(" (")
            + field("NUMPAGES", "1")
            + run(")")
        ),
        _header_paragraph(run("{{ datum }}")),
        _header_paragraph(run("Punkt {{ punkt }}"), "Punktmarkering"),
        _header_paragraph(run("{{ utkast }}"), "Utkastmarkering"),
    ]
    width = look.text_width
    table = layout_table(
        grid(look.split, width, 2), ["".join(left), "".join(right)], LAYOUT_STYLE
    )
    # A paragraph after the table: a header part ends with one, and it keeps
    # the header's last line from touching the body.
    return f"{XML_DECL}<w:hdr {DOC_NS}>{table}{_header_paragraph('')}</w:hdr>"


def footer_xml(look: Look) -> str:
    """Return the footer: the administration's address and contacts from
    remiss.yaml (`kontaktuppgifter:`), a line each, left out when not given;
    the modern look names the administration and the committee first."""
    lines = []
    if look.name == "modern":
        lines.append(
            _header_paragraph(run("{{ förvaltning }} – {{ nämnd }}"), "Footer")
        )
    lines += [
        _header_paragraph(run("{{ adress }}"), "Footer"),
        _header_paragraph(run("{{ kontakt }}"), "Footer"),
    ]
    return f"{XML_DECL}<w:ftr {DOC_NS}>{''.join(lines)}</w:ftr>"


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
            "{{ rubrik }}, {{ handläggare }}, {{ utkast }}, {{ punkt }} (punkten "
            "på sammanträdets föredragningslista, i de samlade handlingarna), "
            "{{ adress }} och {{ kontakt }} (kontaktuppgifter ur remiss.yaml).",
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


# Fonts that Word on Windows and macOS has, each with the metric-compatible
# font LibreOffice substitutes on Linux (fonts-liberation): the text breaks
# into the same lines in both, so page counts agree.
FONTS = (
    (
        "Times New Roman",
        "Liberation Serif",
        "02020603050405020304",
        "roman",
        "variable",
    ),
    ("Arial", "Liberation Sans", "020B0604020202020204", "swiss", "variable"),
    ("Courier New", "Liberation Mono", "02070309020205020404", "modern", "fixed"),
)


FONT_TABLE_XML = (
    f'{XML_DECL}<w:fonts xmlns:w="{_W}">'
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>'
        f'<w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, panose, family, pitch in FONTS
    )
    + "</w:fonts>"
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
        parts.append(("word/footer1.xml", footer_xml(look)))
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
