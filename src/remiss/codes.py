"""The catalogue of message codes: each code, how serious, what it means.

Every `Diagnostic` remiss gives carries one of these codes, and creating one
with a code that is not listed here, or with another severity than the one
listed, fails at once. The README's table of codes is generated from this
catalogue (`python -m remiss.codes README.md` rewrites it, and a test keeps
the two equal) and `remiss koder` prints it.

Codes are grouped in families as the README shows them: E0xx the YAML file,
E1xx its keys and values, T and W2xx templates and reference documents,
E30x/W301 meetings, E31x/W310 building, W32x confidentiality and the public
version, E4xx decided cases, E5xx PDF, W6xx accessibility, W70x klarspråk,
E7xx/W71x statistics, E80x/W80x import from Word, W90x remissammanställning,
E92x/W92x protokoll. `E` and `T` codes are errors, `W` codes warnings.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from remiss.errors import ERROR, WARNING


@dataclass(frozen=True)
class Code:
    """One message code: its severity, a Swedish one-line meaning and the
    README section that documents it."""

    code: str
    severity: str
    meaning: str
    section: str


@dataclass(frozen=True)
class Family:
    """Codes about one part of the work, shown together."""

    title: str
    codes: tuple[Code, ...]


def _e(code: str, meaning: str, section: str) -> Code:
    return Code(code, ERROR, meaning, section)


def _w(code: str, meaning: str, section: str) -> Code:
    return Code(code, WARNING, meaning, section)


_CASE = "Ärendefilen"
_MEETINGS = "Sammanträden och föredragningslistor"
_BUILD = "Bygga allt, bara det som ändrats"
_PUBLIC = "Sekretess och offentlig version"
_FIGURES = "Talen i texten kommer från tabellen"
_OWN_TEMPLATE = "Egen Word-mall"
_IMPORT = "Ändringar från Word tillbaka till ärendet"
_COMPILATION = "Remissammanställning"
_MINUTES = "Protokoll och utdrag"

FAMILIES: tuple[Family, ...] = (
    Family(
        "YAML-filen",
        (
            _e(
                "E001",
                "YAML-syntaxfel: kolon, indrag, citattecken eller parentes",
                _CASE,
            ),
            _e("E002", "tabbtecken i indraget", _CASE),
            _e("E003", "filen är inte UTF-8", _CASE),
            _e("E004", "filen är tom eller innehåller bara kommentarer", _CASE),
            _e(
                "E005",
                "en YAML-tagg (t.ex. `!!python/object`) eller `<<`, som aldrig körs",
                _CASE,
            ),
            _e("E006", "ett styrtecken som inte får stå i texten", _CASE),
            _e(
                "E007", "för djupt nästlad, eller för många referenser (`*namn`)", _CASE
            ),
            _e("E008", "filen eller en nyckel är inte nycklar och värden", _CASE),
            _e("E009", "samma nyckel två gånger", _CASE),
            _e("E010", "filen finns inte eller kan inte läsas", _CASE),
            _e("E011", "filen är större än 5 MB", _CASE),
            _e("E012", "filens namn är inte skrivet i UTF-8", _CASE),
            _w("W001", "filen börjar med ett BOM-tecken", _CASE),
        ),
    ),
    Family(
        "Nycklar och värden",
        (
            _e("E101", 'okänd nyckel (med "menade du")', _CASE),
            _e("E102", "en nyckel eller ett värde saknas", _CASE),
            _e("E103", "fel sorts värde (text, lista eller nycklar)", _CASE),
            _e("E104", "inget giltigt datum", _CASE),
            _e(
                "E105",
                "inget tillåtet värde (status, ställningstagande, motionsnummer, "
                "diarienummer_mönster …)",
                _CASE,
            ),
            _e("E107", "diarienumret följer inte projektets mönster", _CASE),
            _e("E108", "en tabell står i ett avsnitt som saknas", "Statistik"),
            _e("E109", "en tabellrad har fel antal celler", "Statistik"),
            _e("E110", "en beräknad kolumn bygger på en kolumn utan tal", "Statistik"),
            _e("E111", "en bilagas fil finns inte", _CASE),
            _e("E112", "en bilagas fil ligger utanför projektet", _CASE),
            _e("E113", "en bilagas fil är ingen PDF", _CASE),
            _w("W102", "två avsnitt har samma rubrik", _CASE),
            _w("W103", "en platshållare («…») är inte ifylld", "Nya filer"),
        ),
    ),
    Family(
        "Mallar och referensdokument",
        (
            _e("T001", "mallen finns inte", "Mallar"),
            _e("T002", "syntaxfel i mallen", "Mallar"),
            _e("T003", "mallen använder något som inte finns", "Variabler"),
            _e("T004", "fel när mallen körs", "Mallar"),
            _e("T010", "referensdokumentet saknas eller är trasigt", _OWN_TEMPLATE),
            _w("W201", "referensdokumentet saknar en formatmall", _OWN_TEMPLATE),
        ),
    ),
    Family(
        "Sammanträden",
        (
            _e("E301", "samma punktnummer två gånger", _MEETINGS),
            _e("E302", "ärendefilen finns inte", _MEETINGS),
            _e("E303", "samma ärende står två gånger på dagordningen", _MEETINGS),
            _e("E304", "ärendet har fel och kan inte tas med", _MEETINGS),
            _e("E305", "ärendet går till en annan nämnd", _MEETINGS),
            _e("E306", "punkten pekar på en mötesfil, inte ett ärende", _MEETINGS),
            _e("E307", "ärendefilen ligger utanför projektet", _MEETINGS),
            _e("E308", "en grupp ligger i en annan grupp", _MEETINGS),
            _w("W301", "remissvaret ska vara inne före sammanträdet", _MEETINGS),
            _w(
                "W302",
                "ett ärende på dagordningen är fortfarande ett utkast",
                _MEETINGS,
            ),
            _w(
                "W303",
                "ärendets sammanträde är ett annat datum än mötets",
                _MEETINGS,
            ),
        ),
    ),
    Family(
        "Bygga och skriva filer",
        (
            _e("E310", "två filer ger samma utdatanamn", _BUILD),
            _e("E311", "ett utdatanamn som inte är tillåtet", _BUILD),
            _e("E312", "mappen går inte att skriva i", _BUILD),
            _w(
                "W310",
                "en fil i den offentliga mappen hör inte dit men har ändrats för hand",
                _PUBLIC,
            ),
            _w(
                "W311",
                "manifestet i utdatamappen kunde inte läsas och lades åt sidan",
                _BUILD,
            ),
            _w(
                "W312",
                "en post i manifestet pekar utanför utdatamappen och används inte",
                "Arbeta i lag med git",
            ),
        ),
    ),
    Family(
        "Sekretess och offentlig version",
        (
            _w(
                "W320",
                "en källa med fel har tagits bort ur den offentliga versionen",
                _PUBLIC,
            ),
            _w(
                "W321",
                "en mötesfil som inte kan läsas nämner ärendet, som därför hålls "
                "utanför den offentliga versionen",
                _PUBLIC,
            ),
            _w(
                "W322",
                "filer i den offentliga mappen som remiss inte kan redovisa har "
                "flyttats undan",
                _PUBLIC,
            ),
        ),
    ),
    Family(
        "Remissammanställning",
        (
            _w(
                "W901",
                "ett svar som ärendet listar finns inte i projektet",
                _COMPILATION,
            ),
            _w("W902", "ett svar har fel och kan inte tas med", _COMPILATION),
            _w(
                "W903",
                "ett listat svar är ärendet självt eller en mötesfil",
                _COMPILATION,
            ),
        ),
    ),
    Family(
        "Protokoll",
        (
            _e("E921", "en punkt i protokollet saknar beslut", _MINUTES),
            _e("E922", "samma paragrafnummer två gånger i nämndens år", _MINUTES),
            _e("E923", "justeringen är före sammanträdet", _MINUTES),
            _w(
                "W924",
                "protokollets beslut skiljer sig från det beslutade ärendets",
                _MINUTES,
            ),
            _w("W925", "punkterna har inga paragrafnummer än", _MINUTES),
            _e("E926", "ett beslut gäller en punkt som inte finns", _MINUTES),
            _e("E927", "paragrafregistret kan inte läsas", _MINUTES),
        ),
    ),
    Family(
        "Beslutade ärenden",
        (
            _e(
                "E401",
                "ett beslutat ärende har ändrats",
                "Utkast och beslutade ärenden",
            ),
            _e(
                "E402",
                "mötets dokument tar med ett beslutat ärende som har ändrats",
                "Utkast och beslutade ärenden",
            ),
        ),
    ),
    Family(
        "PDF",
        (
            _e(
                "E501",
                "PDF kunde inte skapas (LibreOffice saknas eller misslyckades)",
                "PDF och PDF/A",
            ),
            _e(
                "E502",
                "PDF kräver pikepdf (pip install 'remiss[pdf]')",
                "PDF och PDF/A",
            ),
            _e(
                "E503",
                "en bilaga kunde inte läggas till i sammanträdets samlade handlingar",
                "PDF och PDF/A",
            ),
            _w(
                "W504",
                "en bilaga är inte PDF/A; de samlade handlingarna märks inte som PDF/A",
                "PDF och PDF/A",
            ),
        ),
    ),
    Family(
        "Tillgänglighet",
        (
            _w("W601", "en rubriknivå hoppas över", "Tillgängligt från början"),
            _w("W602", "en bild saknar alternativtext", "Tillgängligt från början"),
            _w("W603", "en tabell saknar rubrikrad", "Tillgängligt från början"),
            _w(
                "W604",
                "en länk som inte blir klickbar (bara http, https, mailto och "
                "relativa länkar)",
                "Tillgängligt från början",
            ),
        ),
    ),
    Family(
        "Klarspråk",
        (
            _w("W701", "ett avsnitt har LIX över gränsen", "Klarspråk"),
            _w("W702", "en mening är längre än `meningslängd` ord", "Klarspråk"),
            _w(
                "W703",
                "ett krångligt ord eller en krånglig fras, med ett enklare förslag",
                "Klarspråk",
            ),
            _w(
                "W704",
                "ett beslut är ingen hel mening med stor bokstav och punkt",
                "Klarspråk",
            ),
            _w("W705", "ett beslut nämner inte nämnden", "Klarspråk"),
            _w("W706", "ett beslut är skrivet som en att-sats", "Klarspråk"),
            _w(
                "W707",
                'ett beslut säger "i enlighet med föreliggande förslag"',
                "Klarspråk",
            ),
        ),
    ),
    Family(
        "Import från Word",
        (
            _e("E801", "Word-dokumentet gjordes inte från ärendefilen", _IMPORT),
            _e(
                "E802",
                "en ändring i Word-dokumentet kan inte föras tillbaka till ärendet",
                _IMPORT,
            ),
            _e(
                "E803",
                "en siffra som ett uttryck skriver är ändrad i Word-dokumentet",
                _IMPORT,
            ),
            _w("W804", "en kommentar i Word-dokumentet", _IMPORT),
            _w(
                "W805",
                "en del av ett äldre dokument fick ingen plats i ärendet",
                _IMPORT,
            ),
            _e("E806", "filen är inget Word-dokument som går att läsa", _IMPORT),
        ),
    ),
    Family(
        "Statistik",
        (
            _e("E701", "ett uttryck i texten går inte att räkna ut", _FIGURES),
            _e(
                "E702",
                "ett uttryck är för långt, för djupt nästlat eller kräver för många "
                "räknesteg",
                _FIGURES,
            ),
            _e(
                "E703",
                "ett uttryck ger inte ett tal eller en text (en tabell, en lista, "
                "ett tomt värde)",
                _FIGURES,
            ),
            _e("E720", "diagram kräver matplotlib", "Diagram"),
            _e("E721", "för många rader för ett diagram", "Diagram"),
            _w("W710", "summaraden stämmer inte med raderna", _FIGURES),
            _w("W711", "andelarna blir inte 100 procent", _FIGURES),
            _w(
                "W712",
                "ett tal i texten står i en tabell men är inget uttryck",
                _FIGURES,
            ),
        ),
    ),
)


CODES: dict[str, Code] = {c.code: c for f in FAMILIES for c in f.codes}


SEVERITY: dict[str, str] = {c.code: c.severity for c in CODES.values()}


SEVERITY_WORDS = {ERROR: "fel", WARNING: "varning"}


def anchor(heading: str) -> str:
    """Return the link target GitHub gives a README heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return "#" + text.replace(" ", "-")


def markdown_table() -> str:
    """Return the README's tables of codes, one per family."""
    parts = []
    for family in FAMILIES:
        lines = [
            f"**{family.title}**",
            "",
            "| kod | typ | betyder | beskrivs i |",
            "|---|---|---|---|",
        ]
        for c in family.codes:
            where = f"[{c.section}]({anchor(c.section)})"
            lines.append(
                f"| {c.code} | {SEVERITY_WORDS[c.severity]} | {c.meaning} | {where} |"
            )
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


BEGIN = (
    "<!-- koder: skapas ur src/remiss/codes.py med "
    "'python -m remiss.codes README.md' -->"
)


END = "<!-- /koder -->"


def readme_section(text: str) -> str:
    """Return what stands between the markers of the README's code tables."""
    start = text.index(BEGIN) + len(BEGIN)
    return text[start : text.index(END, start)].strip("\n") + "\n"


def with_table(text: str) -> str:
    """Return README text with the code tables between the markers renewed."""
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END, start)
    return text[:start] + "\n\n" + markdown_table() + "\n" + text[end:]


def main(argv: list[str]) -> int:
    """Rewrite the code tables in the README named on the command line."""
    if len(argv) != 1:
        print("användning: python -m remiss.codes README.md", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"{path}: filen kan inte läsas ({exc.strerror})", file=sys.stderr)
        return 2
    if BEGIN not in text or END not in text:
        print(f"{path}: markeringarna {BEGIN} och {END} saknas", file=sys.stderr)
        return 2
    new = with_table(text)
    if new != text:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(new, encoding="utf-8")
        os.replace(temporary, path)
        print(f"{path}: tabellen över koder uppdaterad")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
