"""Where the built-in templates and reference documents are."""

from __future__ import annotations

from pathlib import Path

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"


if not BUILTIN_TEMPLATES.is_dir():  # running from a source checkout
    BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


# The built-in looks, by the name remiss.yaml's `referensdokument:` may use.
BUILTIN_LOOKS = {
    "standard": BUILTIN_TEMPLATES / "reference.docx",
    "modern": BUILTIN_TEMPLATES / "reference-modern.docx",
    "utlatande": BUILTIN_TEMPLATES / "reference-utlatande.docx",
}


# Built-in templates with a look of their own, used when remiss.yaml names
# no reference document (`mall: utlatande` gets the utlåtande's header).
TEMPLATE_LOOKS = {"utlatande": "utlatande"}
