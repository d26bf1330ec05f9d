"""The documents the LibreOffice import tests make: a case and the edits a
reviewer makes to its Word file, and three earlier tjänsteutlåtanden in the
shapes kommuner use (operations for tests/tools/lo_edit.py)."""

from __future__ import annotations

CASE = """\
# Remissvar till kommunstyrelsen; chefen läser i Word.
diarienummer: 1.6-0463/2011
datum: 2011-08-10
nämnd: Socialnämnden
sammanträde: 2011-08-23
förvaltning: Socialförvaltningen
status: klar

handläggare:
  - namn: Anna Lindqvist
    telefon: "08-508 25 000"

rubrik: Svar på remiss om platser i korttidsboende
underrubrik: Remiss från kommunstyrelsen

förslag_till_beslut:
  - Socialnämnden godkänner för sin del tjänsteutlåtandet som svar på remissen.
  - Socialnämnden överlämnar ärendet till kommunstyrelsen.

sammanfattning: |
  Kommunstyrelsen har frågat nämnden om platserna i korttidsboende räcker.
  Förvaltningen anser att platserna är för få i den norra delen av staden.

  Förvaltningen föreslår att **nya platser** planeras i samråd med
  stadsdelarna.

ärendet: |
  Staden har i dag {{ statistik.platser["Norr"] | tal }} platser i norr.
  Tabellen visar platserna efter del av staden.

synpunkter: >
  Behovet av korttidsplatser växer när fler äldre bor kvar hemma
  längre. Förvaltningen vill att planeringen görs tillsammans med
  stadsdelsnämnderna.

avsnitt:
  - rubrik: Ekonomiska konsekvenser
    text: |
      Nya platser kostar omkring 1,2 miljoner kronor per plats och år.

      Kostnaden delas med regionen.

statistik:
  platser:
    rubrik: Platser i korttidsboende
    kolumner: [Del av staden, Platser]
    rader:
      - [Norr, 40]
      - [Söder, 55]
    avsnitt: ärendet

bilagor:
  - "Kommunstyrelsens remiss"
"""

TRACKED = [
    {
        "op": "replace",
        "find": "för få i den norra",
        "with": "alldeles för få i den norra",
    },
    {"op": "replace", "find": "godkänner för sin del", "with": "godkänner"},
    {"op": "cell", "table": 0, "cell": "B3", "text": "60"},
    {"op": "comment", "find": "Behovet av korttidsplatser", "text": "Källa?"},
]

PLAIN = [
    {"op": "replace", "find": "omkring 1,2 miljoner", "with": "cirka 1,3 miljoner"},
    {"op": "replace", "find": "fler äldre bor kvar", "with": "fler äldre vill bo kvar"},
    {
        "op": "replace",
        "find": "Kommunstyrelsens remiss",
        "with": "Kommunstyrelsens remiss med bilagor",
    },
]

PARAGRAPHS = [
    {
        "op": "after",
        "find": "planeras i samråd med",
        "text": "Förvaltningen vill också se fler platser i söder.",
    },
    {"op": "delete", "find": "Kostnaden delas med regionen."},
]

UNMAPPABLE = [
    {"op": "replace", "find": "i dag 40 platser", "with": "i dag 45 platser"},
    {"op": "replace", "find": "Ekonomiska konsekvenser", "with": "Ekonomi"},
    {"op": "replace", "find": "Sammanfattning", "with": "Kort sammanfattning"},
    {
        "op": "header",
        "text": "Socialförvaltningen\tTjänsteutlåtande\tDnr 1.6-0463/2011",
    },
    {"op": "table", "rows": [["År", "Platser"], ["2012", "100"]]},
]


def _doc(header: str, blocks: list[dict]) -> list[dict]:
    return [{"op": "header", "text": header}, *blocks]


def _h(text: str, level: int = 2) -> dict:
    return {"op": "para", "text": text, "style": f"Heading {level}"}


def _p(text: str) -> dict:
    return {"op": "para", "text": text, "style": "Text body"}


def _b(text: str) -> dict:
    """A heading as older documents set it: a bold line of body text."""
    return {"op": "para", "text": text, "style": "Text body", "bold": True}


# Three earlier documents in the shapes kommuner use.
SEED = _doc(
    "Socialförvaltningen\tTjänsteutlåtande\n"
    "Avdelningen för stadsövergripande sociala frågor\tDnr 325-827/2011\n"
    "2011-08-10",
    [
        _p("Handläggare: Karin Ek\nTelefon: 08-508 25 000\tTill Socialnämnden"),
        _b("Svar på remiss om motion (2011:31) om försöks- och träningslägenheter"),
        _b("Förvaltningens förslag till beslut"),
        {
            "op": "list",
            "items": [
                "Socialnämnden godkänner för sin del tjänsteutlåtandet som svar på "
                "remissen.",
                "Socialnämnden överlämnar ärendet till kommunstyrelsen.",
            ],
        },
        _b("Sammanfattning"),
        _p(
            "Socialförvaltningen har besvarat en motion om ojämn fördelning av "
            "försöks- och träningslägenheter mellan inner- och ytterstad."
        ),
        _b("Bakgrund"),
        _p("Kommunstyrelsen har begärt socialnämndens yttrande över motionen."),
        _b("Ärendet"),
        _p("Av totalt 1 277 lägenheter ligger 62 i innerstaden."),
        {"op": "table", "rows": [["Läge", "Antal"], ["Innerstaden", "62"]]},
        _b("Ärendets beredning"),
        _p("Ärendet har beretts vid avdelningen för stadsövergripande frågor."),
        _b("Förvaltningens synpunkter och förslag"),
        _p("Försöks- och träningslägenheter är en viktig insats mot hemlöshet."),
    ],
)

KOMMUNSTYRELSEN = _doc(
    "Stadsledningskontoret\tUtlåtande\nDnr KS 2012/345\n2012-05-02",
    [
        _p("Till Kommunfullmäktige"),
        _h("Program för bostadsförsörjning", 1),
        _h("Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande"),
        {
            "op": "list",
            "items": ["Programmet för bostadsförsörjning antas."],
        },
        _h("Sammanfattning"),
        _p("Programmet anger hur staden ska planera för bostäder åt alla."),
        _h("Föredragande borgarrådets yttrande"),
        _p("Jag delar stadsledningskontorets bedömning."),
        _h("Ärendet"),
        _p("Stadsledningskontoret har tagit fram ett förslag till program."),
        _h("Bilagor"),
        _p("Bilaga 1. Program för bostadsförsörjning"),
    ],
)

GROUPED = _doc(
    "Samhällsbyggnadsförvaltningen\tTjänsteskrivelse\nDnr LKS 2020-000123\n2020-03-16",
    [
        _p("Handläggare: Per Olsson\nTill Kommunstyrelsen"),
        _h("Detaljplan för Södra hamnen", 1),
        _h("Förslag till beslut"),
        _h("Förslag till kommunstyrelsen", 3),
        {"op": "list", "items": ["Kommunstyrelsen godkänner planförslaget."]},
        _h("Förslag till kommunfullmäktige", 3),
        {"op": "list", "items": ["Kommunfullmäktige antar detaljplanen."]},
        _h("Sammanfattning"),
        _p("Planen gör det möjligt att bygga bostäder i Södra hamnen."),
        _h("Ärendet"),
        _p("Planen har varit ute på samråd och granskning."),
        _h("Barnperspektiv"),
        _p("Planen ger plats för en ny förskola."),
    ],
)
