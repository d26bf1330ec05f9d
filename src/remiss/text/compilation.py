"""A remissammanställning as Markdown: a table of the answers and what is missing."""

from __future__ import annotations

from typing import Any

from remiss import formatting
from remiss.model.compilation import Answer, Compilation
from remiss.text.markdown import MdSafe, escape_inline, pipe_table

CONFIDENTIAL = "Omfattas av sekretess"


def answer_row(answer: Answer, public: bool) -> list[str]:
    when = answer.date.isoformat() + (" (sent)" if answer.late else "")
    if answer.confidential and public:
        return [answer.instans, when, CONFIDENTIAL, CONFIDENTIAL]
    instans = answer.instans + (" (sekretess)" if answer.confidential else "")
    return [instans, when, answer.stance_words, answer.gist]


def compilation_markdown(compilation: Compilation, public: bool) -> MdSafe:
    """Return the sammanställning: a sentence, the table, then what is missing."""
    answered = len(compilation.answers)
    expected = answered + len(compilation.missing)
    parts = [_opening(answered, expected, compilation, public)]
    if compilation.answers:
        parts += [
            "",
            '::: {custom-style="Tabellrubrik"}',
            "Remissvar",
            ":::",
            "",
            pipe_table(
                ["Instans", "Datum", "Ställningstagande", "Huvudsynpunkt"],
                [answer_row(a, public) for a in compilation.answers],
                [False, False, False, False],
            ),
        ]
    if compilation.late:
        names = [f"{a.instans} ({a.date.isoformat()})" for a in compilation.late]
        last = compilation.reply_by.isoformat() if compilation.reply_by else ""
        parts += ["", _sentence(f"Svar efter sista svarsdagen {last}", names)]
    if compilation.missing:
        parts += ["", _sentence("Har inte svarat", list(compilation.missing))]
    return MdSafe("\n".join(parts))


def _opening(
    answered: int, expected: int, compilation: Compilation, public: bool
) -> str:
    if answered == 0:
        return "Inga remissvar har kommit in."
    counts: dict[str, int] = {}
    for answer in compilation.answers:
        hidden = answer.confidential and public
        shown = CONFIDENTIAL if hidden else answer.stance_words
        counts[shown] = counts.get(shown, 0) + 1
    words = ", ".join(f"{formatting.number(n)} {w.lower()}" for w, n in counts.items())
    of = f" av {formatting.number(expected)}" if expected > answered else ""
    return escape_inline(
        f"{formatting.number(answered)}{of} instanser har svarat på remissen: {words}."
    )


def _sentence(lead: str, names: list[str]) -> str:
    return escape_inline(f"{lead}: {', '.join(names)}.")


def compilation_context(compilation: Compilation, public: bool) -> dict[str, Any]:
    """The template variables of a case with a remissammanställning."""
    rows = []
    for answer in compilation.answers:
        hidden = answer.confidential and public
        rows.append(
            {
                "instans": answer.instans,
                "datum": answer.date,
                "sent": answer.late,
                "sekretess": answer.confidential,
                "ställningstagande": None if hidden else answer.stance,
                "ställningstagande_text": CONFIDENTIAL
                if hidden
                else answer.stance_words,
                "huvudsynpunkt": CONFIDENTIAL if hidden else answer.gist,
            }
        )
    return {
        "remissammanställning": compilation_markdown(compilation, public),
        "remissvar": rows,
        "remissvar_saknas": list(compilation.missing),
    }
