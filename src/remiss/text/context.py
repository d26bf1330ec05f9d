"""The variables a case template sees (see README, Mallreferens)."""

from __future__ import annotations

from typing import Any

from remiss import formatting
from remiss.formatting import confidential_marking
from remiss.model.case import Case, Person
from remiss.model.tables import TableView, table_views
from remiss.text.markdown import (
    MdSafe,
    escape_inline,
    front_matter,
    pipe_table,
    safe_block,
)


def table_markdown(view: TableView) -> MdSafe:
    """Return caption, pipe table and source line of a statistics table."""
    header, rows, right, total = view.shown()
    cells = [
        [formatting.number(c) if isinstance(c, (int, float)) else str(c) for c in row]
        for row in rows
    ]
    if total is not None:
        cells.append(
            [
                MdSafe(f"**{escape_inline(_cell_text(c), line_start=False)}**")
                if _cell_text(c)
                else ""
                for c in total
            ]
        )
    parts = [
        '::: {custom-style="Tabellrubrik"}',
        escape_inline(view.rubrik)
        + (f" ({escape_inline(view.enhet)})" if view.enhet else ""),
        ":::",
        "",
        pipe_table(header, cells, right),
    ]
    if view.källa:
        parts += [
            "",
            '::: {custom-style="Källa"}',
            "Källa: " + escape_inline(view.källa),
            ":::",
        ]
    if view.fil:
        parts += ["", f"![{escape_inline(view.alt)}]({view.fil})"]
    return MdSafe("\n".join(parts))


def _cell_text(value: Any) -> str:
    return formatting.number(value) if isinstance(value, (int, float)) else str(value)


OFFICER_ROLE = "Handläggare"


def _person(p: Person, role: str | None = None) -> dict[str, Any]:
    """A person as templates see it; `role` is the label when none is given."""
    return {
        "namn": p.name,
        "titel": p.title,
        "telefon": p.phone,
        "e_post": p.email,
        "e-post": p.email,
        "roll": p.role or role,
    }


def case_context(
    case: Case, assets: dict[str, bytes] | None = None, stem: str = "arende"
) -> dict[str, Any]:
    """Return the variables a template sees for one case (see README).

    Charts the tables ask for are drawn here; their PNG bytes go into
    `assets` under the file name the Markdown refers to.
    """
    tables = table_views(case)
    ground = case.confidential.ground if case.confidential is not None else None
    marking = confidential_marking(ground) if case.is_confidential else None
    for key, view in tables.items():
        if view.diagram and assets is not None:
            from remiss.text.charts import alt_text, render_chart

            name = f"{stem}-{formatting.safe_name(key)}.png"
            assets[name] = render_chart(view)
            view.fil = name
            view.alt = alt_text(view)

    def tables_in(section: str) -> MdSafe:
        # A blank line first, so the caption block never continues the
        # paragraph the template prints just before it.
        found = [table_markdown(v) for v in tables.values() if v.avsnitt == section]
        return MdSafe("\n" + "\n\n".join(found) if found else "")

    referral = case.referral
    motion = case.motion
    ctx: dict[str, Any] = {
        "diarienummer": case.reference,
        "datum": case.date,
        "nämnd": case.committee,
        "sammanträde": case.meeting,
        "förvaltning": case.administration,
        "avdelning": case.unit,
        "dokumenttyp": case.doc_type,
        "mall": case.template,
        "status": case.status,
        "utkast": case.status == "utkast",
        "sekretess": case.is_confidential,
        "sekretessgrund": ground,
        "sekretessmarkering": marking,
        "handläggare": [_person(p, OFFICER_ROLE) for p in case.officers],
        "underskrifter": [_person(p) for p in case.signatories],
        "rubrik": case.title,
        "underrubrik": case.subtitle,
        "remiss": None
        if referral is None
        else {
            "från": referral.sender,
            "titel": referral.title,
            "diarienummer": referral.reference,
            "svar_senast": referral.reply_by,
            "även_till": list(referral.also_to),
            "huvudsynpunkt": referral.gist,
        },
        "motion": None
        if motion is None
        else {
            "nummer": motion.number,
            "titel": motion.title,
            "motionärer": [{"namn": m.name, "parti": m.party} for m in motion.movers],
            "yrkanden": list(motion.demands),
        },
        "ställningstagande": case.stance,
        "ställningstagande_text": case.stance_text,
        "förslag_till_beslut": [text for _, text in case.decision_texts],
        "beslutsgrupper": [
            {"rubrik": heading, "beslut": decisions}
            for heading, decisions in case.decision_groups
        ],
        "rubriker": case.headings.by_key(),
        "sammanfattning": safe_block(case.summary),
        "bakgrund": safe_block(case.background) if case.background else None,
        "ärendet": safe_block(case.matter) if case.matter else None,
        "beredning": safe_block(case.preparation) if case.preparation else None,
        "synpunkter": safe_block(case.views) if case.views else None,
        "avsnitt": [
            {"rubrik": s.heading, "text": safe_block(s.text)} for s in case.sections
        ],
        "statistik": tables,
        "tabeller": tables_in,
        "bilagor": case.attachment_titles,
        "beslut_sänds_till": list(case.send_to),
        # Set by the render when the case has `remissammanställning:`.
        "remissammanställning": None,
        "remissvar": [],
        "remissvar_saknas": [],
    }
    ctx["front_matter"] = front_matter(
        [
            ("title", case.title),
            ("subtitle", case.subtitle),
            ("author", case.administration),
            ("date", case.date.isoformat()),
            ("lang", "sv-SE"),
            ("dokumenttyp", case.doc_type),
            ("diarienummer", case.reference),
            ("nämnd", case.committee),
            ("sammanträde", case.meeting.isoformat() if case.meeting else None),
            ("förvaltning", case.administration),
            ("avdelning", case.unit),
            ("handläggare", [p.name for p in case.officers]),
            ("status", case.status),
            ("sekretess", True if case.is_confidential else None),
            ("sekretessmarkering", marking),
        ]
    )
    return ctx
