"""PDF and PDF/A through LibreOffice, all documents of a run in one call.

LibreOffice stamps every export with the clock (document dates, metadata, the
colour profile of PDF/A) and a random file ID. We set those from the
document's own date and let pikepdf derive the ID from the content, so the
same inputs give the same PDF on the same LibreOffice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from remiss.errors import PdfUnavailable

INSTALL_HINT = (
    "installera LibreOffice, t.ex. 'sudo apt-get install libreoffice-writer-nogui' "
    "på Debian och Ubuntu eller från libreoffice.org; Markdown och Word skapas ändå"
)


PIKEPDF_HINT = (
    "installera remiss med tillägget för PDF: pip install 'remiss[pdf]' (eller "
    "pip install pikepdf); Markdown och Word skapas ändå"
)


def have_pikepdf() -> bool:
    """Return whether pikepdf (the optional `pdf` extra) can be imported."""
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        return False
    return True


def find_office() -> str | None:
    """Return the LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _filter(pdfa: bool) -> str:
    options: dict[str, dict[str, object]] = {
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
        "ExportBookmarks": {"type": "boolean", "value": "true"},
        "ExportNotes": {"type": "boolean", "value": "false"},
    }
    if pdfa:
        options["SelectPdfVersion"] = {"type": "long", "value": "2"}  # PDF/A-2b
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def convert(
    documents: dict[str, bytes], dates: dict[str, datetime], *, pdfa: bool
) -> dict[str, bytes]:
    """Return name.pdf -> bytes for name.docx -> bytes, in one LibreOffice call."""
    if not documents:
        return {}
    if not have_pikepdf():  # asked before LibreOffice spends time converting
        raise PdfUnavailable(
            "pikepdf finns inte, så PDF kan inte skapas (det behövs för att samma "
            "indata ska ge samma PDF)",
            "E502",
            PIKEPDF_HINT,
        )
    office = find_office()
    if office is None:
        raise PdfUnavailable(
            f"LibreOffice finns inte, så PDF kan inte skapas; {INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="remiss-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "in"
        target = folder / "out"
        source.mkdir()
        for name, data in documents.items():
            (source / name).write_bytes(data)
        command = [
            office,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profil').as_uri()}",
            "--convert-to",
            _filter(pdfa),
            "--outdir",
            str(target),
            *(str(source / name) for name in sorted(documents)),
        ]
        env = {**os.environ, "HOME": str(folder)}
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=120 + 10 * len(documents),
                check=False,
                env=env,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(
                "LibreOffice svarade inte i tid; inga PDF skapades"
            ) from None
        out: dict[str, bytes] = {}
        missing = []
        for name in sorted(documents):
            pdf_name = name[: -len(".docx")] + ".pdf"
            produced = target / pdf_name
            if not produced.exists():
                missing.append(name)
                continue
            out[pdf_name] = normalise(produced.read_bytes(), dates[name])
        if missing:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise PdfUnavailable(
                f"LibreOffice kunde inte göra PDF av {', '.join(missing)}"
                + (f" ({detail[0]})" if detail else "")
            )
        return out


def normalise(data: bytes, when: datetime) -> bytes:
    """Replace export times with `when` and give the PDF a content-derived ID."""
    import pikepdf  # convert() checked that it is installed

    stamp = when.astimezone(timezone.utc)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    xmp_date = stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info or key == "/CreationDate":
                info[key] = pdf_date
        root = pdf.Root
        if "/Metadata" in root:
            stream = root.Metadata
            xml = stream.read_bytes().decode("utf-8")
            for tag in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                xml = _replace_element(xml, tag, xmp_date)
            stream.write(xml.encode("utf-8"))
        for intent in root.get("/OutputIntents", []):
            profile = intent.get("/DestOutputProfile")
            if profile is not None:
                icc = bytearray(profile.read_bytes())
                if len(icc) >= 36:
                    icc[24:36] = b"".join(
                        v.to_bytes(2, "big")
                        for v in (
                            stamp.year,
                            stamp.month,
                            stamp.day,
                            stamp.hour,
                            stamp.minute,
                            stamp.second,
                        )
                    )
                    profile.write(bytes(icc))
        # qpdf keeps the first half of /ID and, with deterministic_id, derives
        # the second from the content; the first comes from the document's
        # identity (its title and date) instead of LibreOffice's random one.
        title = str(info.get("/Title", ""))
        first = hashlib.md5(
            f"{title}|{pdf_date}".encode(), usedforsecurity=False
        ).digest()
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(first), pikepdf.String(first)])
        if "/DocChecksum" in pdf.trailer:
            del pdf.trailer["/DocChecksum"]
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue()


def _replace_element(xml: str, tag: str, value: str) -> str:
    start = xml.find(f"<{tag}>")
    if start < 0:
        return xml
    end = xml.find(f"</{tag}>", start)
    if end < 0:
        return xml
    return xml[: start + len(tag) + 2] + value + xml[end:]


def document_time(date_iso: str) -> datetime:
    """Return the moment a document is dated: its date, or SOURCE_DATE_EPOCH."""
    from remiss.docx.package import document_moment

    return document_moment(date_iso)


def docx_date(data: bytes) -> str:
    """Return the created date (YYYY-MM-DD) of a .docx made by remiss."""
    match = re.search(rb"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", _core_part(data))
    return match.group(1).decode() if match else "1980-01-01"


def _core_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            return archive.read("docProps/core.xml")
        except KeyError:
            return b""
