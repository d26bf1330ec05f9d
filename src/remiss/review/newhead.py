"""The facts in the head of an earlier tjänsteutlåtande, for `remiss import
--ny`: Dnr, date, the nämnd it goes to, förvaltning and avdelning, the
document's kind, and the persons with their role ("Handläggare: Karin Ek",
"Föredragande borgarråd: Anna König Jerlmyr"); and the motion its title names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

DNR = re.compile(r"\bDnr\.?:?\s*(\S+(?:\s\d\S*)?)")
DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober "
    "november december"
).split()
_PROSE_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)
_ADMIN = re.compile(r"^([\wåäöÅÄÖ-]*(?:förvaltningen|kontoret|förvaltning))$", re.I)

# The label before a person's name. "Handläggare" is what the template shows
# unless a person has a role of their own.
_ROLES = (
    r"(?:ansvarig |biträdande )?handläggare|föredragande(?: [\wåäö-]+)?|"
    r"kontaktperson|utredare|ansvarig tjänste(?:man|person)|ansvarig|ordförande|"
    r"[\wåäö-]*(?:borgarråd|kommunalråd|regionråd)"
)
_ROLE = re.compile(rf"^({_ROLES})\s*:\s*(\S.*)$", re.I)
_ROLE_ALONE = re.compile(rf"^(?:{_ROLES})$", re.I)
DEFAULT_ROLE = "Handläggare"

# The kinds of document kommuner write; a remiss case is a Tjänsteutlåtande
# unless it says otherwise.
DOCUMENT_TYPES = (
    "Tjänsteutlåtande",
    "Utlåtande",
    "Tjänsteskrivelse",
    "Tjänsteyttrande",
    "Yttrande",
    "Promemoria",
    "Beslutsunderlag",
    "Tjänsteanteckning",
)
DEFAULT_TYPE = "Tjänsteutlåtande"

# "motion (2011:31) om …", "motion 2011:31 om …", "motion om …"
_MOTION = re.compile(
    r"\bmotion(?:en)?\s*(?:\((\d{4}:\d+)\)|(\d{4}:\d+))?\s+(om\s.+?|”.+?”)\.?$",
    re.I,
)


def header_facts(
    lines: list[str], props: dict[str, str], note: Callable[[str], None]
) -> dict[str, object]:
    """Return the case keys found in the head's lines; `note` hears of a
    line that finds no place."""
    data: dict[str, object] = {}
    # A draft's marking ("UTKAST", "Tjänsteutlåtande (UTKAST)") is the
    # status, not a fact: a new case is a draft anyway.
    lines = [re.sub(r"\s*\(UTKAST\)$", "", " ".join(line.split())) for line in lines]
    lines = [line for line in lines if line and line != "UTKAST"]
    people: list[dict[str, str]] = []
    for line in lines:
        if "diarienummer" not in data and (m := DNR.search(line)):
            data["diarienummer"] = m.group(1).strip()
        elif "datum" not in data and (m := DATE.fullmatch(line)):
            data["datum"] = m.group(1)
        elif m := _ROLE.match(line):
            people.append(_person(m.group(1), m.group(2)))
        elif people and (m := re.match(r"^Telefon:?\s*(.+)$", line, re.I)):
            people[-1]["telefon"] = m.group(1).strip()
        elif people and (m := re.match(r"^E-post:?\s*(.+)$", line, re.I)):
            people[-1]["e-post"] = m.group(1).strip()
        elif m := re.match(r"^Till\s+(.+)$", line):
            data["nämnd"] = m.group(1).strip()
        elif m := re.match(r"^Sammanträde:?\s*(\d{4}-\d{2}-\d{2})$", line, re.I):
            data["sammanträde"] = m.group(1)
        elif "datum" not in data and (m := DATE.search(line)):
            data["datum"] = m.group(1)
        elif "förvaltning" not in data and _ADMIN.match(line):
            data["förvaltning"] = line
        elif line.lower().startswith("avdelningen") and "avdelning" not in data:
            data["avdelning"] = line
        elif kind := _document_type(line):
            if kind != DEFAULT_TYPE:
                data.setdefault("dokumenttyp", kind)
        elif line.startswith("Sida"):
            pass  # the page number
        elif people and _untitled(people[-1]) and not any(c.isdigit() for c in line):
            people[-1]["titel"] = line
        else:
            note(f"raden ”{line}” i sidhuvudet fick ingen plats i ärendet")
    if "datum" not in data:
        data.update(_prose_date(lines))
    if "datum" not in data and props.get("created", "")[:10]:
        data["datum"] = props["created"][:10]
    if people:
        data["handläggare"] = people
    return data


def _person(role: str, name: str) -> dict[str, str]:
    person = {"namn": name.strip()}
    role = " ".join(role.split())
    if role.lower() != DEFAULT_ROLE.lower():
        person["roll"] = role[:1].upper() + role[1:]
    return person


def is_role(text: str) -> bool:
    """Whether a line is a role alone, as a signature shows it above a name."""
    return _ROLE_ALONE.match(" ".join(text.split())) is not None


def _untitled(person: dict[str, str]) -> bool:
    return set(person) <= {"namn", "roll"}


def _document_type(line: str) -> str | None:
    return next((t for t in DOCUMENT_TYPES if t.lower() == line.lower()), None)


def _prose_date(lines: list[str]) -> dict[str, str]:
    for line in lines:
        if m := _PROSE_DATE.search(line):
            month = MONTHS.index(m.group(2).lower()) + 1
            return {"datum": f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"}
    return {}


def motion_from_title(title: str) -> dict[str, str] | None:
    """Return the motion a title answers ("Svar på remiss om motion (2011:31)
    om …"): its number when it has one, and its title."""
    m = _MOTION.search(title)
    if m is None:
        return None
    motion: dict[str, str] = {}
    number = m.group(1) or m.group(2)
    if number:
        motion["nummer"] = number
    motion["titel"] = m.group(3).strip().strip("”")
    return motion
