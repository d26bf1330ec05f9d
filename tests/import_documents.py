"""The documents the LibreOffice import tests make: two cases (one in the
shapes of case format 1.1) and the edits a reviewer makes to their Word
files, and four earlier tjänsteutlåtanden in the shapes kommuner use
(operations for tests/tools/lo_edit.py)."""

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
    {"op": "cell", "table": "Del av staden", "cell": "B3", "text": "60"},
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


# Earlier documents in the shapes kommuner use.
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
        _p("Föredragande borgarråd: Anna Berg\tTill Kommunfullmäktige"),
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

# Upplands-Bro's shape: headings as bold lines, under names of their own.
VARIANTS = _doc(
    "Kommunledningskontoret\tTjänsteskrivelse\nDnr KS 21/0456\n2021-11-03",
    [
        _p("Handläggare: Lena Holm\nTelefon: 08-581 690 00\tTill Kommunstyrelsen"),
        _b("Svar på motion om fler parkbänkar i Kungsängen"),
        _b("Förslag till beslut"),
        _p("Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen."),
        _b("Sammanfattning"),
        _p("Motionären vill att kommunen ställer ut fler parkbänkar."),
        _b("Ärendebeskrivning"),
        _p("Motionen lämnades till kommunfullmäktige i mars 2021."),
        _b("Beredning"),
        _p("Ärendet har beretts tillsammans med samhällsbyggnadskontoret."),
        _b("Förvaltningens synpunkter"),
        _p("Bänkarna i centrum räcker i dag."),
        _b("Barnperspektiv"),
        _p("Barn och unga har inte tillfrågats."),
        _b("Bilaga"),
        _p("Bilaga 1. Motion om fler parkbänkar"),
        _b("Beslutet skickas till"),
        _p("Samhällsbyggnadskontoret"),
    ],
)

# A case in the shapes of case format 1.1: decisions in groups, headings of
# the kommun's own, a föredragande with a role.
GROUPED_CASE = """\
diarienummer: KS 2020/77
datum: 2020-03-16
nämnd: Kommunstyrelsen
förvaltning: Samhällsbyggnadsförvaltningen
status: klar

handläggare:
  - namn: Per Olsson
    roll: Föredragande

rubrik: Detaljplan för Södra hamnen

förslag_till_beslut:
  - rubrik: Förslag till kommunstyrelsen
    beslut:
      - Kommunstyrelsen godkänner planförslaget.
  - rubrik: Förslag till kommunfullmäktige
    beslut:
      - Kommunfullmäktige antar detaljplanen.
      - Kommunfullmäktige uppdrar åt kommunstyrelsen att följa upp planen.
      - Kommunfullmäktige ger byggnadsnämnden i uppdrag att informera de boende.

sammanfattning: |
  Planen gör det möjligt att bygga bostäder i Södra hamnen.

synpunkter: |
  Förvaltningen anser att planen är väl avvägd.

rubriker:
  förslag_till_beslut: Förslag till beslut
  synpunkter: Förvaltningens bedömning
"""

# The chef's edits, tracked: a word in a decision of a group, a decision
# added to a group and one removed from another, a group's heading, a heading
# of the case's own and the text under it.
GROUPED_EDITS = [
    {
        "op": "after",
        "find": "antar detaljplanen",
        "text": "Kommunfullmäktige anvisar medel för en ny förskola.",
    },
    {"op": "replace", "find": "antar detaljplanen", "with": "antar planen"},
    {"op": "delete", "find": "uppdrar åt kommunstyrelsen"},
    {
        "op": "replace",
        "find": "Förslag till kommunstyrelsen",
        "with": "Förslag till kommunstyrelsens arbetsutskott",
    },
    {
        "op": "replace",
        "find": "Förvaltningens bedömning",
        "with": "Förvaltningens samlade bedömning",
    },
    {"op": "replace", "find": "väl avvägd", "with": "väl avvägd och genomförbar"},
]
