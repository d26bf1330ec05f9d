"""How fast does remiss turn case files into Markdown and Word? It only reports.

Run from the repository root:

    .venv/bin/python benchmarks/bench.py [--n 1000] [--jobs 2] [--json]
    .venv/bin/python benchmarks/bench.py --profile 200   # cProfile of render_file

It writes N generated cases (about four pages each, varied per case from a
seeded random generator) into a temporary project and measures, each in a
fresh Python process so that caches and imports do not flatter the figures:

* Markdown only and Markdown + Word with `render_file`, one process;
* a breakdown per stage on a sample of documents;
* end to end with remiss's own writer (`write_outputs` with a `Manifest`,
  files staged and committed a batch at a time, as a build writes them);
* the `remiss render` command over all N files (wall time), and `remiss build`
  when the command exists;
* peak memory (ru_maxrss) for N and N/10 documents.

Imports and one-off costs (project, first template compile, reference
document) are reported separately from the per-document figures. The script
never asserts a speed. Standard library only, plus remiss itself (imported in
the worker processes, never in the parent).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]

# --------------------------------------------------------------------------
# Case generation
# --------------------------------------------------------------------------

STADSDELAR = (
    "Rinkeby-Kista",
    "Spånga-Tensta",
    "Hässelby-Vällingby",
    "Bromma",
    "Kungsholmen",
    "Norrmalm",
    "Östermalm",
    "Södermalm",
    "Enskede-Årsta-Vantör",
    "Skarpnäck",
    "Farsta",
    "Älvsjö",
    "Hägersten-Liljeholmen",
    "Skärholmen",
)
FIRST_NAMES = (
    "Anna", "Johan", "Maria", "Erik", "Karin", "Lars", "Eva", "Per", "Leila",
    "Ahmed", "Sara", "Mikael", "Birgitta", "Fredrik", "Elin", "Oskar", "Fatima",
    "Nils", "Ingrid", "Jonas", "Sofia", "Hassan", "Helena", "Magnus", "Lena",
    "Daniel", "Emma", "Peter", "Ulla", "Tomas", "Åsa", "Örjan",
)  # fmt: skip
LAST_NAMES = (
    "Lindqvist", "Ekström", "Haddad", "Holmberg", "Sandberg", "Nordin",
    "Johansson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
    "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson",
    "Berg", "Lundgren", "Wikström", "Bergström", "Sjöberg", "Åberg", "Öberg",
    "Mattsson", "Hosseini", "Yilmaz", "Nyberg", "Forsberg", "Rågsjö",
)  # fmt: skip
OFFICER_TITLES = (
    "Utredare",
    "Utvecklingssekreterare",
    "Statistiker",
    "Handläggare",
    "Controller",
)
SIGNATORY_TITLES = (
    ("Förvaltningschef", "Avdelningschef"),
    ("Förvaltningschef", "Enhetschef"),
    ("Biträdande förvaltningschef", "Avdelningschef"),
)
UNITS = (
    "Avdelningen för stadsövergripande sociala frågor",
    "Avdelningen för individ- och familjeomsorg",
    "Stöd och service",
    "Ekonomiavdelningen",
)
PARTIES = ("V", "S", "MP", "FP", "M", "C", "KD")
TOPICS = (
    "försöks- och träningslägenheter",
    "boendestöd till personer med psykisk funktionsnedsättning",
    "hemlösa barnfamiljer",
    "stödboenden för unga vuxna",
    "ekonomiskt bistånd till hushåll med barn",
    "uppsökande arbete bland hemlösa",
    "härbärgen och akutboenden",
    "stöd till personer som utsatts för våld i nära relationer",
    "sysselsättning för personer med missbruk",
    "samverkan med landstingets beroendevård",
    "bostad först",
    "mötesplatser för äldre",
)
ORGS = (
    "Bostadsförmedlingen",
    "Kriminalvården",
    "Stockholms Stadsmission",
    "Frälsningsarmén",
    "landstingets beroendevård",
    "de kommunala bostadsbolagen",
    "Stockholms läns landsting",
    "Arbetsförmedlingen",
)
GROUPS = (
    "unga vuxna",
    "kvinnor",
    "barnfamiljer",
    "äldre",
    "personer med missbruk",
    "personer med psykisk ohälsa",
    "personer som nyligen lämnat kriminalvården",
)
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december",
)  # fmt: skip

FACTS = (
    "Under {y} fick {n} personer stöd inom området i staden.",
    "Av dem bodde {m} i {sd}, vilket motsvarar {p} procent.",
    "Antalet har ökat med {m} sedan föregående år.",
    "I {sd} finns i dag {m} platser, jämfört med {m2} i {sd2}.",
    "Kostnaden uppgick till {mkr} miljoner kronor under {y}.",
    "Väntetiden var i genomsnitt {d} dagar, men i {sd} var den betydligt längre.",
    "Enligt {org} förmedlades {m} lägenheter under {y}.",
    "Andelen kvinnor var {p} procent, vilket är något högre än tidigare år.",
    "Drygt {p} procent av de berörda hade varit aktuella hos socialtjänsten "
    "i mer än ett år.",
    "Sammanlagt {n} ansökningar kom in under perioden {mån}–{mån2} {y}.",
    "Av ansökningarna beviljades {m}, medan {m2} avslogs eller återkallades.",
    "I åldersgruppen 18–25 år fanns {m} personer, och {m2} var äldre än 65 år.",
    "Staden har totalt {n} sådana platser, och {m} av dem ligger i innerstaden.",
    "Förvaltningen fick in {n} svar, varav {m} var dubbletter.",
    "Under kartläggningsveckan sov {m} personer utomhus eller i offentliga utrymmen.",
    "Minst {m} barn hade en förälder som berördes av insatsen.",
    "Ungefär {p} procent av de tillfrågade var nöjda med stödet de fått.",
    "Genomsnittskostnaden per dygn var omkring {kr} kronor.",
    "Sedan {y0} har antalet platser i {sd} mer än fördubblats.",
    "Den största gruppen, {n} personer, fanns i {sd}.",
    "Det motsvarar ungefär {p} procent av samtliga ärenden under {y}.",
    "{Org} tog emot {m} personer från staden under {mån} {y}.",
)
GENERAL = (
    "Det är viktigt att den enskilde får stöd i rätt tid.",
    "Insatsen ges enligt socialtjänstlagen och beviljas efter individuell prövning.",
    "Arbetet sker i nära samverkan med {org}.",
    "Många av dem som socialtjänsten möter saknar ett förstahandskontrakt.",
    "För {grupp} är situationen särskilt svår.",
    "En del av förklaringen är att bostadsmarknaden i Stockholm är mycket ansträngd.",
    "Det gäller särskilt i {sd} och {sd2}.",
    "Uppgifterna bygger på stadsdelsförvaltningarnas egna rapporter.",
    "Resultaten ska tolkas med viss försiktighet eftersom underlaget är begränsat.",
    "Insatserna följs upp minst två gånger per år.",
    "Socialnämnden fick en första redovisning i {mån} {y}.",
    "Ett sådant arbete kräver både tid och resurser.",
    "Kommunfullmäktige antog nya riktlinjer för området den {dag} {mån} {y}.",
    "Den enskilde ska alltid få information om sina rättigheter.",
    "Ett beslut om bistånd kan överklagas hos förvaltningsrätten.",
    "Ibland passar det inte att bo i det egna området, till exempel när "
    "personen behöver skydd.",
    "Då kan förvaltningen söka en lägenhet i en annan stadsdel.",
    "Biståndet är villkorat och bygger på en genomförandeplan.",
    "Planen görs upp tillsammans med den enskilde och följs upp regelbundet.",
    "Stödet kan också ges av en privat utförare på uppdrag av stadsdelsnämnden.",
    "Det finns inget som tyder på att behovet kommer att minska de närmaste åren.",
    "Frågan har även behandlats i stadens budget för {y}.",
)
SUBJECTS = (
    "Förvaltningen",
    "Socialförvaltningen",
    "Stadsdelsförvaltningen i {sd}",
    "Enheten för hemlösa",
    "Referensgruppen",
    "{Org}",
)
VERBS = (
    "bedömer att",
    "anser att",
    "konstaterar att",
    "menar att",
    "har uppmärksammat att",
    "framhåller att",
)
CLAIMS = (
    "behovet är större än det utbud som finns i dag",
    "samverkan mellan stadsdelarna behöver förbättras",
    "uppföljningen av insatserna bör bli mer systematisk",
    "många av de berörda har flera samtidiga problem",
    "det saknas lämpliga lägenheter i innerstaden",
    "väntetiderna har blivit kortare under det senaste året",
    "kostnaderna kan minska på sikt om fler får ett eget kontrakt",
    "stödet måste utgå från den enskildes behov och önskemål",
    "barnens situation behöver uppmärksammas tidigare",
    "resultaten bör användas i arbetet med nästa års verksamhetsplan",
    "personalens kompetens är avgörande för att insatsen ska lyckas",
    "det är svårt att jämföra uppgifterna mellan åren",
    "fler insatser bör riktas till {grupp}",
    "det krävs ett nära samarbete med {org}",
    "en gemensam rutin skulle underlätta handläggningen",
    "dokumentationen i många ärenden är ofullständig",
    "en fast kvot inte löser det grundläggande problemet",
    "andelen som går vidare till ett eget boende är för låg",
    "stadsdelsnämnderna behöver tydligare stöd i sitt arbete",
    "frågan bör följas upp inom ramen för nästa kartläggning",
    "läget i {sd} är särskilt bekymmersamt",
    "*förebyggande* insatser ger bäst resultat på lång sikt",
    "fler lägenheter behövs i hela staden: i innerstaden, i närförorterna "
    "och i ytterstaden",
    "ökningen delvis beror på att rapporteringen har blivit bättre",
)
BULLETS = (
    "**Fler lägenheter.** Staden behöver fler lägenheter för {grupp}, särskilt i {sd}.",
    "**Bättre uppföljning.** Varje insats ska följas upp inom {kvartal} månader "
    "och resultatet dokumenteras i akten.",
    "**Samverkan.** Förvaltningen fördjupar samarbetet med {org} och "
    "stadsdelsförvaltningarna.",
    "**Kompetens.** Personalen i {sd} erbjuds utbildning i motiverande samtal "
    "under {y}.",
    "**Barnperspektiv.** Barnens behov ska utredas i varje ärende där en "
    "förälder saknar bostad.",
    "**Statistik.** Kartläggningen upprepas under vecka 17 år {y2}.",
    "**Information.** Förvaltningen tar fram informationsmaterial på flera språk.",
    "**Boendestöd.** Boendestödet ska kunna ges även på kvällar och helger.",
    "**Eget kontrakt.** Fler ska kunna ta över kontraktet efter {kvartal} "
    "månaders boende utan anmärkning.",
)
SECTIONS = {
    "Barnperspektiv": (
        "Enligt barnkonventionen ska barnets bästa komma i främsta rummet i "
        "alla beslut som rör barn.",
        "Minst {m} barn berördes av förändringarna under {y}.",
        "Ett osäkert boende gör att barn ofta byter skola och saknar en lugn "
        "plats att göra läxor på.",
    ),
    "Ekonomiska konsekvenser": (
        "Förslaget ryms inom förvaltningens budget för {y}.",
        "Kostnaden beräknas till {mkr} miljoner kronor per år.",
        "En plats på akutboende kostar i genomsnitt omkring {kr} kronor per natt.",
    ),
    "Jämställdhetsperspektiv": (
        "Kvinnor och män har delvis olika behov av stöd.",
        "Andelen kvinnor bland de berörda var {p} procent.",
        "Kvinnor bor oftare tillfälligt hos vänner eller släktingar.",
    ),
    "Fortsatt arbete": (
        "Förvaltningen redovisar arbetet för nämnden i {mån} {y2}.",
        "Nästa kartläggning görs under vecka 17 år {y2}.",
        "En fördjupad studie av {grupp} ska vara klar under {y2}.",
    ),
    "Tillgänglighet": (
        "Lokalerna ska vara tillgängliga för personer med funktionsnedsättning.",
        "Informationen ska finnas på lätt svenska och på flera språk.",
        "Förvaltningen har inventerat {m} lokaler under {y}.",
    ),
    "Samverkan": (
        "Samverkan med {org} regleras i en överenskommelse från {y0}.",
        "Överenskommelsen följs upp varje år av en gemensam ledningsgrupp.",
        "Under {y} hölls {kvartal} möten mellan parterna.",
    ),
}
STANCES = ("tillstyrker", "avstyrker", "delvis", "ingen_erinran")


def _num(value: int) -> str:
    """Swedish thousands grouping with an ordinary space, as people type it."""
    return f"{value:,}".replace(",", " ")


class _Values(dict):
    """Placeholder values for one sentence; each is drawn when first used."""

    def __init__(self, rng: random.Random, year: int) -> None:
        super().__init__()
        self.rng = rng
        self.year = year

    def __missing__(self, key: str) -> str:
        r = self.rng
        sd = r.sample(STADSDELAR, 2)
        makers = {
            "n": lambda: _num(r.randint(300, 4200)),
            "m": lambda: _num(r.randint(12, 640)),
            "m2": lambda: _num(r.randint(12, 640)),
            "p": lambda: f"{r.uniform(2, 68):.1f}".replace(".", ","),
            "mkr": lambda: f"{r.uniform(1.5, 95):.1f}".replace(".", ","),
            "kr": lambda: _num(r.randrange(250, 1500, 10)),
            "d": lambda: str(r.randint(8, 140)),
            "kvartal": lambda: str(r.choice((3, 4, 6, 9, 12))),
            "y": lambda: str(self.year - r.randint(0, 1)),
            "y0": lambda: str(self.year - r.randint(3, 9)),
            "y2": lambda: str(self.year + r.randint(1, 2)),
            "sd": lambda: sd[0],
            "sd2": lambda: sd[1],
            "org": lambda: r.choice(ORGS),
            "Org": lambda: (lambda o: o[:1].upper() + o[1:])(r.choice(ORGS)),
            "grupp": lambda: r.choice(GROUPS),
            "mån": lambda: r.choice(MONTHS[:6]),
            "mån2": lambda: r.choice(MONTHS[6:]),
            "dag": lambda: str(r.randint(1, 28)),
        }
        value = makers[key]()
        self[key] = value
        return value


class CaseWriter:
    """Deterministic, varied case files: same seed and index, same file."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.decks: dict[str, list[str]] = {}

    def sentence(self, rng: random.Random, year: int) -> str:
        kind = rng.random()
        if kind < 0.35:
            text = self.draw(rng, "facts", FACTS)
        elif kind < 0.65:
            text = self.draw(rng, "general", GENERAL)
        else:
            text = (
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                f"{self.draw(rng, 'claims', CLAIMS)}."
            )
        return text.format_map(_Values(rng, year))

    def draw(self, rng: random.Random, pool: str, items: tuple[str, ...]) -> str:
        """Deal from a shuffled deck so a case repeats itself as little as can be."""
        deck = self.decks.get(pool)
        if not deck:
            deck = self.decks[pool] = list(items)
            rng.shuffle(deck)
        return deck.pop()

    def paragraph(self, rng: random.Random, year: int, lo: int = 4, hi: int = 6) -> str:
        return " ".join(self.sentence(rng, year) for _ in range(rng.randint(lo, hi)))

    def paragraphs(self, rng: random.Random, year: int, count: int) -> list[str]:
        return [self.paragraph(rng, year) for _ in range(count)]

    def bullets(self, rng: random.Random, year: int, count: int) -> list[str]:
        return [b.format_map(_Values(rng, year)) for b in rng.sample(BULLETS, count)]

    def case(self, index: int) -> tuple[str, int]:
        """Return the YAML text of case `index` and its number of words."""
        rng = random.Random(f"{self.seed}:{index}")
        self.decks = {}
        year = rng.choice((2010, 2011, 2012))
        topic = rng.choice(TOPICS)
        start = date(year, 1, 10) + timedelta(days=rng.randint(0, 300))
        meeting = start + timedelta(days=rng.randint(10, 30))
        people = rng.sample([(f, s) for f in FIRST_NAMES for s in LAST_NAMES], 6)
        officers = people[: rng.randint(1, 2)]
        signatories = people[3:5]
        sign_titles = rng.choice(SIGNATORY_TITLES)
        with_motion = rng.random() < 0.5
        stance = rng.choice(STANCES)
        dnr = f"{rng.randint(100, 999)}-{index + 1}/{year}"

        summary = self.paragraphs(rng, year, 2)
        matter = self.paragraphs(rng, year, rng.randint(3, 4))
        preparation = self.paragraphs(rng, year, rng.randint(1, 2))
        views = self.paragraphs(rng, year, rng.randint(6, 7))
        at = rng.randint(1, len(views) - 1)
        views[at:at] = [
            "Förvaltningen föreslår följande:",
            "\n".join(_bullet(b) for b in self.bullets(rng, year, rng.randint(4, 6))),
        ]
        headings = rng.sample(sorted(SECTIONS), rng.randint(2, 3))
        sections = []
        for heading in headings:
            opener = [s.format_map(_Values(rng, year)) for s in SECTIONS[heading]]
            rng.shuffle(opener)
            first = " ".join([*opener[:2], self.paragraph(rng, year, 2, 4)])
            sections.append((heading, [first, self.paragraph(rng, year, 4, 6)]))

        base = {sd: rng.randint(20, 420) for sd in STADSDELAR}
        rows = [
            (sd, v, max(0, round(v * rng.uniform(0.75, 1.3)))) for sd, v in base.items()
        ]
        table_section = rng.choice(("ärendet", "synpunkter"))
        lead = "Tabellen visar hur antalet fördelar sig på stadsdelsområdena."
        (matter if table_section == "ärendet" else views).append(lead)

        y: list[str] = []
        y.append(f"diarienummer: {dnr}")
        y.append(f"datum: {start.isoformat()}")
        y.append(f"sammanträde: {meeting.isoformat()}")
        y.append(f"avdelning: {_q(rng.choice(UNITS))}")
        y.append("status: klar")
        y.append("")
        y.append("handläggare:")
        for first_name, last_name in officers:
            y.append(f"  - namn: {_q(f'{first_name} {last_name}')}")
            y.append(f"    titel: {rng.choice(OFFICER_TITLES)}")
            y.append(
                f'    telefon: "08-508 {rng.randint(10, 99)} {rng.randint(100, 999)}"'
            )
            y.append(f"    e-post: {_mail(first_name, last_name)}@stockholm.se")
        y.append("")
        y.append("underskrifter:")
        for (first_name, last_name), title in zip(
            signatories, sign_titles, strict=True
        ):
            y.append(f"  - namn: {_q(f'{first_name} {last_name}')}")
            y.append(f"    titel: {title}")
        y.append("")
        if with_motion:
            mnr = f"{year}:{rng.randint(1, 60)}"
            y.append(f"rubrik: {_q(f'Svar på remiss om motion ({mnr}) om {topic}')}")
        else:
            y.append(f"rubrik: {_q(f'Svar på remiss om {topic} i Stockholms stad')}")
            y.append(f"underrubrik: {_q('Remiss från kommunstyrelsen')}")
        y.append("")
        y.append("remiss:")
        y.append("  från: Kommunstyrelsen")
        y.append(
            f"  diarienummer: {rng.randint(100, 999)}-{rng.randint(100, 2000)}/{year}"
        )
        y.append(f"  svar_senast: {(meeting + timedelta(days=8)).isoformat()}")
        if not with_motion:
            y.append(f"  titel: {_q(f'Rapport om {topic} {year}')}")
        y.append("  även_till:")
        for sd in rng.sample(STADSDELAR, 2):
            y.append(f"    - {_q(sd + 's stadsdelsnämnd')}")
        if with_motion:
            mover = people[5]
            y.append("")
            y.append("motion:")
            y.append(f"  nummer: {mnr}")
            y.append(f"  titel: {_q(f'om {topic}')}")
            y.append("  motionärer:")
            y.append(f"    - namn: {_q(f'{mover[0]} {mover[1]}')}")
            y.append(f"      parti: {rng.choice(PARTIES)}")
            y.append("  yrkanden:")
            y.append(
                "    - "
                + _q(
                    "att kommunfullmäktige ger i uppdrag att ta fram en plan för "
                    f"{topic} med minst {rng.randint(20, 300)} nya platser"
                )
            )
        y.append("")
        y.append(f"ställningstagande: {stance}")
        y.append("")
        y.append("förslag_till_beslut:")
        y.append(
            "  - "
            + _q(
                "Socialnämnden godkänner för sin del tjänsteutlåtandet "
                "som svar på remissen."
            )
        )
        y.append("  - " + _q("Socialnämnden överlämnar ärendet till kommunstyrelsen."))
        y.append("")
        y.extend(_block("sammanfattning", summary))
        y.append("")
        y.extend(_block("ärendet", matter))
        y.append("")
        y.extend(_block("beredning", preparation))
        y.append("")
        y.extend(_block("synpunkter", views))
        y.append("")
        y.append("avsnitt:")
        for heading, texts in sections:
            y.append(f"  - rubrik: {_q(heading)}")
            y.extend(_block("text", texts, indent=4))
        y.append("")
        y.append("statistik:")
        y.append("  fordelning:")
        y.append(f"    rubrik: {_q(f'Personer med {topic} efter stadsdelsområde')}")
        y.append('    kolumner: [Stadsdel, "2010", "2011"]')
        y.append("    rader:")
        for sd, a, b in rows:
            y.append(f"      - [{_q(sd)}, {a}, {b}]")
        y.append("    summa: true")
        source = rng.choice(
            (
                "Stadsdelsförvaltningarnas rapporter",
                "Socialförvaltningens kartläggning",
                "Bostadsförmedlingen",
            )
        )
        y.append(f"    källa: {_q(source)}")
        y.append("    enhet: antal personer")
        y.append(f"    avsnitt: {table_section}")
        y.append("")
        y.append("beslut_sänds_till:")
        y.append("  - Kommunstyrelsen")
        y.append("")
        text = "\n".join(y)
        words = sum(
            len(p.split()) for p in (*summary, *matter, *preparation, *views)
        ) + sum(len(t.split()) for _, texts in sections for t in texts)
        return text, words


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


_ASCII = str.maketrans("åäöÅÄÖéü", "aaoAAOeu")


def _mail(first: str, last: str) -> str:
    return f"{first}.{last}".lower().translate(_ASCII)


def _bullet(text: str) -> str:
    return textwrap.fill(
        text,
        76,
        initial_indent="- ",
        subsequent_indent="  ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _block(key: str, paragraphs: list[str], indent: int = 0) -> list[str]:
    """A literal block scalar; paragraphs wrapped like a person would."""
    pad = " " * indent
    out = [f"{pad}{key}: |"]
    for i, para in enumerate(paragraphs):
        if i:
            out.append("")
        if para.startswith("- "):
            lines = para.split("\n")
        else:
            lines = textwrap.wrap(
                para, 76, break_on_hyphens=False, break_long_words=False
            )
        out.extend(f"{pad}  {line}" for line in lines)
    return out


def generate(folder: Path, n: int, seed: int) -> dict[str, Any]:
    """Write remiss.yaml and cases/arende-NNNNN.yaml; return size figures."""
    cases = folder / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    (folder / "remiss.yaml").write_text(
        "standard:\n  förvaltning: Socialförvaltningen\n  nämnd: Socialnämnden\n",
        "utf-8",
    )
    writer = CaseWriter(seed)
    words: list[int] = []
    sizes: list[int] = []
    for i in range(n):
        text, count = writer.case(i)
        data = text.encode("utf-8")
        (cases / f"arende-{i + 1:05d}.yaml").write_bytes(data)
        words.append(count)
        sizes.append(len(data))
    return {
        "cases": n,
        "words_mean": statistics.fmean(words),
        "words_min": min(words),
        "words_max": max(words),
        "yaml_kb_mean": statistics.fmean(sizes) / 1024,
    }


# --------------------------------------------------------------------------
# Subprocesses
# --------------------------------------------------------------------------


def run_proc(
    cmd: list[str],
    cwd: Path | None = None,
    timeout: float = 3600,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run cmd; return rc, wall seconds, the child's peak RSS (KiB), output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        maxrss = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            maxrss = usage.ru_maxrss
        else:  # pragma: no cover - not Unix
            proc.wait(timeout)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return {
            "rc": proc.returncode,
            "wall_s": wall,
            "maxrss_kib": maxrss,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def run_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one scenario in a fresh interpreter; return its JSON result."""
    proc = run_proc([sys.executable, str(HERE), "--worker", json.dumps(spec)])
    if proc["rc"] != 0:
        raise SystemExit(
            f"worker {spec['scenario']} failed (rc {proc['rc']}):\n"
            + proc["stderr"][-3000:]
        )
    result = json.loads(proc["stdout"].strip().splitlines()[-1])
    result["process_wall_s"] = proc["wall_s"]
    result["process_maxrss_kib"] = proc["maxrss_kib"]
    return result


def remiss_command() -> list[str]:
    script = Path(sys.executable).with_name("remiss")
    return [str(script)] if script.exists() else [sys.executable, "-m", "remiss"]


def count_outputs(folder: Path) -> dict[str, int]:
    return {
        "md": sum(1 for _ in folder.rglob("*.md")) if folder.exists() else 0,
        "docx": sum(1 for _ in folder.rglob("*.docx")) if folder.exists() else 0,
    }


# --------------------------------------------------------------------------
# Worker scenarios (these import remiss; the parent never does)
# --------------------------------------------------------------------------


def _case_files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.yaml"))
    return files[:limit] if limit else files


def _latencies(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    total = sum(times)
    return {
        "docs": len(times),
        "total_s": total,
        "docs_per_s": len(times) / total if total else 0.0,
        "ms_mean": 1000 * total / len(times) if times else 0.0,
        "ms_p50": 1000 * ordered[len(ordered) // 2] if times else 0.0,
        "ms_p95": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        if times
        else 0.0,
    }


def _maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


_STAGED: list[Any] = []


def write(manifest: Any, named: dict[str, bytes], inputs: list[Path]) -> Any:
    """Write outputs as a build does (inputs are not needed): staged, and a
    batch committed with one sync when it is due."""
    from remiss.build.files import StagedWrites
    from remiss.build.manifest import write_outputs

    if not _STAGED:
        _STAGED.append(StagedWrites())
    outcome = write_outputs(manifest, named, staged=_STAGED[0])
    if _STAGED[0].due():
        _STAGED[0].commit()
    return outcome


def finish_writes() -> None:
    """Commit what is still staged (before the manifest is saved)."""
    if _STAGED:
        _STAGED[0].commit()


def worker_render(spec: dict[str, Any]) -> dict[str, Any]:
    """render_file over the files, formats from the spec; optional writing."""
    t0 = time.perf_counter()
    from remiss.build.manifest import Manifest
    from remiss.input.project import load_project
    from remiss.render.source import render_file

    import_s = time.perf_counter() - t0
    rss_imports = _maxrss_kib()
    root = Path(spec["root"])
    files = _case_files(root / "cases", spec.get("limit"))
    formats = tuple(spec["formats"])
    t1 = time.perf_counter()
    project = load_project(root)
    project_s = time.perf_counter() - t1
    manifest = None
    if spec.get("out"):
        manifest = Manifest.load(Path(spec["out"]))
    times: list[float] = []
    failed = written = unchanged = 0
    digests: set[str] = set()
    sizes: dict[str, int] = {}
    clock = time.perf_counter
    started = clock()
    for path in files:
        t = clock()
        rendered = render_file(path, project, formats)
        if manifest is not None and rendered.outputs:
            named = {
                f"{rendered.stem}.{suffix}": data
                for suffix, data in rendered.outputs.items()
            }
            outcome = write(manifest, named, rendered.inputs)
            written += len(outcome.written)
            unchanged += len(outcome.unchanged)
        times.append(clock() - t)
        if not rendered.ok or not rendered.outputs:
            failed += 1
        for suffix, data in rendered.outputs.items():
            sizes[suffix] = sizes.get(suffix, 0) + len(data)
        if "md" in rendered.outputs:
            digests.add(hashlib.sha1(rendered.outputs["md"]).hexdigest())
    save_s = 0.0
    if manifest is not None:
        t = clock()
        finish_writes()
        manifest.save()
        save_s = clock() - t
    loop_s = clock() - started
    result = {
        "import_s": import_s,
        "project_s": project_s,
        "first_doc_ms": 1000 * times[0] if times else 0.0,
        "loop_s": loop_s,
        "failed": failed,
        "distinct_md": len(digests),
        "kb_mean": {k: v / 1024 / max(1, len(files)) for k, v in sizes.items()},
        "written": written,
        "unchanged": unchanged,
        "manifest_save_ms": 1000 * save_s,
        "rss_after_imports_kib": rss_imports,
        "maxrss_kib": _maxrss_kib(),
        **_latencies(times),
    }
    # Throughput over the whole loop (first document and manifest included).
    result["docs_per_s"] = len(files) / (loop_s or 1e-9)
    result["ms_mean"] = 1000 * loop_s / max(1, len(files))
    return result


def worker_stages(spec: dict[str, Any]) -> dict[str, Any]:
    """Time each stage of render_file + writing on a sample of documents.

    Validation is load_case minus a YAML load of the same file just before,
    so the figure follows whatever load_case does today.
    """
    t0 = time.perf_counter()
    from remiss.build.manifest import Manifest
    from remiss.docx.reference import load_reference
    from remiss.docx.writer import write_docx
    from remiss.input.case import load_case
    from remiss.input.project import load_project
    from remiss.input.yaml import load_yaml_file
    from remiss.render.case import doc_properties, reference_path
    from remiss.render.source import render_file
    from remiss.text.context import case_context
    from remiss.text.parse import parse_document
    from remiss.text.templates import get_template, render_template, template_dirs

    import_s = time.perf_counter() - t0
    root = Path(spec["root"])
    all_files = _case_files(root / "cases", None)
    size = min(spec["sample"], len(all_files))
    step = max(1, len(all_files) // max(1, size))
    sample = all_files[::step][:size]
    project = load_project(root)
    out = Path(spec["out"])
    manifest = Manifest.load(out)
    clock = time.perf_counter

    # One-off costs, measured on first use in this fresh process.
    dirs = template_dirs(project.root)
    t = clock()
    get_template(dirs, "tjansteutlatande")
    compile_ms = 1000 * (clock() - t)
    t = clock()
    load_reference(reference_path(project))
    reference_ms = 1000 * (clock() - t)

    names = (
        "YAML load",
        "validation",
        "context (case_context)",
        "Jinja render",
        "Markdown parse",
        "docx write",
        "write files",
    )
    stages: dict[str, list[float]] = {name: [] for name in names}
    whole: list[float] = []
    failed = 0
    # Warm up everything else that is lazy (pydantic, mistune, lxml).
    render_file(all_files[-1], project, ("md", "docx"))
    for path in sample:
        t = clock()
        load_yaml_file(path)
        t_yaml = clock()
        result = load_case(path, project)
        t_case = clock()
        case = result.case
        if case is None:
            failed += 1
            continue
        template = get_template(template_dirs(project.root), case.template)
        context = case_context(case)
        t_ctx = clock()
        markdown = render_template(template, context)
        t_jinja = clock()
        document = parse_document(markdown)
        t_parse = clock()
        reference = load_reference(reference_path(project))
        data, _ = write_docx(document, doc_properties(case), reference)
        t_docx = clock()
        inputs = [path, Path(template.filename or ""), reference_path(project)]
        if project.file is not None:
            inputs.append(project.file)
        stem = path.stem
        named = {f"{stem}.md": markdown.encode("utf-8"), f"{stem}.docx": data}
        write(manifest, named, inputs)
        t_write = clock()
        yaml_s = t_yaml - t
        for name, seconds in zip(
            names,
            (
                yaml_s,
                max(0.0, t_case - t_yaml - yaml_s),
                t_ctx - t_case,
                t_jinja - t_ctx,
                t_parse - t_jinja,
                t_docx - t_parse,
                t_write - t_docx,
            ),
            strict=True,
        ):
            stages[name].append(seconds)
        # The same document through render_file itself, for comparison.
        t = clock()
        rendered = render_file(path, project, ("md", "docx"))
        whole.append(clock() - t)
        failed += 0 if rendered.ok else 1
    t = clock()
    finish_writes()
    manifest.save()
    save_ms = 1000 * (clock() - t)

    return {
        "import_s": import_s,
        "sample": len(sample),
        "template_compile_ms": compile_ms,
        "reference_load_ms": reference_ms,
        "manifest_save_ms": save_ms,
        "failed": failed,
        "stages": {
            name: {
                "ms_mean": 1000 * statistics.fmean(v),
                "ms_p50": 1000 * statistics.median(v),
            }
            for name, v in stages.items()
        },
        "render_file_ms_mean": 1000 * statistics.fmean(whole),
        "render_file_ms_p50": 1000 * statistics.median(whole),
        "maxrss_kib": _maxrss_kib(),
    }


def worker_profile(spec: dict[str, Any]) -> dict[str, Any]:
    """cProfile render_file (md + docx) over the files, after one warm-up."""
    import cProfile
    import io
    import pstats

    from remiss.input.project import load_project
    from remiss.render.source import render_file

    root = Path(spec["root"])
    files = _case_files(root / "cases", spec.get("limit"))
    project = load_project(root)
    render_file(files[0], project, ("md", "docx"))  # compile template, read reference
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for path in files:
        render_file(path, project, ("md", "docx"))
    profiler.disable()
    wall = time.perf_counter() - started
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.strip_dirs()
    for key in ("cumulative", "tottime"):
        text.write(f"\n==== top {spec['top']} by {key} ====\n")
        stats.sort_stats(key).print_stats(spec["top"])
    if spec.get("dump"):
        stats.dump_stats(spec["dump"])
    return {"docs": len(files), "profiled_wall_s": wall, "text": text.getvalue()}


WORKERS = {
    "render": worker_render,
    "stages": worker_stages,
    "profile": worker_profile,
}


# --------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def src_digest() -> str:
    """A short digest of remiss's source, to tie figures to a code state."""
    digest = hashlib.sha256()
    src = REPO / "src" / "remiss"
    for path in sorted(src.rglob("*.py")):
        digest.update(str(path.relative_to(src)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cli_render(root: Path, cases: Path, out: Path) -> dict[str, Any]:
    proc = run_proc([*remiss_command(), "render", str(cases), "-o", str(out)], cwd=root)
    last = proc["stderr"].strip().splitlines()
    return {
        "rc": proc["rc"],
        "wall_s": proc["wall_s"],
        "maxrss_kib": proc["maxrss_kib"],
        "summary": last[-1] if last else "",
        "outputs": count_outputs(out),
    }


def build_scenarios(root: Path, n: int, jobs: int) -> dict[str, Any]:
    """Time `remiss build`: a first run and an unchanged run, per -j."""
    remiss = remiss_command()
    has_jobs = has_output = True
    results: dict[str, Any] = {"available": True, "runs": []}
    for j in sorted({1, jobs}) if has_jobs else [None]:
        label = f"j{j}" if j else "default"
        project = root.parent / f"build-{label}"
        if project.exists():
            shutil.rmtree(project)
        project.mkdir()
        shutil.copy2(root / "remiss.yaml", project / "remiss.yaml")
        shutil.copytree(root / "cases", project / "cases")
        cmd = [*remiss, "build"]
        if j:
            cmd += ["-j", str(j)]
        if has_output:
            cmd += ["-o", "output"]
        for run in ("first", "unchanged"):
            log(f"remiss build {label}: {run} run")
            proc = run_proc(cmd, cwd=project)
            if proc["rc"] == 2 and run == "first":  # perhaps it wants the folder
                cmd = [*cmd, "cases"]
                proc = run_proc(cmd, cwd=project)
            lines = proc["stderr"].strip().splitlines()
            results["runs"].append(
                {
                    "jobs": j,
                    "run": run,
                    "cmd": " ".join(cmd[len(remiss) - 1 :]),
                    "rc": proc["rc"],
                    "wall_s": proc["wall_s"],
                    "docs_per_s": n / proc["wall_s"],
                    "maxrss_kib": proc["maxrss_kib"],
                    "summary": lines[-1] if lines else "",
                    "outputs": count_outputs(project / "output"),
                }
            )
    if not has_jobs:
        results["note"] = "build has no -j option; ran it once with defaults"
    return results


def benchmark(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    n = args.n
    tenth = max(1, n // 10)
    root = workdir / "project"
    log(f"generating {n} cases in {root}")
    t = time.perf_counter()
    cases = generate(root, n, args.seed)
    cases["generate_s"] = time.perf_counter() - t
    tenth_dir = workdir / "project-tenth"
    (tenth_dir / "cases").mkdir(parents=True)
    shutil.copy2(root / "remiss.yaml", tenth_dir / "remiss.yaml")
    for path in sorted((root / "cases").glob("*.yaml"))[:tenth]:
        shutil.copy2(path, tenth_dir / "cases" / path.name)

    results: dict[str, Any] = {
        "n": n,
        "seed": args.seed,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "workdir": str(workdir),
        "src_digest": src_digest(),
        "loadavg_start": os.getloadavg()[0],
        "cases": cases,
        "scenarios": {},
    }
    sc = results["scenarios"]
    r = str(root)

    log("startup: python -c pass, import remiss's build and CLI, remiss --version")
    bare = [run_proc([sys.executable, "-c", "pass"])["wall_s"] for _ in range(3)]
    imp = [
        run_proc([sys.executable, "-c", "import remiss.build.batch, remiss.cli.main"])[
            "wall_s"
        ]
        for _ in range(3)
    ]
    cli = [run_proc([*remiss_command(), "--version"])["wall_s"] for _ in range(3)]
    results["startup"] = {
        "python_ms": 1000 * min(bare),
        "python_import_remiss_ms": 1000 * min(imp),
        "cli_version_ms": 1000 * min(cli),
    }

    log("markdown only")
    sc["md"] = run_worker({"scenario": "render", "root": r, "formats": ["md"]})
    log("markdown + Word")
    sc["md_docx"] = run_worker(
        {"scenario": "render", "root": r, "formats": ["md", "docx"]}
    )
    log(f"markdown + Word, N/10 = {tenth}")
    sc["md_docx_tenth"] = run_worker(
        {"scenario": "render", "root": r, "formats": ["md", "docx"], "limit": tenth}
    )
    log(f"stages on a sample of {args.sample}")
    sc["stages"] = run_worker(
        {
            "scenario": "stages",
            "root": r,
            "sample": args.sample,
            "out": str(workdir / "out-stages"),
        }
    )
    log("end to end with write_outputs: first run, then unchanged rerun")
    out_e2e = str(workdir / "out-e2e")
    spec = {"scenario": "render", "root": r, "formats": ["md", "docx"], "out": out_e2e}
    sc["e2e"] = run_worker(spec)
    sc["e2e_rerun"] = run_worker(spec)
    log("remiss render CLI: N/10, N, and unchanged rerun of N")
    sc["cli_tenth"] = cli_render(tenth_dir, tenth_dir / "cases", workdir / "out-cli-10")
    sc["cli"] = cli_render(root, root / "cases", workdir / "out-cli")
    sc["cli_rerun"] = cli_render(root, root / "cases", workdir / "out-cli")
    log("remiss build")
    results["build"] = build_scenarios(root, n, args.jobs)
    results["loadavg_end"] = os.getloadavg()[0]
    results["src_digest_end"] = src_digest()
    return results


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _mib(kib: int | None) -> str:
    return f"{kib / 1024:.0f}" if kib else "?"


def report(res: dict[str, Any]) -> str:
    sc = res["scenarios"]
    n = res["n"]
    warn = []
    if res["src_digest_end"] != res["src_digest"]:
        warn.append(
            f"WARNING: remiss's source changed during the run "
            f"({res['src_digest']} -> {res['src_digest_end']}); rows may mix versions"
        )
    c = res["cases"]
    md = sc["md_docx"]
    kb = md["kb_mean"]
    lines = [
        *warn,
        f"remiss benchmark   N={n}  seed={res['seed']}  src {res['src_digest']}  "
        f"Python {res['python']}  {res['platform']}",
        f"workdir {res['workdir']}  load average {res['loadavg_start']:.2f} at start, "
        f"{res['loadavg_end']:.2f} at end",
        f"cases: {c['cases']} files, {c['words_mean']:.0f} words of prose on average "
        f"({c['words_min']}–{c['words_max']}), YAML {c['yaml_kb_mean']:.1f} KB, "
        f"md {kb.get('md', 0):.1f} KB, docx {kb.get('docx', 0):.1f} KB; "
        f"distinct md outputs {sc['md']['distinct_md']}/{n}; "
        f"failed {sc['md']['failed']} (md), {md['failed']} (md+docx)",
        "",
        f"{'scenario (one process unless CLI)':<40}{'docs':>6}{'wall s':>9}"
        f"{'docs/s':>9}{'ms/doc':>9}{'p50':>7}{'p95':>7}{'peak MiB':>10}",
    ]

    def row(label: str, r: dict[str, Any], docs: int | None = None) -> None:
        docs = docs if docs is not None else r.get("docs", n)
        wall = r.get("loop_s", r.get("wall_s", 0.0))
        rate = r.get("docs_per_s", docs / wall if wall else 0.0)
        ms = r.get("ms_mean", 1000 * wall / docs if docs else 0.0)
        p50 = f"{r['ms_p50']:.1f}" if "ms_p50" in r else "–"
        p95 = f"{r['ms_p95']:.1f}" if "ms_p95" in r else "–"
        rss = r.get("maxrss_kib")
        lines.append(
            f"{label:<40}{docs:>6}{wall:>9.2f}{rate:>9.1f}{ms:>9.2f}"
            f"{p50:>7}{p95:>7}{_mib(rss):>10}"
        )

    tenth = sc["md_docx_tenth"]["docs"]
    row("Markdown only (render_file md)", sc["md"])
    row("Markdown + Word (render_file md,docx)", md)
    row("Markdown + Word, N/10", sc["md_docx_tenth"])
    row("end to end + write_outputs, first", sc["e2e"])
    row("end to end + write_outputs, unchanged", sc["e2e_rerun"])
    for key, label, docs in (
        ("cli_tenth", "CLI remiss render, N/10 (wall)", tenth),
        ("cli", "CLI remiss render (wall)", n),
        ("cli_rerun", "CLI remiss render, unchanged (wall)", n),
    ):
        row(label, sc[key], docs)
    build = res["build"]
    if build.get("available"):
        for b in build["runs"]:
            label = f"remiss build -j {b['jobs']}" if b["jobs"] else "remiss build"
            row(f"{label}, {b['run']} (wall)", b, n)
    lines.append(
        "  (ms/doc for one-process rows = loop time / docs, first doc included;"
    )
    lines.append("   CLI and build rows are whole-command wall time / docs)")

    st = res["startup"]
    lines += [
        "",
        "one-off costs (ms): "
        f"python start {st['python_ms']:.0f}; python + import remiss "
        f"{st['python_import_remiss_ms']:.0f}; remiss --version "
        f"{st['cli_version_ms']:.0f}; in-worker imports {md['import_s'] * 1000:.0f}; "
        f"load_project {md['project_s'] * 1000:.1f}; first document md+docx "
        f"{md['first_doc_ms']:.0f} (md only {sc['md']['first_doc_ms']:.0f}); "
        f"template compile {sc['stages']['template_compile_ms']:.0f}; "
        f"reference.docx load {sc['stages']['reference_load_ms']:.0f}",
    ]
    e2e = sc["e2e"]
    lines.append(
        f"writes: e2e first run wrote {e2e['written']} files, rerun "
        f"{sc['e2e_rerun']['unchanged']} unchanged / {sc['e2e_rerun']['written']} "
        f"written; last commit + manifest save {e2e['manifest_save_ms']:.0f} ms; "
        f"CLI: {sc['cli']['summary']!r} rc={sc['cli']['rc']}, rerun "
        f"{sc['cli_rerun']['summary']!r}"
    )
    lines.append(
        "peak RSS (MiB): md+docx in-process "
        f"after imports {_mib(md['rss_after_imports_kib'])}, "
        f"N/10 {_mib(sc['md_docx_tenth']['maxrss_kib'])}, N {_mib(md['maxrss_kib'])}; "
        f"CLI N/10 {_mib(sc['cli_tenth']['maxrss_kib'])}, "
        f"N {_mib(sc['cli']['maxrss_kib'])}"
    )
    if build.get("available"):
        if build.get("note"):
            lines.append(f"build: {build['note']}")
        for b in build["runs"]:
            lines.append(
                f"build -j {b['jobs']} {b['run']}: rc={b['rc']} outputs md="
                f"{b['outputs']['md']} docx={b['outputs']['docx']} "
                f"cmd {b['cmd']!r}; {b['summary']!r}"
            )

    s = sc["stages"]
    total = sum(v["ms_mean"] for v in s["stages"].values())
    lines += [
        "",
        f"stages, md + docx, sample of {s['sample']} documents (after warm-up), "
        "ms per document:",
        f"  {'stage':<26}{'mean':>8}{'p50':>8}{'share':>8}",
    ]
    for name, v in s["stages"].items():
        lines.append(
            f"  {name:<26}{v['ms_mean']:>8.2f}{v['ms_p50']:>8.2f}"
            f"{100 * v['ms_mean'] / total:>7.1f}%"
        )
    lines.append(f"  {'sum':<26}{total:>8.2f}")
    lines.append(
        "  (validation = load_case minus a YAML load of the same file; write files"
        " = write_outputs, staged, with each batch's commit when it falls due)"
    )
    lines.append(
        f"  render_file on the same docs: {s['render_file_ms_mean']:.2f} mean, "
        f"{s['render_file_ms_p50']:.2f} p50 (no writing; interleaved with the "
        "stage timings)"
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of cases")
    parser.add_argument(
        "--jobs", type=int, default=2, help="time remiss build with -j 1 and -j JOBS"
    )
    parser.add_argument("--sample", type=int, default=100, help="stage sample size")
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--workdir", type=Path, help="folder for the generated files")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="K",
        help="only profile render_file (md+docx) over K generated cases",
    )
    parser.add_argument("--top", type=int, default=25, help="rows per profile table")
    parser.add_argument("--profile-dump", type=Path, help="also write pstats here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        spec = json.loads(args.worker)
        print(json.dumps(WORKERS[spec["scenario"]](spec)))
        return 0

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix="remiss-bench-", dir=args.workdir))
    else:
        workdir = Path(tempfile.mkdtemp(prefix="remiss-bench-"))
    try:
        if args.profile:
            root = workdir / "project"
            log(f"generating {args.profile} cases in {root}")
            generate(root, args.profile, args.seed)
            result = run_worker(
                {
                    "scenario": "profile",
                    "root": str(root),
                    "top": args.top,
                    "dump": str(args.profile_dump.resolve())
                    if args.profile_dump
                    else None,
                }
            )
            print(
                f"profile of render_file(md, docx) over {result['docs']} cases: "
                f"{result['profiled_wall_s']:.2f} s under cProfile"
            )
            print(result["text"])
            return 0
        results = benchmark(args, workdir)
        print(
            json.dumps(results, indent=1, ensure_ascii=False)
            if args.json
            else report(results)
        )
        return 0
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
