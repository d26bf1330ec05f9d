"""Check that .docx files are strictly valid WordprocessingML packages, offline.

The checks cover the package (zip integrity, duplicate or badly named entries),
[Content_Types].xml, relationships (targets, content types of well-known targets,
r:id references), every XML part (well-formedness, encoding, no DTD) and, after
Markup Compatibility processing the way a consumer that knows only the ECMA-376
Transitional namespaces does it, validation against the schemas in ./xsd of
every part whose root namespace has one.  A few rules that Word enforces but the
schemas do not express are checked too (a table cell must end with a paragraph).

Usage: python tests/ooxml/validate.py FILE...

Prints one "FILE:PART:LINE: message" line per problem.  PART is "-" for a
problem with the package as a whole; LINE is 0 when the problem has no place in
an XML part.  Exits 0 when every file is valid, 1 when there is any problem and
2 on usage errors (including missing files or schemas).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import posixpath
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "xsd"

# Records one problem: part name, line (0 or None when unknown), message.
ReportFn = Callable[[str, int | None, str], None]

NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Schema files relative to XSD_DIR.  The W3C and Dublin Core schemas come first:
# once a namespace is imported, later imports of it (which name network
# locations) are skipped.  The resolver below keeps loading offline regardless.
SCHEMA_FILES: tuple[str, ...] = (
    "w3c-dc/xml.xsd",
    "w3c-dc/dc.xsd",
    "w3c-dc/dcmitype.xsd",
    "w3c-dc/dcterms.xsd",
    "opc-xsd/opc-contentTypes.xsd",
    "opc-xsd/opc-relationships.xsd",
    "opc-xsd/opc-coreProperties.xsd",
    "wml.xsd",
    "shared-math.xsd",
    "shared-commonSimpleTypes.xsd",
    "shared-relationshipReference.xsd",
    "shared-customXmlSchemaProperties.xsd",
    "shared-customXmlDataProperties.xsd",
    "shared-bibliography.xsd",
    "shared-documentPropertiesExtended.xsd",
    "shared-documentPropertiesCustom.xsd",
    "shared-documentPropertiesVariantTypes.xsd",
    "shared-additionalCharacteristics.xsd",
    "dml-main.xsd",
    "dml-wordprocessingDrawing.xsd",
    "dml-picture.xsd",
    "dml-lockedCanvas.xsd",
    "dml-chart.xsd",
    "dml-chartDrawing.xsd",
    "dml-diagram.xsd",
    "vml-main.xsd",
    "vml-officeDrawing.xsd",
    "vml-wordprocessingDrawing.xsd",
    "vml-presentationDrawing.xsd",
    "vml-spreadsheetDrawing.xsd",
)

# Network schema locations named inside the XSDs, and their local copies.
LOCAL_COPIES: dict[str, str] = {
    "http://www.w3.org/2001/03/xml.xsd": "w3c-dc/xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "w3c-dc/xml.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "w3c-dc/dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": (
        "w3c-dc/dcterms.xsd"
    ),
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcmitype.xsd": (
        "w3c-dc/dcmitype.xsd"
    ),
}

# Prefixes used only to make messages readable.
PREFIXES: dict[str, str] = {
    NS_W: "w",
    NS_R: "r",
    NS_MC: "mc",
    NS_CT: "ct",
    NS_PR: "pr",
    NS_CP: "cp",
    NS_EP: "ep",
    NS_A: "a",
    NS_XML: "xml",
    NS_XSI: "xsi",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "c",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main": "sl",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "urn:schemas-microsoft-com:vml": "v",
    "urn:schemas-microsoft-com:office:office": "o",
    "urn:schemas-microsoft-com:office:word": "w10",
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    "http://schemas.microsoft.com/office/word/2012/wordml": "w15",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing": "wp14",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape": "wps",
}

CONTENT_TYPES_PART = "[Content_Types].xml"
RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE_REL = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties"
)
STRICT_DOCUMENT_REL = (
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)
MAIN_DOCUMENT_CTS = frozenset(
    {
        WML + "document.main+xml",
        WML + "template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)

# Word parts: (relationship type suffix, content type suffix, root element name).
_WORD_PARTS = (
    ("styles", "styles", "styles"),
    ("numbering", "numbering", "numbering"),
    ("settings", "settings", "settings"),
    ("header", "header", "hdr"),
    ("footer", "footer", "ftr"),
    ("footnotes", "footnotes", "footnotes"),
    ("endnotes", "endnotes", "endnotes"),
    ("comments", "comments", "comments"),
    ("fontTable", "fontTable", "fonts"),
    ("webSettings", "webSettings", "webSettings"),
    ("glossaryDocument", "document.glossary", "glossaryDocument"),
)

# Content type -> the root element a part of that type must have.
ROOT_FOR_CONTENT_TYPE: dict[str, str] = {
    **{WML + ct + "+xml": f"{{{NS_W}}}{root}" for _, ct, root in _WORD_PARTS},
    **{ct: f"{{{NS_W}}}document" for ct in MAIN_DOCUMENT_CTS},
    "application/vnd.openxmlformats-package.core-properties+xml": (
        f"{{{NS_CP}}}coreProperties"
    ),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": (
        f"{{{NS_EP}}}Properties"
    ),
    "application/vnd.openxmlformats-officedocument.theme+xml": f"{{{NS_A}}}theme",
    RELS_CT: f"{{{NS_PR}}}Relationships",
}

# Relationship type -> the content types its target may have.
TARGET_CTS_FOR_REL: dict[str, frozenset[str]] = {
    **{REL + rel: frozenset({WML + ct + "+xml"}) for rel, ct, _ in _WORD_PARTS},
    REL + "officeDocument": MAIN_DOCUMENT_CTS,
    CORE_REL: frozenset({"application/vnd.openxmlformats-package.core-properties+xml"}),
    REL + "extended-properties": frozenset(
        {"application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    ),
    REL + "theme": frozenset(
        {"application/vnd.openxmlformats-officedocument.theme+xml"}
    ),
}

# Schema messages for markup that Word itself writes and accepts.  Matched
# against the shortened message; keep this list short and explained.
WORD_TOLERATED = tuple(
    re.compile(pattern)
    for pattern in (
        # <w:zoom w:val="bestFit"/> without w:percent: Word for Mac writes it and
        # python-docx's default template contains it.
        r"^Element 'w:zoom': The attribute 'w:percent' is required but missing",
        # Chart axis ids written as negative numbers by Office 2011 for Mac.
        r"^Element 'c:(axId|crossAx)', attribute 'val': '-\d+' is not a valid "
        r"value of the atomic type 'xs:unsignedInt'",
    )
)

# Every attribute in the relationships namespace (r:id, r:embed, ...).
_R_ATTRIBUTES = etree.XPath(f"//@*[namespace-uri() = '{NS_R}']")

# Children of a table cell that may follow its last paragraph.
_TRAILING_MARKS = re.compile(
    r"\}(tcPr|proofErr|bookmark\w+|perm\w+|\w+Range(Start|End))$"
)


@dataclass(frozen=True)
class SchemaSet:
    """Hold the compiled schema and the namespaces it covers."""

    schema: etree.XMLSchema
    namespaces: frozenset[str]
    files_read: tuple[str, ...]


class _OfflineResolver(etree.Resolver):
    """Serve schema imports from one folder and refuse everything else."""

    def __init__(self, xsd_dir: Path) -> None:
        super().__init__()
        self.xsd_dir = xsd_dir.resolve()
        self.files_read: list[str] = []
        self.refused: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        """Map a schemaLocation to a local file; refuse network and foreign files."""
        local = LOCAL_COPIES.get(system_url)
        if local is not None:
            path = self.xsd_dir / local
        else:
            parts = urlsplit(system_url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme not in ("", "file") or not path.is_relative_to(
                self.xsd_dir
            ):
                # Raising here would leave lxml holding the exception; serve a
                # document that is no schema instead, and let the caller fail.
                self.refused.append(system_url)
                return self.resolve_string("<refused/>", context)
        self.files_read.append(str(path))
        return self.resolve_filename(str(path), context)


@functools.cache
def load_schemas(xsd_dir: Path = XSD_DIR) -> SchemaSet:
    """Compile the schemas in xsd_dir once, without touching the network."""
    xsd_dir = xsd_dir.resolve()
    imports = []
    namespaces = set()
    for name in SCHEMA_FILES:
        path = xsd_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"schema file missing: {path}")
        namespace = etree.parse(str(path)).getroot().get("targetNamespace")
        namespaces.add(namespace)
        imports.append(
            f'<xs:import namespace="{namespace}" schemaLocation="{path.as_uri()}"/>'
        )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        + "".join(imports)
        + "</xs:schema>"
    )
    resolver = _OfflineResolver(xsd_dir)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(resolver)
    document = etree.fromstring(wrapper, parser, base_url=xsd_dir.as_uri() + "/")
    try:
        schema = etree.XMLSchema(document)
    except etree.XMLSchemaParseError:
        if not resolver.refused:
            raise
        schema = None
    if schema is None or resolver.refused:
        raise OSError(
            "schemas import locations with no local copy: "
            + ", ".join(resolver.refused)
        )
    return SchemaSet(schema, frozenset(namespaces), tuple(resolver.files_read))


def shorten(text: str) -> str:
    """Write {namespace}name as prefix:name and cut long lists of expected names."""

    def prefixed(match: re.Match[str]) -> str:
        prefix = PREFIXES.get(match.group(1))
        return f"{prefix}:" if prefix else match.group(0)

    text = re.sub(r"\{([^{}]*)\}", prefixed, text)
    expected = re.search(r"Expected is one of \(([^()]*)\)", text)
    if expected:
        names = expected.group(1).split(",")
        if len(names) > 8:
            cut = ",".join(names[:8]) + f", ... {len(names) - 8} more "
            text = text.replace(expected.group(1), cut)
    return text.strip()


def _key(name: str) -> str:
    """Return the case-insensitive lookup key of a part name."""
    return unquote(name).lower()


def _part_name_problem(name: str) -> str | None:
    """Return why a zip entry name is not a valid OPC part name, if it is not."""
    if "\\" in name:
        return "invalid part name (contains a backslash)"
    if name.startswith("/"):
        return "invalid part name (starts with '/')"
    for segment in name.split("/"):
        if segment in ("", ".", ".."):
            return "invalid part name (empty, '.' or '..' segment)"
        if segment.endswith("."):
            return "invalid part name (a segment ends with '.')"
    return None


@dataclass
class _Checker:
    """Hold the state of checking one package."""

    schemas: SchemaSet
    problems: list[str] = field(default_factory=list)
    parts: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    trees: dict[str, etree._ElementTree] = field(default_factory=dict)
    rel_ids: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
        )
        self.understood = self.schemas.namespaces | {NS_MC, NS_XML, NS_XSI}

    def report(self, part: str, line: int | None, message: str) -> None:
        """Record one problem."""
        self.problems.append(f"{part}:{line or 0}: {shorten(message)}")

    # -- package -----------------------------------------------------------

    def check(self, source: str | os.PathLike[str] | bytes) -> list[str]:
        """Check the package and return its problems."""
        try:
            if isinstance(source, (bytes, bytearray)):
                opened: str | os.PathLike[str] | io.BytesIO = io.BytesIO(source)
            else:
                opened = source
            archive = zipfile.ZipFile(opened)
        except (OSError, zipfile.BadZipFile) as exc:
            self.report("-", 0, f"cannot open as a zip package: {exc}")
            return self.problems
        with archive:
            if self.read_zip(archive):
                self.check_contents()
        return self.problems

    def read_zip(self, archive: zipfile.ZipFile) -> bool:
        """Read every entry, reporting duplicates, bad names and corruption."""
        entries = [i.filename for i in archive.infolist() if not i.is_dir()]
        first_spelling: dict[str, str] = {}
        for name in entries:
            earlier = first_spelling.get(_key(name))
            if earlier is None:
                first_spelling[_key(name)] = name
            elif earlier == name:
                self.report(name, 0, "duplicate zip entry")
            else:
                self.report(name, 0, f"part names differ only in case ({earlier})")
            problem = _part_name_problem(name)
            if problem:
                self.report(name, 0, problem)
        try:
            corrupt = archive.testzip()
        except (OSError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error) as exc:
            self.report("-", 0, f"corrupt zip: {exc}")
            return False
        if corrupt is not None:
            self.report(corrupt, 0, "corrupt zip entry (bad CRC)")
            return False
        for name in entries:
            self.parts[name] = archive.read(name)
            self.names[_key(name)] = name
        return True

    def check_contents(self) -> None:
        """Run every check on the parts read from the zip."""
        if STRICT_DOCUMENT_REL.encode() in self.parts.get("_rels/.rels", b""):
            self.report(
                "_rels/.rels",
                0,
                "Strict conformance document: only Transitional documents "
                "(what Word writes by default) can be checked",
            )
            return
        self.check_content_types()
        for name in sorted(self.parts):
            if name != CONTENT_TYPES_PART and self.looks_like_xml(name):
                tree = self.parse(name)
                if tree is not None:
                    self.trees[name] = tree
        self.check_relationships()
        self.check_relationship_references()
        for name, tree in sorted(self.trees.items()):
            if not name.endswith(".rels"):
                self.check_xml_part(
                    name, tree, ROOT_FOR_CONTENT_TYPE.get(self.content_type(name) or "")
                )

    def content_type(self, name: str) -> str | None:
        """Return the content type [Content_Types].xml gives a part."""
        override = self.overrides.get("/" + _key(name))
        if override is not None:
            return override
        base = posixpath.basename(name)
        extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
        return self.defaults.get(extension)

    def looks_like_xml(self, name: str) -> bool:
        """Tell whether a part should be parsed as XML."""
        ctype = self.content_type(name) or ""
        return (
            ctype.endswith("+xml")
            or ctype in ("application/xml", "text/xml")
            or name.lower().endswith((".xml", ".rels"))
        )

    def check_content_types(self) -> None:
        """Check [Content_Types].xml and that every part has a content type."""
        if CONTENT_TYPES_PART not in self.parts:
            self.report(CONTENT_TYPES_PART, 0, "missing [Content_Types].xml")
            return
        tree = self.parse(CONTENT_TYPES_PART)
        if tree is None:
            return
        self.check_xml_part(CONTENT_TYPES_PART, tree, f"{{{NS_CT}}}Types")
        for element in tree.getroot():
            if element.tag == f"{{{NS_CT}}}Default":
                table, key = self.defaults, (element.get("Extension") or "").lower()
            elif element.tag == f"{{{NS_CT}}}Override":
                table, key = self.overrides, _key(element.get("PartName") or "")
            else:
                continue
            if key in table:
                self.report(
                    CONTENT_TYPES_PART,
                    element.sourceline,
                    f"more than one content type for {key!r}",
                )
            table[key] = element.get("ContentType") or ""
        # OPC 2012 exempts relationships parts; Word's packages never need that.
        for name in sorted(self.parts):
            if name != CONTENT_TYPES_PART and not self.content_type(name):
                self.report(CONTENT_TYPES_PART, 0, f"no content type for part /{name}")

    def check_relationships(self) -> None:
        """Check every relationships part and the targets it names."""
        main_documents = 0
        for name in sorted(self.parts):
            if not name.endswith(".rels"):
                continue
            ctype = self.content_type(name)
            if ctype is not None and ctype != RELS_CT:
                self.report(name, 0, f"relationships part has content type {ctype!r}")
            tree = self.trees.get(name)
            if tree is not None:
                self.check_xml_part(name, tree, f"{{{NS_PR}}}Relationships")
            folder, base = posixpath.split(name)
            if posixpath.basename(folder) != "_rels":
                self.report(name, 0, "relationships part outside a _rels folder")
                continue
            source = posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
            if source.endswith(".rels"):
                self.report(name, 0, "a relationships part cannot have relationships")
            elif source and _key(source) not in self.names:
                self.report(name, 0, f"relationships for missing part /{source}")
            if tree is None:
                continue
            ids = self.rel_ids.setdefault(source, set())
            for rel in tree.getroot().iter(f"{{{NS_PR}}}Relationship"):
                ids.add(rel.get("Id") or "")
                if self.check_target(name, source, rel) and not source:
                    main_documents += rel.get("Type") == REL + "officeDocument"
        if main_documents != 1:
            self.report(
                "_rels/.rels",
                0,
                "expected exactly one officeDocument relationship, "
                f"found {main_documents}",
            )

    def check_target(self, rels_part: str, source: str, rel: etree._Element) -> bool:
        """Check one relationship's internal target; return whether it is usable."""
        if rel.get("TargetMode") == "External":
            return False
        rel_id, rel_type = rel.get("Id"), rel.get("Type") or ""
        target = rel.get("Target") or ""
        path = unquote(target.split("#", 1)[0])
        if path.startswith("/"):
            path = path[1:]
        else:
            path = posixpath.join(posixpath.dirname(source), path)
        path = posixpath.normpath(path)
        part = self.names.get(_key(path))
        if part is None:
            self.report(
                rels_part,
                rel.sourceline,
                f"relationship {rel_id}: target {target} does not exist",
            )
            return False
        allowed = TARGET_CTS_FOR_REL.get(rel_type)
        ctype = self.content_type(part)
        if allowed is not None and ctype not in allowed:
            has = f"content type {ctype!r}" if ctype else "no content type"
            self.report(
                rels_part,
                rel.sourceline,
                f"relationship {rel_id} ({rel_type.rsplit('/', 1)[-1]}): "
                f"target {target} has {has}",
            )
        return True

    def check_relationship_references(self) -> None:
        """Check that every r:* attribute names a relationship of its own part."""
        for name, tree in sorted(self.trees.items()):
            if name.endswith(".rels"):
                continue
            ids = self.rel_ids.get(name, set())
            for value in _R_ATTRIBUTES(tree):
                if value and value not in ids:
                    element = value.getparent()
                    self.report(
                        name,
                        element.sourceline,
                        f"{shorten(value.attrname)}={str(value)!r} names no "
                        "relationship of this part",
                    )

    # -- XML parts ---------------------------------------------------------

    def parse(self, name: str) -> etree._ElementTree | None:
        """Parse one part, reporting malformed XML, DTDs and bad encodings."""
        try:
            root = etree.fromstring(self.parts[name], self.parser)
        except etree.XMLSyntaxError as exc:
            self.report(name, exc.lineno, f"not well-formed: {exc.msg}")
            return None
        tree = root.getroottree()
        info = tree.docinfo
        if info.doctype or info.internalDTD is not None:
            self.report(name, 1, "DTD declarations are not allowed in OOXML parts")
        if (info.encoding or "UTF-8").upper() not in ("UTF-8", "UTF-16"):
            self.report(name, 1, f"encoding {info.encoding} is not UTF-8 or UTF-16")
        if info.xml_version not in (None, "1.0"):
            self.report(name, 1, f"XML version {info.xml_version} is not 1.0")
        return tree

    def check_xml_part(
        self, name: str, tree: etree._ElementTree, root_tag: str | None
    ) -> None:
        """Check one parsed part's root, markup compatibility, schema and rules."""
        root = tree.getroot()
        if root_tag and root.tag != root_tag:
            self.report(
                name,
                root.sourceline,
                f"root element is {root.tag}, expected {root_tag}",
            )
            return
        if etree.QName(root).namespace not in self.schemas.namespaces:
            return  # no schema for it, e.g. customXml data or w15:people
        _MarkupCompatibility(self.understood, name, self.report).process(root)
        schema = self.schemas.schema
        if not schema.validate(tree):
            for error in schema.error_log:
                message = shorten(error.message)
                if any(p.search(message) for p in WORD_TOLERATED):
                    continue
                where = f" (at {error.path})" if error.path else ""
                self.report(name, error.line, message + where)
        self.check_word_rules(name, root)

    def check_word_rules(self, name: str, root: etree._Element) -> None:
        """Check rules that Word enforces and the schemas do not express."""
        for cell in root.iter(f"{{{NS_W}}}tc"):
            if not _ends_with_paragraph(cell):
                path = cell.getroottree().getpath(cell)
                self.report(
                    name, cell.sourceline, f"w:tc must end with a w:p (at {path})"
                )


def _ends_with_paragraph(container: etree._Element) -> bool:
    """Tell whether a block container's last block-level child is a paragraph."""
    blocks = [
        child
        for child in container
        if isinstance(child.tag, str) and not _TRAILING_MARKS.search(child.tag)
    ]
    if not blocks:
        return False
    last = blocks[-1]
    if last.tag == f"{{{NS_W}}}sdt":
        content = last.find(f"{{{NS_W}}}sdtContent")
        return content is not None and _ends_with_paragraph(content)
    if last.tag == f"{{{NS_W}}}customXml":
        return _ends_with_paragraph(last)
    return last.tag == f"{{{NS_W}}}p"


_MC_PREFIX = f"{{{NS_MC}}}"


@dataclass(frozen=True)
class _Scope:
    """Hold the markup compatibility declarations in force for an element."""

    dropped: frozenset[str] = frozenset()  # ignorable and not understood
    process_content: frozenset[str] = frozenset()  # "{ns}local" or "{ns}*"
    # "{ns}" for each dropped namespace, to test names with str.startswith.
    prefixes: tuple[str, ...] = ()


# Markup Compatibility (ECMA-376 Part 3) as done by a consumer that understands
# only the namespaces the schemas cover: mc:AlternateContent becomes the first
# mc:Choice whose Requires namespaces are all understood, else its mc:Fallback;
# elements and attributes of ignorable namespaces that are not understood are
# removed (keeping the content of elements named by mc:ProcessContent); every
# mc:* attribute is removed.  Markup of a namespace that is neither understood
# nor ignorable stays, so schema validation reports it.
class _MarkupCompatibility:
    """Apply Markup Compatibility processing to a tree in place."""

    def __init__(self, understood: frozenset[str], part: str, report: ReportFn):
        self.understood = understood
        self.part = part
        self.report = report

    def process(self, root: etree._Element) -> None:
        """Process the tree under root."""
        pending: list[tuple[etree._Element, _Scope]] = [(root, _Scope())]
        while pending:
            element, scope = pending.pop()
            scope = self.enter(element, scope)
            for child in list(element):
                self.resolve(child, scope, pending)

    def enter(self, element: etree._Element, scope: _Scope) -> _Scope:
        """Apply an element's own mc:* declarations and strip dropped attributes."""
        attributes = element.attrib
        if not attributes:
            return scope
        names = attributes.keys()
        if any(name.startswith(_MC_PREFIX) for name in names):
            scope = self.declare(element, scope)
            removed = (_MC_PREFIX, *scope.prefixes)
        elif scope.prefixes:
            removed = scope.prefixes
        else:
            return scope
        for name in names:
            if name.startswith(removed):
                del attributes[name]
        return scope

    def declare(self, element: etree._Element, inherited: _Scope) -> _Scope:
        """Return the scope after an element's Ignorable, ProcessContent, etc."""
        ignorable = self.prefixed_namespaces(element, "Ignorable")
        dropped = {ns for ns in ignorable if ns and ns not in self.understood}
        for namespace in self.prefixed_namespaces(element, "MustUnderstand"):
            if namespace not in self.understood:
                self.report(
                    self.part,
                    element.sourceline,
                    f"mc:MustUnderstand namespace {namespace} is not understood",
                )
        process_content: set[str] = set()
        for qualified in (element.get(_MC_PREFIX + "ProcessContent") or "").split():
            prefix, _, local = qualified.rpartition(":")
            namespace = element.nsmap.get(prefix or None)
            if namespace is not None:
                process_content.add(f"{{{namespace}}}{local}")
        if (
            dropped <= inherited.dropped
            and process_content <= inherited.process_content
        ):
            return inherited
        dropped |= inherited.dropped
        return _Scope(
            frozenset(dropped),
            inherited.process_content | process_content,
            tuple(f"{{{ns}}}" for ns in sorted(dropped)),
        )

    def prefixed_namespaces(
        self, element: etree._Element, attribute: str
    ) -> set[str | None]:
        """Return the namespaces named by the prefixes in one mc:* attribute."""
        found: set[str | None] = set()
        for prefix in (element.get(_MC_PREFIX + attribute) or "").split():
            if prefix not in element.nsmap:
                self.report(
                    self.part,
                    element.sourceline,
                    f"mc:{attribute} names undeclared prefix {prefix!r}",
                )
            found.add(element.nsmap.get(prefix))
        return found

    def resolve(
        self,
        child: etree._Node,
        scope: _Scope,
        pending: list[tuple[etree._Element, _Scope]],
    ) -> None:
        """Replace or drop one child as needed, queueing what stays for processing."""
        tag = child.tag
        if not isinstance(tag, str):
            return  # comment or processing instruction
        if tag == _MC_PREFIX + "AlternateContent":
            scope = self.enter(child, scope)
            branch = self.choose(child)
            if branch is None:
                self.unwrap(child, [], scope, pending)
            else:
                self.unwrap(child, list(branch), self.enter(branch, scope), pending)
        elif tag.startswith(_MC_PREFIX):
            self.report(self.part, child.sourceline, f"misplaced {tag}")
            child.getparent().remove(child)
        elif scope.prefixes and tag.startswith(scope.prefixes):
            wildcard = tag[: tag.index("}") + 1] + "*"
            if tag in scope.process_content or wildcard in scope.process_content:
                self.unwrap(child, list(child), self.enter(child, scope), pending)
            else:
                child.getparent().remove(child)
        else:
            pending.append((child, scope))

    def choose(self, alternate: etree._Element) -> etree._Element | None:
        """Return the mc:Choice or mc:Fallback a consumer would use."""
        for branch in alternate:
            if branch.tag == _MC_PREFIX + "Choice":
                required = set()
                for prefix in (branch.get("Requires") or "").split():
                    if prefix not in branch.nsmap:
                        self.report(
                            self.part,
                            branch.sourceline,
                            f"mc:Choice Requires undeclared prefix {prefix!r}",
                        )
                    required.add(branch.nsmap.get(prefix))
                if required <= self.understood:
                    return branch
            elif branch.tag == _MC_PREFIX + "Fallback":
                return branch
            elif isinstance(branch.tag, str):
                self.report(
                    self.part,
                    branch.sourceline,
                    "mc:AlternateContent may hold only mc:Choice and mc:Fallback, "
                    f"not {branch.tag}",
                )
        return None

    def unwrap(
        self,
        wrapper: etree._Element,
        content: list[etree._Element],
        scope: _Scope,
        pending: list[tuple[etree._Element, _Scope]],
    ) -> None:
        """Put content in place of wrapper and resolve it as the parent's children."""
        parent = wrapper.getparent()
        index = parent.index(wrapper)
        parent.remove(wrapper)
        for offset, node in enumerate(content):
            parent.insert(index + offset, node)
        for node in content:
            self.resolve(node, scope, pending)


def validate_docx(
    source: str | os.PathLike[str] | bytes, xsd_dir: str | os.PathLike[str] = XSD_DIR
) -> list[str]:
    """Return one "PART:LINE: message" string per problem; empty when valid."""
    return _Checker(load_schemas(Path(xsd_dir).resolve())).check(source)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the files named on the command line and return the exit status."""
    parser = argparse.ArgumentParser(
        description="Strictly validate .docx files against the ECMA-376 schemas.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".docx files")
    args = parser.parse_args(argv)
    missing = [name for name in args.files if not os.path.isfile(name)]
    if missing:
        parser.error("no such file: " + ", ".join(missing))
    try:
        load_schemas()
    except (OSError, ValueError, etree.XMLSchemaParseError) as exc:
        print(f"cannot load the schemas in {XSD_DIR}: {exc}", file=sys.stderr)
        return 2
    return 1 if _print_problems(args.files) else 0


def _print_problems(files: Iterable[str]) -> int:
    """Print the problems of every file and return how many files had any."""
    failed = 0
    for name in files:
        problems = validate_docx(name)
        for problem in problems:
            print(f"{name}:{problem}")
        failed += bool(problems)
    return failed


if __name__ == "__main__":
    sys.exit(main())
