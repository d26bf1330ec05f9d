from __future__ import annotations

from datetime import date

import pytest

from remiss.formatting import (
    NBSP,
    genitive,
    iso_date,
    name_list,
    number,
    percent,
    prose_date,
    safe_name,
    share,
    weekday,
    with_party,
)


def test_dates_in_iso_and_prose() -> None:
    d = date(2011, 8, 31)
    assert iso_date(d) == "2011-08-31"
    assert prose_date(d) == "den 31 augusti 2011"
    assert prose_date(date(2011, 5, 3), article=False) == "3 maj 2011"
    assert weekday(d) == "onsdag"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1277, None, f"1{NBSP}277"),
        (62, None, "62"),
        (1234567, None, f"1{NBSP}234{NBSP}567"),
        (4.9, None, "4,9"),
        (4.855, 1, "4,9"),
        (0.5, 0, "1"),
        (-1500, None, f"−1{NBSP}500"),
        (1277.0, None, f"1{NBSP}277"),
        (3.14159, 2, "3,14"),
    ],
)
def test_numbers_swedish(value: float, decimals: int | None, expected: str) -> None:
    assert number(value, decimals) == expected


def test_percentages_and_shares() -> None:
    assert percent(25) == f"25{NBSP}procent"
    assert percent(4.9, 1, sign=True) == f"4,9{NBSP}%"
    assert share(62, 1277, 1) == f"4,9{NBSP}procent"
    assert share(1, 0) == "–"


def test_lists_of_names() -> None:
    assert name_list(["A"]) == "A"
    assert name_list(["A", "B"]) == "A och B"
    assert name_list(["A", "B", "C"]) == "A, B och C"
    assert name_list([]) == ""
    people = [{"namn": "Karin Rågsjö", "parti": "v"}, {"namn": "Per Ek", "parti": None}]
    assert with_party(people) == ["Karin Rågsjö (V)", "Per Ek"]


def test_genitive() -> None:
    assert genitive("Socialnämnden") == "Socialnämndens"
    assert genitive("Östermalms stadsdelsnämnd") == "Östermalms stadsdelsnämnds"
    assert genitive("Kommunstyrelsen") == "Kommunstyrelsens"
    assert genitive("Vaxholms") == "Vaxholms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("325-827/2011", "325-827-2011"),
        ("../../etc/passwd", "etc-passwd"),
        ("Försökslägenheter 2011", "Försökslägenheter-2011"),
        ("///", "namnlos"),
        ("", "namnlos"),
    ],
)
def test_safe_names_stay_readable(text: str, expected: str) -> None:
    assert safe_name(text) == expected
