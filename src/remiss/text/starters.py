"""New case and meeting files: every key the format knows, with help in Swedish.

A new file validates as it is: what must be filled in holds a placeholder in
«…», which `remiss check` reports (W103) until it is replaced, and what may
be left out is commented out with a line of help. The first line tells
editors with the YAML language server where the file's JSON Schema is.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

SCHEMA_FILES = {"ärende": "arende.schema.json", "möte": "mote.schema.json"}


def _quoted(value: str) -> str:
    """Return a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _from_project(defaults: dict[str, Any], key: str, placeholder: str) -> str:
    value = defaults.get(key)
    if isinstance(value, str) and value.strip():
        # Written out, so that editors checking the schema see it too.
        return f"{key}: {_quoted(value)}  # som i remiss.yaml"
    return f"{key}: {_quoted(placeholder)}"


def new_case(
    *,
    schema: str,
    today: date,
    defaults: dict[str, Any],
    sender: str | None = None,
    reference: str | None = None,
    reply_by: date | None = None,
    title: str | None = None,
) -> str:
    """Return the text of a new case file."""
    referral = [
        "# Remissen som ärendet svarar på. Ta bort hela blocket om det inte är",
        "# ett remissvar.",
        "remiss:",
        f"  från: {_quoted(sender or '«Vem remissen kommer från»')}",
        f"  diarienummer: {_quoted(reference or '«Remissens Dnr»')}",
        f"  svar_senast: {reply_by.isoformat() if reply_by else today.isoformat()}",
        "  # även_till:            # andra som fått samma remiss",
        "  #   - Stadsdelsnämnden",
    ]
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "# Ett ärende för remiss. Fyll i det som står inom «…»; remiss check",
        "# varnar så länge något är kvar. Rader som börjar med # är hjälp eller",
        "# nycklar som får vara med: ta bort #-tecknet för att använda dem.",
        "",
        "diarienummer: " + _quoted("«Nämndens Dnr»"),
        f"datum: {today.isoformat()}",
        _from_project(defaults, "nämnd", "«Nämnden som får ärendet»"),
        "# sammanträde: ÅÅÅÅ-MM-DD      # mötesdatum, visas vid 'Till nämnden'",
        _from_project(defaults, "förvaltning", "«Förvaltningen»"),
        "# avdelning: Avdelningen för …",
        "# dokumenttyp: Tjänsteutlåtande",
        "status: utkast                  # utkast, klar eller beslutad",
        "# sekretess:                    # för ett sekretessärende:",
        "#   grund: 26 kap. 1 § OSL",
        "",
        "handläggare:",
        "  - namn: «Ditt namn»",
        "    # titel: Utredare",
        "    # telefon: 08-000 00 00",
        "    # e-post: namn@kommun.se",
        "    # roll: Föredragande borgarråd  # i stället för 'Handläggare:'",
        "# underskrifter:                # namnen under förslaget till beslut",
        "#   - namn: Förvaltningschefens namn",
        "#     titel: Förvaltningschef",
        "",
        f"rubrik: {_quoted(title or '«Rubriken på ärendet»')}",
        "# underrubrik: Remiss från kommunstyrelsen",
        "",
        *referral,
        "",
        "# motion:                       # när remissen gäller en motion",
        "#   nummer: 2011:31              # om kommunen numrerar motioner",
        "#   titel: om …",
        "#   motionärer:",
        "#     - {namn: Namn Namnsson, parti: V}",
        "#   yrkanden:",
        "#     - att …",
        "# ställningstagande: tillstyrker  # tillstyrker, avstyrker, delvis",
        "#                                 # eller ingen_erinran",
        "",
        "förslag_till_beslut:             # varje beslut som en hel mening",
        "  - «Nämnden beslutar …»",
        "# förslag_till_beslut:           # eller: beslut till flera organ",
        "#   - rubrik: Förslag till kommunstyrelsen",
        "#     beslut:",
        "#       - Kommunstyrelsen …",
        "",
        "sammanfattning: |",
        "  «Sammanfatta ärendet och förvaltningens förslag.»",
        "",
        "# bakgrund: |                     # utelämnas den skriver remiss en",
        "#   …                             # bakgrund av remissuppgifterna",
        "# ärendet: |",
        "#   …",
        "# beredning: |                    # rubrik: Ärendets beredning",
        "#   …",
        "# synpunkter: |                   # rubrik: Förvaltningens synpunkter",
        "#   …                             # och förslag",
        "# avsnitt:                        # fler avsnitt, i ordning",
        "#   - rubrik: Ekonomiska konsekvenser",
        "#     text: |",
        "#       …",
        "# statistik:                      # tabeller, se README: Statistik",
        "#   lagenheter:",
        "#     rubrik: Lägenheter efter läge",
        "#     kolumner: [Läge, Antal]",
        "#     rader:",
        "#       - [Innerstaden, 62]",
        "#     summa: ja",
        "# bilagor:",
        "#   - Remiss från kommunstyrelsen",
        "#   - titel: Motionen            # en bilaga med en PDF, räknad från",
        "#     fil: bilagor/motion.pdf    # ärendefilens mapp",
        "# beslut_sänds_till:",
        "#   - Kommunstyrelsen",
        "# rubriker:                       # egna rubriker, t.ex.",
        "#   förslag_till_beslut: Förslag till beslut",
        "",
    ]
    return "\n".join(lines)


def new_meeting(
    *,
    schema: str,
    meeting_date: date,
    defaults: dict[str, Any],
    committee: str | None = None,
) -> str:
    """Return the text of a new meeting file."""

    def value(key: str, given: str | None, placeholder: str) -> str:
        found = given or defaults.get(key)
        text = found if isinstance(found, str) and found.strip() else placeholder
        return f"{key}: {_quoted(text)}"

    lines = [
        f"# yaml-language-server: $schema={schema}",
        "# Ett sammanträde för remiss: föredragningslistan och handlingarna.",
        "# Fyll i det som står inom «…». Punkterna numreras i ordning.",
        "",
        value("nämnd", committee, "«Nämnden»"),
        f"datum: {meeting_date.isoformat()}",
        '# tid: "18.00"                   # klockslaget, om det ska stå med',
        "plats: «Sammanträdesrummet»",
        value("förvaltning", None, "«Förvaltningen»"),
        "",
        "punkter:",
        "  - text: Sammanträdets öppnande och godkännande av föredragningslista",
        "  - text: Val av protokolljusterare och tid för justering av protokollet",
        "  # - rubrik: Remissärenden       # en kategorirubrik",
        "  # - ärende: ett-arende.yaml     # ett ärende, sökväg från denna fil",
        "  #   sekretess: ja               # visas neutralt i den offentliga listan",
        "  # - grupp: Anmälan av delegationsbeslut",
        "  #   punkter:",
        "  #     - text: Delegationsbeslut fattade under månaden",
        "  # - text: Information om budgetläget  # en punkt utan ärendefil",
        "  #   diarienummer: KS 2026/12",
        "  - text: Övriga frågor",
        "",
    ]
    return "\n".join(lines)
