from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from remiss.checks.klarsprak import analyse
from remiss.checks.klarsprak.decisions import check_decision
from remiss.checks.klarsprak.text import (
    Finding,
    Lix,
    WordEntry,
    lix,
    lix_band,
    long_sentences,
    split_sentences,
    strip_markdown,
)
from remiss.checks.klarsprak.words import check_words, load_word_list

CASES = Path(__file__).resolve().parents[1] / "cases"


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# ---------------------------------------------------------------------------
# LIX against hand-counted texts


def test_lix_plain_text() -> None:
    # Kommunen(8, long) bygger(6) nya bostäder(8, long) | Alla ska få plats
    # words 8, sentences 2, long words 2: 8/2 + 100*2/8 = 4 + 25 = 29.0
    result = lix("Kommunen bygger nya bostäder. Alla ska få plats.")
    assert (result.words, result.sentences, result.long_words) == (8, 2, 2)
    assert result.value == pytest.approx(29.0)
    assert result.band == "lättläst (skönlitteratur, populärtidningar)"
    assert str(result) == "LIX 29 (lättläst (skönlitteratur, populärtidningar))"


def test_lix_with_abbreviations_and_numbers() -> None:
    text = (
        "Nämnden ska yttra sig om bl.a. Socialstyrelsens förslag enligt "
        "4 kap. 2 § socialtjänstlagen. Kostnaden blir c:a 1 277 kr per år, "
        "dvs. mindre än i fjol."
    )
    # Sentence 1: Nämnden(7 L) ska yttra sig om bl.a. Socialstyrelsens(16 L)
    #   förslag(7 L) enligt(6) kap. socialtjänstlagen(17 L)
    #   = 11 words, 4 long; "4", "2" and "§" are not words, and neither
    #   "bl.a." (capital after it) nor "kap." (number after it) ends it.
    # Sentence 2: Kostnaden(9 L) blir c:a kr per år dvs. mindre(6) än i fjol
    #   = 11 words, 1 long; "1 277" is not a word.
    # words 22, sentences 2, long 5: 22/2 + 100*5/22 = 11 + 22.73 = 33.73
    result = lix(text)
    assert (result.words, result.sentences, result.long_words) == (22, 2, 5)
    assert result.value == pytest.approx(11 + 500 / 22)
    assert result.band == "lättläst (skönlitteratur, populärtidningar)"
    assert [s.words[5].text for s in split_sentences(text)] == ["bl.a.", "år"]


def test_lix_with_heading_list_and_link() -> None:
    text = (
        "## Bakgrund\n"
        "\n"
        "Förvaltningen föreslår följande:\n"
        "\n"
        "- Fler lägenheter i innerstaden\n"
        "- Bättre stöd till unga vuxna\n"
        "\n"
        "Se även [bilagan](https://example.se/bilaga.pdf).\n"
    )
    # Bakgrund(8 L)                            heading: 1 word, 1 long
    # Förvaltningen(13 L) föreslår(8 L) följande(8 L):   3 words, 3 long
    # Fler lägenheter(10 L) i innerstaden(11 L)  list item: 4 words, 2 long
    # Bättre(6) stöd till unga vuxna             list item: 5 words, 0 long
    # Se även bilagan(7 L).                      3 words, 1 long (URL ignored)
    # words 16, sentences 5, long 7: 16/5 + 100*7/16 = 3.2 + 43.75 = 46.95
    result = lix(text)
    assert (result.words, result.sentences, result.long_words) == (16, 5, 7)
    assert result.value == pytest.approx(46.95)
    assert result.band == "svår (officiella texter)"
    assert sentence_texts(text) == [
        "Bakgrund",
        "Förvaltningen föreslår följande:",
        "Fler lägenheter i innerstaden",
        "Bättre stöd till unga vuxna",
        "Se även bilagan.",
    ]


def test_lix_skips_pipe_tables() -> None:
    text = (
        "Tabellen visar antalet.\n"
        "\n"
        "| År | Antal lägenheter |\n"
        "|----|-----------------:|\n"
        "| 2010 | 319 |\n"
    )
    # Tabellen(8 L) visar antalet(7 L): words 3, sentences 1, long 2
    # 3/1 + 100*2/3 = 69.67; the table's "År", "Antal", "lägenheter" and "|"
    # are not counted.
    result = lix(text)
    assert (result.words, result.sentences, result.long_words) == (3, 1, 2)
    assert result.value == pytest.approx(3 + 200 / 3)
    assert result.band == "mycket svår (byråkratsvenska)"


def test_lix_hyphens_and_numbers() -> None:
    # Försöks(7 L) och träningslägenheter(18 L) kostade(7 L) kronor(6):
    # words 5, sentences 1, long 3: 5 + 60 = 65; "1 277" and "2010–2011" are
    # numbers, not words.
    result = lix("Försöks- och träningslägenheter kostade 1 277 kronor 2010–2011.")
    assert (result.words, result.sentences, result.long_words) == (5, 1, 3)
    assert result.value == pytest.approx(65)
    # Skicka(6) e-post(5 letters, one word) till nämnden(7 L): 4 + 25 = 29
    result = lix("Skicka e-post till nämnden.")
    assert (result.words, result.sentences, result.long_words) == (4, 1, 1)
    assert [w.text for w in split_sentences("Skicka e-post.")[0].words] == [
        "Skicka",
        "e-post",
    ]


def test_lix_of_empty_text_is_zero() -> None:
    for text in ("", "   \n\n", "1 277 – 2012", "| a | b |\n|---|---|\n"):
        result = lix(text)
        assert (result.words, result.sentences, result.long_words) == (0, 0, 0)
        assert result.value == 0
        assert result.band == "mycket lättläst (barnböcker)"


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "mycket lättläst (barnböcker)"),
        (24.4, "mycket lättläst (barnböcker)"),
        (24.5, "lättläst (skönlitteratur, populärtidningar)"),
        (34, "lättläst (skönlitteratur, populärtidningar)"),
        (35, "medelsvår (normal tidningstext)"),
        (44.4, "medelsvår (normal tidningstext)"),
        (45, "svår (officiella texter)"),
        (54, "svår (officiella texter)"),
        (55, "mycket svår (byråkratsvenska)"),
        (90, "mycket svår (byråkratsvenska)"),
    ],
)
def test_lix_bands(value: float, band: str) -> None:
    assert lix_band(value) == band


def test_lix_from_counts() -> None:
    assert Lix.from_counts(10, 2, 5) == Lix(
        10, 2, 5, 55.0, "mycket svår (byråkratsvenska)"
    )


# ---------------------------------------------------------------------------
# Sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi köper pennor m.m. Det kostar.", ["Vi köper pennor m.m.", "Det kostar."]),
        ("Vi köper pennor m.m. som behövs.", ["Vi köper pennor m.m. som behövs."]),
        ("Det gäller t.ex. Stockholm.", ["Det gäller t.ex. Stockholm."]),
        ("Se 4 kap. 2 § i lagen.", ["Se 4 kap. 2 § i lagen."]),
        ("Det beror p.g.a. Nämnden.", ["Det beror p.g.a. Nämnden."]),
        ("Dvs. Nämnden, dvs. Nämnden.", ["Dvs. Nämnden, dvs. Nämnden."]),
        ("Gäller fr.o.m. 1 maj. Sedan inte.", ["Gäller fr.o.m. 1 maj.", "Sedan inte."]),
        ("Är det klart? Ja! Bra.", ["Är det klart?", "Ja!", "Bra."]),
        ("Han sa: Kom hit.", ["Han sa:", "Kom hit."]),
        ('Hon sa "Nej." Sedan gick hon.', ['Hon sa "Nej."', "Sedan gick hon."]),
        ("Se avd. fyra här.", ["Se avd. fyra här."]),
        ("Det här är\nen mening.", ["Det här är en mening."]),
        ("Det här\n\när två", ["Det här", "är två"]),
        ("- Ett\n- Två\n  och tre", ["Ett", "Två och tre"]),
        ("1. Ett\n2) Två", ["Ett", "Två"]),
        ("# Rubrik\nText här.", ["Rubrik", "Text här."]),
        ("> Citat här.\n> Mer citat.", ["Citat här.", "Mer citat."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_long_sentences() -> None:
    long = " ".join(["Nämnden"] + ["ord"] * 25) + "."
    short = " ".join(["Nämnden"] + ["ord"] * 24) + "."
    assert long_sentences(short) == []
    [finding] = long_sentences(f"{short} {long}", section="ärendet")
    assert finding.code == "W702"
    assert finding.section == "ärendet"
    assert (finding.line, finding.col) == (1, len(short) + 2)
    assert finding.message == "meningen har 26 ord; gränsen är 25"
    assert finding.hint
    assert len(long_sentences(short, limit=10)) == 1


# ---------------------------------------------------------------------------
# Positions


def test_positions_on_line_three() -> None:
    text = "Första raden.\nAndra raden.\nVi ska erhålla pengar."
    [finding] = check_words(text, section="ärendet")
    assert (finding.section, finding.line, finding.col) == ("ärendet", 3, 8)
    assert finding.code == "W703"

    words = " ".join(["ord"] * 30)
    text = f"Kort mening.\nÄnnu en.\nJa. Sedan {words}.\n"
    [finding] = long_sentences(text)
    assert (finding.line, finding.col) == (3, 5)
    assert text.splitlines()[2][finding.col - 1 :].startswith("Sedan")


def test_lix_finding_points_at_first_word() -> None:
    text = "## Verksamhetsberättelsen\n\nFörvaltningen tillhandahåller material."
    report = analyse({"ärendet": text}, [], "Socialnämnden")
    [finding] = [f for f in report.findings if f.code == "W701"]
    assert (finding.line, finding.col) == (1, 4)


# ---------------------------------------------------------------------------
# The word list


def all_forms() -> list[tuple[WordEntry, str]]:
    return [(entry, form) for entry in load_word_list() for form in entry.forms]


def test_word_list_is_large_and_unique() -> None:
    entries = load_word_list()
    assert len(entries) >= 40
    forms = [form.casefold() for _, form in all_forms()]
    assert len(forms) == len(set(forms))
    by_word = {e.ord: e.ersätt for e in entries}
    for word, plain in [
        ("erhålla", "få"),
        ("tillse", "se till"),
        ("i enlighet med", "enligt"),
        ("föreligga", "finnas"),
        ("i syfte att", "för att"),
        ("samtliga", "alla"),
        ("emedan", "eftersom"),
        ("ånyo", "igen"),
        ("i dagsläget", "nu"),
    ]:
        assert plain in by_word[word]
    assert {"erhåller", "erhöll", "erhållit", "erhållits", "erhållna"} <= set(
        next(e for e in entries if e.ord == "erhålla").böjningar
    )


@pytest.mark.parametrize(
    ("entry", "form"), all_forms(), ids=[form for _, form in all_forms()]
)
def test_every_listed_word_is_found(entry: WordEntry, form: str) -> None:
    [finding] = check_words(f"Vi skriver {form} här.")
    assert (finding.line, finding.col, finding.code) == (1, 12, "W703")
    assert f'"{entry.ersätt}"' in finding.message
    assert form in finding.message
    if form != entry.ord:
        assert entry.ord in finding.message
    capital = form[0].upper() + form[1:]
    [finding] = check_words(f"{capital} står först.")
    assert (finding.line, finding.col) == (1, 1)
    [finding] = check_words(f"STÅR {form.upper()} SIST")
    assert finding.col == 6


def test_words_match_whole_words_only() -> None:
    assert check_words("Ejdern simmar. Samtligaste. Tordes. E-tjänsten.") == []
    assert check_words("icke-statliga organisationer") == []


def test_phrase_across_line_break() -> None:
    [finding] = check_words("Det görs i enlighet\nmed planen.")
    assert (finding.line, finding.col) == (1, 10)
    assert finding.message == '"i enlighet med": skriv hellre "enligt"'


def test_words_found_in_tables_and_link_text_but_not_urls() -> None:
    text = (
        "Se [samtliga beslut](https://example.se/samtliga).\n"
        "\n"
        "| Ort | Erhållna medel |\n"
        "|-----|---------------:|\n"
        "| Stockholm | 100 |\n"
    )
    found = check_words(text)
    assert [(f.line, f.col) for f in found] == [(1, 5), (3, 9)]


def test_email_addresses_are_masked() -> None:
    text = "Mejla anna.berg+remiss@stad.stockholm.se eller (x_y@a-b.se)."
    masked = strip_markdown(text)
    assert len(masked) == len(text)
    assert masked.split() == ["Mejla", "eller", "(", ")."]
    assert strip_markdown("kl. 13@14 och a@b") == "kl. 13@14 och a@b"


@pytest.mark.parametrize(
    "text",
    ["a" * 50_000, "a@" + "b" * 49_998, "a." * 24_999 + "@b"],
    ids=["no-at", "no-dot-after-at", "dots-then-at"],
)
def test_email_pattern_is_linear(text: str) -> None:
    # About 0.1 s each; with the quadratic pattern each took over a minute.
    started = time.perf_counter()
    report = analyse({"bakgrund": text}, [text], "Socialnämnden")
    assert time.perf_counter() - started < 2.0
    assert report.sections["bakgrund"].words >= 1


def test_extra_words_merge_and_override() -> None:
    extra = [
        {"ord": "erhålla", "ersätt": "ta emot"},
        {"ord": "gällande", "ersätt": "om"},
        {"ord": "Gällande", "ersätt": "när det gäller"},
    ]
    entries = load_word_list(extra)
    assert len(entries) == len(load_word_list()) + 1
    erhålla = next(e for e in entries if e.ord == "erhålla")
    assert erhålla.ersätt == "ta emot"
    assert "erhöll" in erhålla.böjningar  # kept when the override gives none

    found = check_words("Vi erhöll besked gällande bygget.", extra)
    assert [f.message for f in found] == [
        '"erhöll" (av "erhålla"): skriv hellre "ta emot"',
        '"gällande": skriv hellre "när det gäller"',
    ]
    # The built-in list itself is unchanged.
    [finding] = check_words("Vi erhöll besked gällande bygget.")
    assert '"få"' in finding.message


def test_extra_words_replace_inflections_and_short_form() -> None:
    extra = [{"ord": "erhålla", "ersätt": "få", "böjningar": ["erhöll"]}]
    assert check_words("Vi har erhållit pengar.", extra) == []
    assert len(check_words("Vi erhöll pengar.", extra)) == 1
    [finding] = check_words("Besked gällande bygget.", {"gällande": "om"})
    assert finding.message == '"gällande": skriv hellre "om"'


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([{"ord": "gällande"}], "'ersätt' saknas"),
        ([{"ord": "", "ersätt": "om"}], "'ord' saknas"),
        (["gällande"], "skriv posten"),
        ([{"ord": "x", "ersätt": "y", "böjningar": [1]}], "böjningar"),
        ([{"ord": "x", "ersätt": "y", "ersatt": "z"}], "okänd nyckel"),
    ],
)
def test_bad_extra_words_are_reported_in_swedish(
    extra: list[object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_word_list(extra)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Decisions


GOOD = "Socialnämnden överlämnar ärendet till kommunstyrelsen."


def test_good_decisions_pass() -> None:
    assert check_decision(GOOD, "Socialnämnden") == []
    assert check_decision("  Socialnämnden godkänner att planen antas.\n", "") == []
    assert check_decision("Ärendet överlämnas av SOCIALNÄMNDEN.", "Socialnämnden") == []


def test_decision_must_start_with_capital() -> None:
    [finding] = check_decision(GOOD[0].lower() + GOOD[1:], "Socialnämnden")
    assert (finding.code, finding.line, finding.col) == ("W704", 1, 1)
    assert finding.section == "förslag_till_beslut"
    assert "stor bokstav" in finding.message
    assert finding.hint == (
        "skriv beslutet som en hel mening i nämndens namn, t.ex. "
        '"Socialnämnden överlämnar ärendet till kommunstyrelsen."'
    )


def test_decision_must_end_with_period() -> None:
    [finding] = check_decision(GOOD[:-1], "Socialnämnden")
    assert (finding.code, finding.line, finding.col) == ("W704", 1, len(GOOD) - 1)
    assert "punkt" in finding.message
    assert codes(check_decision("Socialnämnden tackar!", "Socialnämnden")) == ["W704"]
    assert codes(check_decision("", "Socialnämnden")) == ["W704"]


def test_decision_must_name_the_committee() -> None:
    [finding] = check_decision(
        "Nämnden överlämnar ärendet till kommunstyrelsen.",
        "Socialnämnden",
        section="förslag_till_beslut[2]",
    )
    assert finding.code == "W705"
    assert finding.section == "förslag_till_beslut[2]"
    assert "Socialnämnden" in finding.message
    genitive = "Socialnämndens arbetsutskott får besluta i ärendet."
    assert check_decision(genitive, "Socialnämnden") == []
    assert check_decision("Kommunstyrelsens förslag antas.", "kommunstyrelsen") == []
    assert codes(check_decision("Stadsdelsnämnden yttrar sig.", "Nämnden")) == ["W705"]
    hint = check_decision("Ärendet läggs.", "kulturnämnden")[0].hint
    assert '"Kulturnämnden överlämnar ärendet till kommunstyrelsen."' in hint


def test_decision_must_not_be_an_att_clause() -> None:
    assert codes(check_decision("att godkänna förslaget", "")) == ["W704", "W706"]
    [finding] = check_decision("Att Socialnämnden godkänner.", "Socialnämnden")
    assert (finding.code, finding.col) == ("W706", 1)
    assert "att-sats" in finding.message
    assert check_decision("Socialnämnden beslutar att godkänna.", "") == []
    assert check_decision("Attesträtten ges Socialnämnden.", "Socialnämnden") == []


def test_decision_must_not_refer_to_the_proposal() -> None:
    text = "Socialnämnden beslutar i enlighet med föreliggande förslag."
    [finding] = check_decision(text, "Socialnämnden")
    assert (finding.code, finding.line, finding.col) == ("W707", 1, 24)
    assert "föreliggande förslag" in finding.message
    upper = "Socialnämnden beslutar I ENLIGHET MED\nFÖRELIGGANDE FÖRSLAG."
    assert codes(check_decision(upper, "Socialnämnden")) == ["W707"]
    plain = "Socialnämnden beslutar enligt förvaltningens förslag."
    assert check_decision(plain, "Socialnämnden") == []


# ---------------------------------------------------------------------------
# Markdown stripping


def test_strip_markdown_keeps_offsets() -> None:
    text = "## Rubrik\n\n- **Fet** och *kursiv* [länk](https://x.se) `kod`\n"
    masked = strip_markdown(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert masked.split() == ["Rubrik", "Fet", "och", "kursiv", "länk"]


def test_links_tables_and_addresses_are_not_words() -> None:
    text = "Läs [mer här](https://www.stockholm.se/socialtjanst/bostad)."
    assert lix(text).words == 3
    assert lix("Se https://www.stockholm.se/bostad nu.").words == 2
    assert lix("Skriv till erik.johansson@stockholm.se eller ring.").words == 4
    assert lix("Se ![karta](karta.png) och <b>fet</b> text&nbsp;här.").words == 5
    fenced = "Text här.\n\n```\nkod som inte räknas\n```\n"
    assert lix(fenced).words == 2
    table = "| Kolumn | Annan kolumn |\n| --- | --- |\n| ett | två |\n"
    assert lix(table).words == 0
    assert "|" not in " ".join(w.text for s in split_sentences(table) for w in s.words)


def test_template_expressions_are_not_words() -> None:
    text = (
        'Av dem bodde {{ statistik.boende["Långsiktig boendelösning"]\n'
        "| tal }} i egen lägenhet {% if x %}eller{% endif %} hos släkt.\n"
    )
    # Av dem bodde i egen lägenhet(9 L) eller hos släkt: 9 words, 1 long;
    # the "|" that starts line 2 is inside the expression, not a table.
    result = lix(text)
    assert (result.words, result.sentences, result.long_words) == (9, 1, 1)


# ---------------------------------------------------------------------------
# The whole case


def test_analyse() -> None:
    hard = "Förvaltningen tillhandahåller socialtjänstens verksamhetsberättelse."
    # 4 words, all long, 1 sentence: 4 + 100 = 104
    sections = {
        "sammanfattning": "Kommunen bygger nya bostäder. Alla ska få plats.",
        "ärendet": f"Kort text.\n\n{hard}",
        "tom": "",
    }
    decisions = [
        GOOD,
        "Socialnämnden beslutar i enlighet med föreliggande förslag.",
        "att samtliga ska få svar",
    ]
    report = analyse(sections, decisions, "Socialnämnden")
    assert list(report.sections) == ["sammanfattning", "ärendet", "tom"]
    assert report.sections["sammanfattning"].value == pytest.approx(29)
    assert report.sections["tom"].words == 0
    assert (report.total.words, report.total.sentences) == (8 + 6, 2 + 2)
    assert report.total.long_words == 2 + 4
    assert report.total.value == pytest.approx(14 / 4 + 600 / 14)

    summary = [(f.section, f.line, f.col, f.code) for f in report.findings]
    assert summary == [
        ("ärendet", 1, 1, "W701"),
        ("ärendet", 3, 15, "W703"),
        ("förslag_till_beslut[1]", 1, 24, "W707"),
        ("förslag_till_beslut[2]", 1, 1, "W705"),
        ("förslag_till_beslut[2]", 1, 1, "W706"),
        ("förslag_till_beslut[2]", 1, 5, "W703"),
        ("förslag_till_beslut[2]", 1, 24, "W704"),
    ]
    # ärendet: Kort text | Förvaltningen(L) tillhandahåller(L) socialtjänstens(L)
    # verksamhetsberättelse(L): 6 words, 2 sentences, 4 long: 3 + 66.67 = 69.67
    assert report.findings[0].message == (
        "LIX 70 (mycket svår (byråkratsvenska)); gränsen är 50"
    )


def test_analyse_lix_message_and_limits() -> None:
    hard = "Förvaltningen tillhandahåller socialtjänstens verksamhetsberättelse."
    report = analyse({"ärendet": hard}, [], "Socialnämnden")
    [w701] = [f for f in report.findings if f.code == "W701"]
    assert w701.message == "LIX 104 (mycket svår (byråkratsvenska)); gränsen är 50"
    assert w701.hint
    relaxed = analyse({"ärendet": hard}, [], "Socialnämnden", lix_limit=110)
    assert "W701" not in codes(relaxed.findings)

    # 48 words, 1 long, 1 sentence: 48 + 100/48 = 50.08, shown with a decimal
    just_over = "Socialnämnden " + " ".join(["ord"] * 47) + "."
    report = analyse({"a": just_over}, [], "", sentence_limit=100)
    [w701] = report.findings
    assert w701.message == "LIX 50.1 (svår (officiella texter)); gränsen är 50"
    assert codes(analyse({"a": just_over}, [], "").findings) == ["W701", "W702"]


def test_analyse_uses_extra_words() -> None:
    report = analyse(
        {"ärendet": "Besked gällande bygget."}, [], "", extra_words={"gällande": "om"}
    )
    assert codes(report.findings) == ["W703"]


def case_sections(case: dict) -> dict[str, str]:
    return {k: v for k, v in case.items() if isinstance(v, str) and "\n" in v}


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.name)
def test_positions_in_real_cases_point_at_the_text(path: Path) -> None:
    try:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        pytest.skip("the case is not valid YAML right now")
    if not isinstance(case, dict):
        pytest.skip("not a case")
    sections = case_sections(case)
    decisions = [d for d in case.get("förslag_till_beslut") or [] if isinstance(d, str)]
    report = analyse(sections, decisions, str(case.get("nämnd") or ""))
    texts = dict(sections)
    texts.update({f"förslag_till_beslut[{i}]": d for i, d in enumerate(decisions)})
    for finding in report.findings:
        lines = texts[finding.section].splitlines()
        assert 1 <= finding.line <= len(lines)
        line = lines[finding.line - 1]
        assert 1 <= finding.col <= len(line)
        if finding.code == "W703":
            word = re.match(r'"(\w+)', finding.message).group(1)
            assert line[finding.col - 1 :].lower().startswith(word.lower())
        elif finding.code in ("W701", "W702"):
            assert not line[finding.col - 1].isspace()


PIECES = [
    *'ab åÖ1.:!?-*#|[]()<>`_\n\t"',
    *("t.ex. ", "m.m. ", "](http://x.se) ", "{{ x }}", "{{", "\r\n", "\u2028"),
    *("|---|", "```", "\n- ", "\n1. ", "erhöll ", "i enlighet\nmed "),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_is_handled(text: str) -> None:
    masked = strip_markdown(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    result = lix(text)
    assert result.sentences <= result.words
    assert result.long_words <= result.words
    lines = text.split("\n")
    for sentence in split_sentences(text):
        assert 1 <= sentence.line <= len(lines)
        assert 1 <= sentence.col <= len(lines[sentence.line - 1])
    for finding in long_sentences(text, limit=2) + check_words(text):
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.col <= len(lines[finding.line - 1])
