"""Test the offline .docx validator in tests/ooxml/validate.py."""

from __future__ import annotations

import functools
import hashlib
import io
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import etree

try:
    from tests.ooxml import validate
except ImportError:  # only tests/ is on sys.path (pytest's rootdir-less layout)
    from ooxml import validate  # type: ignore[no-redef]

VALIDATOR = Path(validate.__file__).resolve()
NS_W = validate.NS_W
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"

# The shared reference validator: beside the repository (as CI lays it out) or
# at its place on a developer machine.  Absent on users' machines.
REFERENCE_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "shared" / "ooxml" / "validate_docx.py",
    Path("/work/shared/ooxml/validate_docx.py"),
)

# Namespace declarations for building fragments; python-docx declares the same
# prefixes on the document root.
FRAGMENT_NAMESPACES = {
    "w": NS_W,
    "r": validate.NS_R,
    "mc": validate.NS_MC,
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}

Edit = Callable[[bytes], bytes]


def fragment(xml: str) -> etree._Element:
    """Parse one element written with the prefixes of FRAGMENT_NAMESPACES."""
    declarations = " ".join(
        f'xmlns:{prefix}="{uri}"' for prefix, uri in FRAGMENT_NAMESPACES.items()
    )
    return etree.fromstring(f"<wrapper {declarations}>{xml}</wrapper>")[0]


def qn(name: str) -> str:
    """Turn "w:tag" into Clark notation."""
    prefix, local = name.split(":")
    return f"{{{FRAGMENT_NAMESPACES[prefix]}}}{local}"


def rebuild(
    package: bytes,
    edits: dict[str, Edit] | None = None,
    extra: list[tuple[str, bytes]] | None = None,
    drop: str | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Copy a package, editing, adding or dropping entries on the way."""
    edits = edits or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", compression) as target,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name"
        for info in source.infolist():
            if info.filename == drop:
                continue
            data = source.read(info)
            edit = edits.get(info.filename)
            target.writestr(info.filename, edit(data) if edit else data)
        for name, data in extra or []:
            target.writestr(name, data)
    return out.getvalue()


def xml_edit(change: Callable[[etree._Element], None]) -> Edit:
    """Make an Edit that changes a part's parsed root element in place."""

    def apply(data: bytes) -> bytes:
        root = etree.fromstring(data)
        change(root)
        return etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    return apply


def in_body(xml: str) -> Edit:
    """Make an Edit that puts a fragment first in the document body."""
    return xml_edit(lambda root: root.find(qn("w:body")).insert(0, fragment(xml)))


def first_cell(change: Callable[[etree._Element], None]) -> Edit:
    """Make an Edit that changes the document's first table cell."""
    return xml_edit(lambda root: change(next(root.iter(qn("w:tc")))))


def empty_cell(cell: etree._Element) -> None:
    """Remove every paragraph from a table cell."""
    for paragraph in cell.findall(qn("w:p")):
        cell.remove(paragraph)


def cell_ending_with_table(cell: etree._Element) -> None:
    """Make a table cell end with a nested table instead of a paragraph."""
    empty_cell(cell)
    cell.append(fragment("<w:p/>"))
    cell.append(
        fragment(
            '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>'
            "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        )
    )


def drop_ignorable(root: etree._Element) -> None:
    """Remove mc:Ignorable from the root and give a paragraph a w14 attribute."""
    del root.attrib[qn("mc:Ignorable")]
    paragraph = next(root.iter(qn("w:p")))
    paragraph.set(qn("w14:paraId"), "12345678")


def add_w14_attribute(root: etree._Element) -> None:
    """Give the first paragraph a w14 attribute (w14 is declared ignorable)."""
    next(root.iter(qn("w:p"))).set(qn("w14:paraId"), "12345678")


def corrupt_crc(package: bytes) -> bytes:
    """Change one byte of stored document data, so its CRC no longer matches."""
    stored = rebuild(package, compression=zipfile.ZIP_STORED)
    assert stored.count(b"<w:body>") == 1
    return stored.replace(b"<w:body>", b"<w:bodx>")


def swap_styles_target(data: bytes) -> bytes:
    """Point the styles relationship at a part that does not exist."""
    return data.replace(b'Target="styles.xml"', b'Target="nostyles.xml"')


def drop_styles_override(root: etree._Element) -> None:
    """Remove the content type override of word/styles.xml."""
    for override in root:
        if override.get("PartName") == "/word/styles.xml":
            root.remove(override)


def drop_jpeg_default(root: etree._Element) -> None:
    """Remove the default content type of .jpeg parts."""
    for default in root:
        if default.get("Extension") == "jpeg":
            root.remove(default)


CHOICE_UNDERSTOOD = (
    '<w:p><mc:AlternateContent><mc:Choice Requires="w"><w:r><w:t>yes</w:t></w:r>'
    "</mc:Choice><mc:Fallback><w:banana/></mc:Fallback></mc:AlternateContent></w:p>"
)
CHOICE_NOT_UNDERSTOOD = (
    '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:banana/></mc:Choice>'
    "<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback>"
    "</mc:AlternateContent></w:p>"
)
# A text box as Word writes it: DrawingML shape, VML fallback.
TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp/>'
    "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
    '<v:rect style="width:10pt;height:10pt"/></w:pict></mc:Fallback>'
    "</mc:AlternateContent></w:r></w:p>"
)
NESTED_ALTERNATE_CONTENT = (
    '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:banana/></mc:Choice>'
    '<mc:Fallback><mc:AlternateContent><mc:Choice Requires="w14"><w:banana/>'
    "</mc:Choice><mc:Fallback><w:r/></mc:Fallback></mc:AlternateContent>"
    "</mc:Fallback></mc:AlternateContent></w:p>"
)
FALLBACK_INVALID = (
    '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r/></mc:Choice>'
    "<mc:Fallback><w:banana/></mc:Fallback></mc:AlternateContent></w:p>"
)


@dataclass(frozen=True)
class Case:
    """Describe one fixture: how to build it and the problem it must yield."""

    name: str
    build: Callable[[bytes, bytes], bytes]  # (blank, rich) -> package
    part: str | None = None  # None: the package is valid
    text: str = ""  # must occur in a problem of that part


CASES = [
    Case("blank", lambda blank, rich: blank),
    Case("rich", lambda blank, rich: rich),
    Case(
        "w14_ignorable",
        lambda blank, rich: rebuild(rich, {DOCUMENT: xml_edit(add_w14_attribute)}),
    ),
    Case(
        "choice_understood",
        lambda blank, rich: rebuild(blank, {DOCUMENT: in_body(CHOICE_UNDERSTOOD)}),
    ),
    Case(
        "choice_falls_back",
        lambda blank, rich: rebuild(blank, {DOCUMENT: in_body(CHOICE_NOT_UNDERSTOOD)}),
    ),
    Case(
        "text_box_falls_back_to_vml",
        lambda blank, rich: rebuild(blank, {DOCUMENT: in_body(TEXT_BOX)}),
    ),
    Case(
        "ignorable_element_dropped",
        lambda blank, rich: rebuild(
            blank, {DOCUMENT: in_body("<w:p><w14:x><w:banana/></w14:x><w:r/></w:p>")}
        ),
    ),
    Case(
        "unknown_element",
        lambda blank, rich: rebuild(blank, {DOCUMENT: in_body("<w:banana/>")}),
        DOCUMENT,
        "w:banana",
    ),
    Case(
        "bad_attribute_value",
        lambda blank, rich: rebuild(
            blank,
            {DOCUMENT: in_body('<w:p><w:pPr><w:jc w:val="banana"/></w:pPr></w:p>')},
        ),
        DOCUMENT,
        "'banana'",
    ),
    Case(
        "cell_without_paragraph",
        lambda blank, rich: rebuild(rich, {DOCUMENT: first_cell(empty_cell)}),
        DOCUMENT,
        "w:tc must end with a w:p",
    ),
    Case(
        "cell_ending_with_table",
        lambda blank, rich: rebuild(
            rich, {DOCUMENT: first_cell(cell_ending_with_table)}
        ),
        DOCUMENT,
        "w:tc must end with a w:p",
    ),
    Case(
        "dangling_relationship_id",
        lambda blank, rich: rebuild(
            blank, {DOCUMENT: in_body('<w:p><w:hyperlink r:id="rId99"/></w:p>')}
        ),
        DOCUMENT,
        "rId99",
    ),
    Case(
        "broken_relationship_target",
        lambda blank, rich: rebuild(rich, {DOCUMENT_RELS: swap_styles_target}),
        DOCUMENT_RELS,
        "nostyles.xml",
    ),
    Case(
        "missing_override",
        lambda blank, rich: rebuild(
            rich, {CONTENT_TYPES: xml_edit(drop_styles_override)}
        ),
        DOCUMENT_RELS,
        "target styles.xml has content type 'application/xml'",
    ),
    Case(
        "missing_default",
        lambda blank, rich: rebuild(
            blank, {CONTENT_TYPES: xml_edit(drop_jpeg_default)}
        ),
        CONTENT_TYPES,
        "no content type for part /docProps/thumbnail.jpeg",
    ),
    Case(
        "missing_content_types_part",
        lambda blank, rich: rebuild(blank, drop=CONTENT_TYPES),
        CONTENT_TYPES,
        "missing",
    ),
    Case(
        "duplicate_zip_entry",
        lambda blank, rich: rebuild(
            blank, extra=[(DOCUMENT, zipfile.ZipFile(io.BytesIO(blank)).read(DOCUMENT))]
        ),
        DOCUMENT,
        "duplicate zip entry",
    ),
    Case(
        "w14_not_ignorable",
        lambda blank, rich: rebuild(rich, {DOCUMENT: xml_edit(drop_ignorable)}),
        DOCUMENT,
        "paraId",
    ),
    Case(
        "fallback_invalid",
        lambda blank, rich: rebuild(blank, {DOCUMENT: in_body(FALLBACK_INVALID)}),
        DOCUMENT,
        "w:banana",
    ),
    Case(
        "bad_crc",
        lambda blank, rich: corrupt_crc(blank),
        DOCUMENT,
        "bad CRC",
    ),
    Case(
        "process_content_kept",
        lambda blank, rich: rebuild(
            blank,
            {
                DOCUMENT: in_body(
                    '<w:p mc:ProcessContent="w14:x"><w14:x><w:banana/></w14:x></w:p>'
                )
            },
        ),
        DOCUMENT,
        "w:banana",
    ),
    Case(
        "ignorable_prefix_undeclared",
        lambda blank, rich: rebuild(
            blank, {DOCUMENT: in_body('<w:p mc:Ignorable="zz"><w:r/></w:p>')}
        ),
        DOCUMENT,
        "undeclared prefix 'zz'",
    ),
    Case(
        "must_understand_w14",
        lambda blank, rich: rebuild(
            blank, {DOCUMENT: in_body('<w:p mc:MustUnderstand="w14"><w:r/></w:p>')}
        ),
        DOCUMENT,
        "is not understood",
    ),
    Case("not_a_zip", lambda blank, rich: b"PK but not really a zip", "-", "zip"),
]


def build_rich(path: Path) -> None:
    """Save a document with headings, a list, a table, a header and a footer."""
    document = docx.Document()
    document.add_heading("Title", 0)
    document.add_heading("Section", 1)
    for text in ("one", "two"):
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "cell"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header"
    section.footer.paragraphs[0].text = "Footer"
    document.save(path)


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Write every Case's package to a file and return the paths by case name."""
    folder = tmp_path_factory.mktemp("ooxml")
    docx.Document().save(folder / "base-blank.docx")
    build_rich(folder / "base-rich.docx")
    blank = (folder / "base-blank.docx").read_bytes()
    rich = (folder / "base-rich.docx").read_bytes()
    paths = {}
    for case in CASES:
        paths[case.name] = folder / f"{case.name}.docx"
        paths[case.name].write_bytes(case.build(blank, rich))
    return paths


@functools.cache
def problems_of(path: Path) -> list[str]:
    """Validate a fixture once per test session (schema errors can be slow)."""
    return validate.validate_docx(path)


def parts_with_problems(problems: list[str]) -> set[str]:
    """Return the PART of each "PART:LINE: message" problem."""
    return {problem.split(":", 1)[0] for problem in problems}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case, fixtures: dict[str, Path]) -> None:
    problems = problems_of(fixtures[case.name])
    if case.part is None:
        assert problems == []
        return
    matching = [p for p in problems if p.startswith(f"{case.part}:")]
    assert matching, problems
    assert any(case.text in p for p in matching), problems


def test_nested_alternate_content_is_resolved(fixtures: dict[str, Path]) -> None:
    # Not compared with the reference, which reports the inner mc:Choice and
    # mc:Fallback as misplaced.
    blank = fixtures["blank"].read_bytes()
    package = rebuild(blank, {DOCUMENT: in_body(NESTED_ALTERNATE_CONTENT)})
    assert validate.validate_docx(package) == []
    invalid = NESTED_ALTERNATE_CONTENT.replace("<w:r/>", "<w:banana/>")
    problems = validate.validate_docx(rebuild(blank, {DOCUMENT: in_body(invalid)}))
    assert [p.split(":", 1)[0] for p in problems] == [DOCUMENT], problems


def test_problems_are_part_line_message(fixtures: dict[str, Path]) -> None:
    problems = validate.validate_docx(fixtures["cell_ending_with_table"])
    assert len(problems) == 1, problems
    part, line, message = problems[0].split(":", 2)
    assert part == DOCUMENT
    assert int(line) > 0
    assert message.startswith(" w:tc must end with a w:p (at /w:document/w:body/")


def test_bytes_and_path_give_same_problems(fixtures: dict[str, Path]) -> None:
    path = fixtures["dangling_relationship_id"]
    assert validate.validate_docx(path.read_bytes()) == validate.validate_docx(path)
    assert validate.validate_docx(str(path)) == validate.validate_docx(path)


def test_schemas_load_once_from_local_files() -> None:
    schemas = validate.load_schemas()
    assert validate.load_schemas() is schemas
    assert validate.NS_W in schemas.namespaces
    assert schemas.files_read
    for name in schemas.files_read:
        assert Path(name).is_relative_to(validate.XSD_DIR), name


def test_resolver_refuses_network_locations() -> None:
    resolver = validate._OfflineResolver(validate.XSD_DIR)
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(resolver)
    schema = etree.fromstring(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:import namespace="urn:x" schemaLocation="http://example.invalid/x.xsd"/>'
        "</xs:schema>",
        parser,
    )
    with pytest.raises(etree.XMLSchemaParseError):
        etree.XMLSchema(schema)
    assert resolver.refused == ["http://example.invalid/x.xsd"]
    assert resolver.files_read == []


def test_schema_files_match_their_checksums() -> None:
    listed = {}
    for line in (validate.XSD_DIR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.removeprefix("./")] = digest
    assert {name for name in listed if name.endswith(".xsd")} >= set(
        validate.SCHEMA_FILES
    )
    for name, digest in listed.items():
        data = (validate.XSD_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the validator's command line."""
    return subprocess.run(
        [sys.executable, str(VALIDATOR), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exit_codes(fixtures: dict[str, Path]) -> None:
    good, bad = fixtures["rich"], fixtures["dangling_relationship_id"]
    result = run_cli(good)
    assert (result.returncode, result.stdout) == (0, "")
    result = run_cli(good, bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith(f"{bad}:{DOCUMENT}:") for line in lines), lines
    assert run_cli().returncode == 2
    assert run_cli(good.with_name("no-such-file.docx")).returncode == 2


def reference_validator() -> Path | None:
    """Return the shared reference validator's path, if it is there."""
    return next((path for path in REFERENCE_CANDIDATES if path.is_file()), None)


@pytest.fixture(scope="session")
def reference_problems(fixtures: dict[str, Path]) -> dict[str, list[str]]:
    """Run the reference validator once on every fixture; problems by case name."""
    reference = reference_validator()
    if reference is None:
        pytest.skip("no shared reference validator on this machine")
    result = subprocess.run(
        [sys.executable, str(reference), *map(str, fixtures.values())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    problems: dict[str, list[str]] = {name: [] for name in fixtures}
    for line in result.stdout.splitlines():
        for name, path in fixtures.items():
            if line.startswith(f"{path}:"):
                problems[name].append(line.removeprefix(f"{path}:"))
                break
        else:
            raise AssertionError(f"unexpected reference output: {line}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_agrees_with_reference(
    case: Case,
    fixtures: dict[str, Path],
    reference_problems: dict[str, list[str]],
) -> None:
    ours = problems_of(fixtures[case.name])
    theirs = reference_problems[case.name]
    assert parts_with_problems(ours) == parts_with_problems(theirs), (ours, theirs)
