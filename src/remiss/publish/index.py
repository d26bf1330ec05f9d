"""The published site's own pages: the list of meetings (index.html) and the
machine-readable index (index.json), shaped after OParl's Meeting,
AgendaItem and File where they fit.

Everything here comes from the public agenda: a confidential item is its
number and neutral title, nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from remiss.blocks import LINK, Document, Paragraph, Run
from remiss.html import PageInfo, render_page

OPARL = "https://schema.oparl.org/1.1/"


GENERATOR = "remiss publish"


MIME = {".html": "text/html", ".pdf": "application/pdf", ".json": "application/json"}


@dataclass
class PublishedMeeting:
    """One meeting on the site: its folder, its public agenda and its files."""

    folder: str
    stem: str
    agenda: dict[str, Any]  # the public agenda context (render.meeting)
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes

    @property
    def title(self) -> str:
        a = self.agenda
        return f"{a['rubrik']} {a['nämnd']} {a['datum'].isoformat()}"


def file_object(meeting: PublishedMeeting, name: str, title: str) -> dict[str, Any]:
    """Return an OParl File for one of a meeting's files."""
    data = meeting.files[name]
    suffix = name[name.rfind(".") :]
    url = f"{meeting.folder}/{name}"
    return {
        "id": url,
        "type": OPARL + "File",
        "name": title,
        "fileName": name,
        "mimeType": MIME.get(suffix, "application/octet-stream"),
        "accessUrl": url,
        "size": len(data),
        "sha256Checksum": hashlib.sha256(data).hexdigest(),
    }


def _start(agenda: dict[str, Any]) -> str:
    day = agenda["datum"].isoformat()
    match = re.fullmatch(r"(\d{1,2})[.:](\d{2})", str(agenda.get("tid") or ""))
    if match is None:
        return day
    return f"{day}T{int(match.group(1)):02d}:{match.group(2)}:00"


def _items(meeting: PublishedMeeting) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    category = None

    def add(item: dict[str, Any]) -> None:
        files = []
        for key, what in (("länk", "HTML"), ("pdf", "PDF")):
            name = item.get(key)
            if name and name in meeting.files:
                files.append(file_object(meeting, name, f"{item['rubrik']} ({what})"))
        entry: dict[str, Any] = {
            "type": OPARL + "AgendaItem",
            "number": item["nummer"],
            "order": len(out),
            "name": item["rubrik"],
            "public": not item["sekretess"],
        }
        if category:
            entry["category"] = category
        if item.get("diarienummer"):
            entry["reference"] = item["diarienummer"]
        if item.get("beslutsgrupper"):
            entry["resolutionText"] = _resolution(item["beslutsgrupper"])
        if files:
            entry["auxiliaryFile"] = files
        out.append(entry)

    for item in meeting.agenda["punkter"]:
        if item["typ"] == "rubrik":
            category = item["rubrik"]
            continue
        if item.get("fristående"):  # Övriga frågor: in no category before it
            category = None
        if item["typ"] != "grupp" or item["rubrik"]:  # a group may have no title
            add(item)
        for sub in item["underpunkter"]:
            add(sub)
    return out


def _resolution(groups: list[dict[str, Any]]) -> str:
    """The proposed decisions as text: each group under its heading, numbered
    when it has more than one (as the agenda shows them)."""
    out: list[str] = []
    for group in groups:
        if group["rubrik"]:
            out.append(f"{group['rubrik']}:")
        decisions = group["beslut"]
        if len(decisions) == 1:
            out.append(decisions[0])
        else:
            out.extend(f"{i}. {text}" for i, text in enumerate(decisions, 1))
    return "\n".join(out)


def meeting_object(meeting: PublishedMeeting) -> dict[str, Any]:
    """Return an OParl Meeting with its agenda items and files."""
    a = meeting.agenda
    stem = meeting.stem
    out: dict[str, Any] = {
        "id": f"{meeting.folder}/",
        "type": OPARL + "Meeting",
        "name": meeting.title,
        "start": _start(a),
        "organization": [{"type": OPARL + "Organization", "name": a["nämnd"]}],
    }
    if a.get("plats"):
        out["location"] = {"type": OPARL + "Location", "description": a["plats"]}
    if a.get("diarienummer"):
        out["reference"] = a["diarienummer"]
    out["invitation"] = file_object(meeting, f"{stem}.html", f"{a['rubrik']} (HTML)")
    extra = [
        (f"{stem}-handlingar.html", "Samtliga handlingar (HTML)"),
        (f"{stem}.pdf", f"{a['rubrik']} (PDF)"),
        (f"{stem}-handlingar.pdf", "Samtliga handlingar (PDF)"),
    ]
    out["auxiliaryFile"] = [
        file_object(meeting, name, title)
        for name, title in extra
        if name in meeting.files
    ]
    out["agendaItem"] = _items(meeting)
    return out


def index_json(meetings: list[PublishedMeeting], files: list[str]) -> bytes:
    """Return index.json: every meeting, and every file of the site."""
    data = {
        "generator": GENERATOR,
        "meeting": [meeting_object(m) for m in meetings],
        "files": sorted(files),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def index_html(meetings: list[PublishedMeeting]) -> bytes:
    """Return the site's start page: the meetings, newest first."""
    doc = Document([Paragraph("heading 1", [Run("Sammanträden och handlingar")])])
    if not meetings:
        doc.blocks.append(
            Paragraph("Normal", [Run("Inga sammanträden är publicerade.")])
        )
    for meeting in meetings:
        a = meeting.agenda
        doc.blocks.append(Paragraph("heading 2", [Run(meeting.title)]))
        when = a["datum"].isoformat() + (f" kl. {a['tid']}" if a.get("tid") else "")
        lines = [Run(f"{a['nämnd']}, {when}")]
        if a.get("plats"):
            lines += [Run("\n"), Run(f"Plats: {a['plats']}")]
        doc.blocks.append(Paragraph("Normal", lines))
        doc.list_count += 1
        links = [
            (f"{a['rubrik']} (HTML)", f"{meeting.stem}.html"),
            ("Samtliga handlingar (HTML)", f"{meeting.stem}-handlingar.html"),
            (f"{a['rubrik']} (PDF)", f"{meeting.stem}.pdf"),
            ("Samtliga handlingar (PDF)", f"{meeting.stem}-handlingar.pdf"),
        ]
        for label, name in links:
            if name not in meeting.files:
                continue
            doc.blocks.append(
                Paragraph(
                    "List Bullet",
                    [Run(label, (LINK,), f"{meeting.folder}/{name}")],
                    list_id=doc.list_count,
                )
            )
    info = PageInfo("Sammanträden och handlingar")
    return render_page(doc, info)
