"""`remiss import` without LibreOffice: the YAML editor, the tracing of
Markdown, and imports of Word documents with tracked changes that `remiss
diff -o` writes (Word's own markup, which LibreOffice tests cover too)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from remiss.review import mdmap
from remiss.review.yamledit import EditFailed, YamlEditor
from tests.conftest import CASES, ROOT, invoke_remiss, run_remiss

CASE = CASES / "forsokslagenheter.yaml"


def _changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_one_word_in_a_literal_block_changes_exactly_that_line() -> None:
    text = CASE.read_text("utf-8")
    value = yaml.safe_load(text)["sammanfattning"]
    editor = YamlEditor(text)
    editor.set_scalar(
        ("sammanfattning",), value.replace("ojämnt fördelade", "ojämlikt fördelade")
    )
    new = editor.result()
    assert _changed_lines(text, new) == [
        "-  träningslägenheter. Hon anser att lägenheterna är ojämnt fördelade mellan",
        "+  träningslägenheter. Hon anser att lägenheterna är ojämlikt fördelade "
        "mellan",
    ]
    assert yaml.safe_load(new)["sammanfattning"] == value.replace("ojämnt", "ojämlikt")


SMALL = """\
# comment stays
rubrik: 'Svar på remiss'   # and this one
underrubrik: "Remiss från kommunstyrelsen"
förslag_till_beslut:
  - Nämnden godkänner svaret.
  - Nämnden överlämnar ärendet.
synpunkter: >
  Behovet växer när fler äldre
  bor kvar hemma längre.
statistik:
  t:
    rader:
      - [Norr, 40]
"""


def test_quoting_comments_and_folded_blocks_stay() -> None:
    editor = YamlEditor(SMALL)
    editor.set_scalar(("rubrik",), "Svar på kommunstyrelsens remiss")
    editor.set_scalar(("underrubrik",), 'Remiss från "KS"')
    editor.set_scalar(
        ("synpunkter",), "Behovet växer när fler äldre vill bo hemma längre.\n"
    )
    editor.set_scalar(("statistik", "t", "rader", 0, 1), "45")
    new = editor.result()
    assert _changed_lines(SMALL, new) == [
        "-rubrik: 'Svar på remiss'   # and this one",
        '-underrubrik: "Remiss från kommunstyrelsen"',
        "+rubrik: 'Svar på kommunstyrelsens remiss'   # and this one",
        '+underrubrik: "Remiss från \\"KS\\""',
        "-  bor kvar hemma längre.",
        "+  vill bo hemma längre.",
        "-      - [Norr, 40]",
        "+      - [Norr, 45]",
    ]
    assert yaml.safe_load(new)["statistik"]["t"]["rader"][0][1] == 45


def test_list_items_are_added_and_removed_as_lines_of_their_own() -> None:
    editor = YamlEditor(SMALL)
    editor.set_list(
        ("förslag_till_beslut",),
        ["Nämnden godkänner svaret.", "Nämnden tycker: ja.", "Sist."],
    )
    new = editor.result()
    assert _changed_lines(SMALL, new) == [
        "-  - Nämnden överlämnar ärendet.",
        '+  - "Nämnden tycker: ja."',
        "+  - Sist.",
    ]


def test_a_change_that_does_not_read_back_is_refused() -> None:
    editor = YamlEditor("a: [x, y]\n")
    with pytest.raises(EditFailed):
        editor.set_list(("a",), ["x"])
    with pytest.raises(EditFailed):
        YamlEditor("a: 1\n").set_scalar(("b",), "2")


def test_markdown_is_traced_word_by_word_and_emphasis_stays() -> None:
    value = "Ett **viktigt** beslut om\n{{ statistik.t.summa | tal }} platser.\n"
    chunk = mdmap.chunks(value)[0]
    traced = mdmap.trace(
        value, chunk.body, chunk.end, "Ett viktigt beslut om 95 platser.", markdown=True
    )
    assert traced is not None
    out, figures = mdmap.apply_edit(
        value, traced, "Ett viktigt förslag om 95 platser.", markdown=True
    )
    assert out == "Ett **viktigt** förslag om\n{{ statistik.t.summa | tal }} platser.\n"
    assert figures == []
    out, figures = mdmap.apply_edit(
        value, traced, "Ett viktigt beslut om 99 platser.", markdown=True
    )
    assert out == value  # the expression is never overwritten
    assert [(f.old, f.new) for f in figures] == [("95", "99")]
    assert "statistik.t.summa" in figures[0].expression
    # Removing the emphasised word takes a delimiter with it: the caller
    # writes the chunk anew instead.
    assert (
        mdmap.apply_edit(value, traced, "Ett beslut om 95 platser.", markdown=True)
        is None
    )


def test_text_typed_in_word_is_escaped_as_markdown() -> None:
    value = "Se punkt ett.\n"
    chunk = mdmap.chunks(value)[0]
    traced = mdmap.trace(value, chunk.body, chunk.end, "Se punkt ett.", markdown=True)
    assert traced is not None
    out, _ = mdmap.apply_edit(value, traced, "Se punkt *ett* {{ x }}.", markdown=True)
    assert out == "Se punkt \\*ett\\* {\\{ x }}.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "p"
    (folder / "cases").mkdir(parents=True)
    (folder / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    (folder / "cases" / "a.yaml").write_text(CASE.read_text("utf-8"), "utf-8")
    return folder


def _redline(project: Path, change: str, into: str) -> Path:
    """Write NEW (the case with `change` made) and a redline OLD -> NEW."""
    case = project / "cases" / "a.yaml"
    new = project / "ny.yaml"
    new.write_text(case.read_text("utf-8").replace(change, into), "utf-8")
    out = project / "granskning.docx"
    result = run_remiss("diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project)
    assert result.returncode == 1, result.stderr
    return out


def test_a_redline_accepted_gives_the_new_case_exactly(project: Path) -> None:
    redline = _redline(
        project,
        "Förvaltningen avstyrker därför motionen.",
        "Förvaltningen avstyrker därför motionen i sin helhet.",
    )
    result = run_remiss("import", str(redline), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "ändrat sammanfattning" in result.stderr
    case = (project / "cases" / "a.yaml").read_text("utf-8")
    assert case == (project / "ny.yaml").read_text("utf-8")


def test_a_redline_rejected_changes_nothing(project: Path) -> None:
    before = (project / "cases" / "a.yaml").read_bytes()
    redline = _redline(
        project, "[Övriga stadsdelar, 1215]", "[Övriga stadsdelar, 1300]"
    )
    result = run_remiss("import", "--avvisa", str(redline), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "inga ändringar att föra in" in result.stderr
    assert (project / "cases" / "a.yaml").read_bytes() == before


def test_a_new_decision_becomes_a_line_of_its_own(project: Path) -> None:
    redline = _redline(
        project,
        "  - Socialnämnden överlämnar ärendet till kommunstyrelsen.\n",
        "  - Socialnämnden överlämnar ärendet till kommunstyrelsen.\n"
        "  - Socialnämnden justerar paragrafen omedelbart.\n",
    )
    result = run_remiss("import", str(redline), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    case = (project / "cases" / "a.yaml").read_text("utf-8")
    assert case == (project / "ny.yaml").read_text("utf-8")


def test_usage_and_unreadable_files(project: Path) -> None:
    both = run_remiss("import", "x.docx", cwd=project)
    assert both.returncode == 2
    (project / "x.docx").write_bytes(b"inte en zip")
    result = run_remiss("import", "x.docx", "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "E806 filen är inget Word-dokument som går att läsa" in result.stderr
    neither = run_remiss(
        "import", "x.docx", "cases/a.yaml", "--ny", "b.yaml", cwd=project
    )
    assert neither.returncode == 2


# Word changes made by `remiss diff -o` between the case and the case with one
# edit: importing the redline must give the edited file back, byte for byte.
EDITS = [
    # a word inside a bullet item that starts with bold text
    ("tar över förstahandskontraktet.", "tar över kontraktet."),
    # words next to an expression; the expression stays as typed
    ("Resten finns i andra stadsdelar.", "Resten ligger i andra stadsdelar."),
    ("Staden har totalt", "Staden har sammanlagt"),
    # the bold word itself
    ("**Träningslägenhet** är", "**Träningsbostad** är"),
    # a decision and the subtitle
    ("överlämnar ärendet till kommunstyrelsen.", "överlämnar ärendet till KS."),
    ("underrubrik: Remiss från kommunstyrelsen", "underrubrik: Remiss från KS"),
    # a table's caption, printed with its unit after it
    (
        "rubrik: Försöks- och träningslägenheter efter läge",
        "rubrik: Försöks- och träningslägenheter efter var de ligger",
    ),
]


@pytest.mark.parametrize(("old", "new"), EDITS)
def test_a_redline_of_one_edit_imports_to_that_edit(tmp_path: Path, old, new) -> None:
    from remiss.input.project import load_project
    from remiss.review.diff import compare
    from remiss.review.wordimport import import_word

    (tmp_path / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    text = CASE.read_text("utf-8")
    assert text.count(old) == 1
    before, after = tmp_path / "a.yaml", tmp_path / "b.yaml"
    before.write_text(text, "utf-8")
    after.write_text(text.replace(old, new), "utf-8")
    project = load_project(tmp_path)
    redline = compare(
        str(before), str(after), project, color=False, redline=True, author="t"
    )
    assert redline.redline is not None
    found = import_word(redline.redline, "r.docx", before, project)
    assert [d.format() for d in found.diagnostics] == []
    assert found.text == after.read_text("utf-8")


def test_a_redline_with_computed_figures_lists_them(tmp_path: Path) -> None:
    """A cell that the total, the shares and figures in the text follow: in
    the redline they all changed, and only the cell is the case's to take."""
    from remiss.input.project import load_project
    from remiss.review.diff import compare
    from remiss.review.wordimport import import_word

    (tmp_path / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    text = CASE.read_text("utf-8")
    before, after = tmp_path / "a.yaml", tmp_path / "b.yaml"
    before.write_text(text, "utf-8")
    after.write_text(text.replace("[Innerstaden, 62]", "[Innerstaden, 70]"), "utf-8")
    project = load_project(tmp_path)
    redline = compare(
        str(before), str(after), project, color=False, redline=True, author="t"
    )
    assert redline.redline is not None
    found = import_word(redline.redline, "r.docx", before, project)
    messages = [d.message for d in found.diagnostics]
    assert (
        "siffran 62 i Ärendet kommer från statistik.lagenheter; i dokumentet står 70"
        in messages
    )
    total = "rad 4, kolumn 2: ”1\u00a0277” ändrad till ”1\u00a0285”"
    assert any(total in m for m in messages)
    assert found.blocked
    assert found.changed == ["statistik.lagenheter, rad 1, cell 2"]
    assert found.text == after.read_text("utf-8")  # what --delvis would write


def test_windows_line_ends_and_a_byte_order_mark_stay(project: Path) -> None:
    case = project / "cases" / "a.yaml"
    text = case.read_text("utf-8")
    case.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    new = project / "ny.yaml"
    new.write_text(
        text.replace("ojämnt fördelade", "ojämlikt fördelade"),
        "utf-8",
    )
    out = project / "granskning.docx"
    made = run_remiss("diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project)
    assert made.returncode == 1, made.stderr
    result = run_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert "ändrat sammanfattning" in result.stderr, result.stderr
    data = case.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert "\n" not in "".join(lines)
    old_lines = text.split("\n")
    assert len(lines) == len(old_lines)
    changed = [
        i for i, (a, b) in enumerate(zip(old_lines, lines, strict=True)) if a != b
    ]
    assert [old_lines[i] for i in changed] == [
        "  träningslägenheter. Hon anser att lägenheterna är ojämnt fördelade mellan"
    ]


def test_a_document_with_the_same_dnr_but_other_text_is_refused(
    project: Path,
) -> None:
    other = (CASES / "hemloshetskartlaggning.yaml").read_text("utf-8")
    case = project / "cases" / "a.yaml"
    text = case.read_text("utf-8")
    dnr = next(line for line in other.splitlines() if line.startswith("diarienummer"))
    case.write_text(text.replace("diarienummer: 325-827/2011", dnr), "utf-8")
    before = case.read_bytes()
    result = run_remiss(
        "import",
        str(ROOT / "output" / "hemloshetskartlaggning.docx"),
        "cases/a.yaml",
        cwd=project,
    )
    assert result.returncode == 1
    assert "E801 dokumentet liknar inte det ärendefilen ger" in result.stderr
    assert case.read_bytes() == before


GROUPED = """\
förslag_till_beslut:
  - rubrik: Förslag till socialnämnden
    beslut:
      - Socialnämnden föreslår kommunfullmäktige att avslå motionen.
  - rubrik: Förslag till kommunfullmäktige
    beslut:
      - Kommunfullmäktige avslår motionen.
      - Kommunfullmäktige uppdrar åt socialnämnden att följa frågan.
"""


def test_decisions_in_groups_are_imported_into_their_group(project: Path) -> None:
    """Format 1.1: a group's heading and each of its decisions is a field."""
    case = project / "cases" / "a.yaml"
    text = case.read_text("utf-8")
    start = text.index("förslag_till_beslut:")
    end = text.index("\n", text.index("  - Socialnämnden överlämnar"))
    case.write_text(text[:start] + GROUPED + text[end + 1 :], "utf-8")
    (project / "ny.yaml").unlink(missing_ok=True)
    new = project / "ny.yaml"
    changed = (
        case.read_text("utf-8")
        .replace("Kommunfullmäktige avslår", "Kommunfullmäktige bifaller")
        .replace("Förslag till kommunfullmäktige", "Förslag till fullmäktige")
    )
    new.write_text(changed, "utf-8")
    out = project / "granskning.docx"
    diffed = invoke_remiss(
        "diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project
    )
    assert diffed.returncode == 1, diffed.stderr
    result = invoke_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "grupp 2, beslut 1" in result.stderr
    assert case.read_text("utf-8") == changed


def test_a_format_1_1_document_becomes_the_same_case_again(tmp_path: Path) -> None:
    """`import --ny` reads back what format 1.1 writes: the role before a
    name, another heading over the decisions, groups, a single decision."""
    from tests.test_agenda_layout import CASE as CASE_1_1

    (tmp_path / "cases").mkdir()
    (tmp_path / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    source = CASE_1_1.format(dnr="KS 1", meeting="2019-05-15", status="klar", title="R")
    (tmp_path / "cases" / "a.yaml").write_text(source, encoding="utf-8")
    rendered = invoke_remiss("render", "cases/a.yaml", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    result = invoke_remiss(
        "import", "output/a.docx", "--ny", "cases/b.yaml", cwd=tmp_path
    )
    assert "W805" not in result.stderr, result.stderr
    made = yaml.safe_load((tmp_path / "cases" / "b.yaml").read_text("utf-8"))
    original = yaml.safe_load(source)
    for key in ("handläggare", "rubriker", "förslag_till_beslut"):
        assert made[key] == original[key]
