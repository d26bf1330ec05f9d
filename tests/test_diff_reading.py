"""remiss diff as a reader sees it: whole numbers, the document's text without
Markdown, meeting files as agendas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from remiss.blocks import word_tokens
from remiss.review.diff import word_diff
from tests.conftest import CASES, ROOT, invoke_remiss
from tests.test_diff import variant

MEETING = (CASES / "sammantrade-2011-08-23.yaml").read_text("utf-8")

NUMBERS = [
    ("1 565", "1 592"),
    ("1\u00a0565", "1\u00a0592"),
    ("1\u202f565", "1\u202f592"),
    ("26,3 %", "25,9 %"),
    ("26,3\u00a0%", "26,9\u00a0%"),
    ("−33", "−38"),
    ("-33", "-38"),
    ("2011:31", "2011:32"),
    ("2011-08-31", "2011-09-30"),
    ("325-827/2011", "325-828/2011"),
    ("18.00", "17.30"),
]


@pytest.mark.parametrize(("old", "new"), NUMBERS)
def test_a_changed_number_is_one_change(old: str, new: str) -> None:
    before = f"## Ärendet\n\nSiffran är {old} enligt kontoret."
    after = f"## Ärendet\n\nSiffran är {new} enligt kontoret."
    assert word_tokens(f"är {old},") == ["är", " ", old, ","]
    assert word_diff(before, after, color=False) == [
        "@@ Ärendet @@",
        f"Siffran är [-{old}-]{{+{new}+}} enligt kontoret.",
    ]


def test_numbers_next_to_each_other_stay_apart() -> None:
    # A year is never the first group of a larger number.
    assert word_tokens("år 2011 150 lägenheter") == [
        "år", " ", "2011", " ", "150", " ", "lägenheter",
    ]  # fmt: skip
    assert word_tokens("mellan 3 och 4") == ["mellan", " ", "3", " ", "och", " ", "4"]
    assert "".join(word_tokens("Dnr 325-827/2011, 26,3 % (−33).")) == (
        "Dnr 325-827/2011, 26,3 % (−33)."
    )


def test_the_text_compared_is_what_a_reader_sees(tmp_path: Path) -> None:
    old = variant(tmp_path, "gammal")
    new = variant(
        tmp_path,
        "ny",
        ("[Innerstaden, 62]", "[Innerstaden, 70]"),
        (
            "Socialnämnden överlämnar ärendet till kommunstyrelsen.",
            "Socialnämnden överlämnar ärendet till kommunfullmäktige.",
        ),
        ("datum: 2011-08-10", "datum: 2011-08-12"),
    )
    result = invoke_remiss("diff", str(old), str(new), "--ingen-färg", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    text = result.stdout.split("Ändringar i texten:\n", 1)[1]
    # The table cell as its row's text, the list item with its number, the
    # page header's date, and the total as one number.
    text = text.replace("\u00a0", " ")  # as typeset: hard spaces in numbers
    assert "Innerstaden\t[-62-]{+70+}\t[-4,9 %-]{+5,4 %+}" in text
    assert "Totalt\t[-1 277-]{+1 285+}\t100,0 %" in text
    assert (
        "2. Socialnämnden överlämnar ärendet till "
        "[-kommunstyrelsen-]{+kommunfullmäktige+}." in text
    )
    assert "@@ Sidhuvud @@\n[-2011-08-10-]{+2011-08-12+}" in text
    assert "@@ Ärendet @@" in text
    for markup in ("|", ":::", "custom-style", "**", "\\", "---", "# "):
        assert markup not in text, markup


def test_a_changed_phrase_is_one_change() -> None:
    before = "## Ärendet\n\nResten finns i andra stadsdelar."
    after = "## Ärendet\n\nResten ligger i övriga delar av staden."
    assert word_diff(before, after, color=False)[1] == (
        "Resten [-finns-]{+ligger+} i [-andra stadsdelar-]{+övriga delar av staden+}."
    )


def test_an_added_paragraph_does_not_shift_the_pairing() -> None:
    before = "## A\n\nFörsta stycket är kvar.\n\nAndra stycket ändras lite här."
    after = (
        "## A\n\nFörsta stycket är kvar.\n\nEtt helt nytt stycke om annat.\n\n"
        "Andra stycket ändras mycket lite här."
    )
    assert word_diff(before, after, color=False) == [
        "@@ A @@",
        "{+Ett helt nytt stycke om annat.+}",
        "Andra stycket ändras {+mycket +}lite här.",
    ]


# -- meeting files --------------------------------------------------------------


def _meeting_project(tmp_path: Path) -> Path:
    project = tmp_path / "projekt"
    shutil.copytree(CASES, project / "cases")
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    return project


def test_a_meeting_diffs_as_an_agenda(tmp_path: Path) -> None:
    project = _meeting_project(tmp_path)
    text = MEETING
    group = (
        "      - text: Protokoll från socialnämndens individutskott den 14 juni 2011\n",
        "      - text: Delegationsbeslut fattade under juni 2011\n",
    )
    case = "  - ärende: forsokslagenheter.yaml\n"
    for old, new in [
        ('tid: "18.00"', 'tid: "17.30"'),
        ("  - text: Val av protokolljusterare och tid för justering av "
         "protokollet\n", ""),
        (case, case + "  - ärende: hemloshetskartlaggning.yaml\n"),
        (group[0] + group[1], group[1] + group[0]),
        ("sommarens arbete med hemlösa\n", "sommarens arbete med hemlösa personer\n"),
    ]:  # fmt: skip
        assert old in text, old
        text = text.replace(old, new)
    new = project / "cases" / "ny-mote.yaml"
    new.write_text(text, encoding="utf-8")
    old = project / "cases" / "sammantrade-2011-08-23.yaml"
    result = invoke_remiss("diff", str(old), str(new), cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""  # no case errors: a meeting is not a case
    assert result.stdout.splitlines() == [
        "Ändringar i föredragningslistan:",
        "  tid: 18.00 → 17.30",
        "  punkt 2 ”Val av protokolljusterare och tid för justering av protokollet”"
        " borttagen",
        "  punkt 3 ”Överklagande av förvaltningsrättens dom om vård enligt LVU”"
        " har nu nummer 2",
        "  punkt 4 ”Svar på remiss om motion (2011:31) om en jämlik fördelning av"
        " försöks- och träningslägenheter” har nu nummer 3",
        "  punkt 4 ”Hemlöshet i Stockholm 2011 – resultat av kartläggningen” tillagd",
        "  punkt 5 b) ”Delegationsbeslut fattade under juni 2011” flyttad till"
        " punkt 5 a)",
        "  punkt 5 a) ”Protokoll från socialnämndens individutskott den 14 juni 2011”"
        " har nu nummer 5 b)",
        "  punkt 6 ändrad: ”Förvaltningschefen informerar om sommarens arbete med"
        " hemlösa” → ”Förvaltningschefen informerar om sommarens arbete med hemlösa"
        " personer”",
    ]


def test_a_case_renamed_on_the_agenda_is_said(tmp_path: Path) -> None:
    project = _meeting_project(tmp_path)
    newer = project / "nytt"
    shutil.copytree(project / "cases", newer)
    case = newer / "forsokslagenheter.yaml"
    case.write_text(
        case.read_text("utf-8").replace(
            "rubrik: Svar på remiss om motion (2011:31)",
            "rubrik: Yttrande över motion (2011:31)",
        ),
        encoding="utf-8",
    )
    result = invoke_remiss(
        "diff",
        "cases/sammantrade-2011-08-23.yaml",
        "nytt/sammantrade-2011-08-23.yaml",
        cwd=project,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  punkt 4 ”Yttrande över motion (2011:31) om en jämlik fördelning av "
        "försöks- och träningslägenheter”: ny rubrik (var ”Svar på remiss om motion "
        "(2011:31) om en jämlik fördelning av försöks- och träningslägenheter”)"
    ]


def test_a_meeting_and_a_case_are_not_compared(tmp_path: Path) -> None:
    result = invoke_remiss(
        "diff",
        str(CASES / "sammantrade-2011-08-23.yaml"),
        str(CASES / "forsokslagenheter.yaml"),
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "är ett sammanträde och" in result.stderr
    assert "okänd nyckel" not in result.stderr


def test_a_meeting_has_no_redline_and_says_why(tmp_path: Path) -> None:
    meeting = str(CASES / "sammantrade-2011-08-23.yaml")
    out = tmp_path / "r.docx"
    result = invoke_remiss("diff", meeting, meeting, "-o", str(out), cwd=ROOT)
    assert result.returncode == 2
    assert "görs för ärenden" in result.stderr
    assert not out.exists()
