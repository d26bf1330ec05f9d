"""Turn validation problems into Swedish diagnostics that point at a line."""

from __future__ import annotations

from typing import Any

from remiss.errors import Diagnostic
from remiss.formatting import invisible_note
from remiss.model.schema import Problem, is_model, spec_for, specs
from remiss.sourcemap import Path_, SourceMap, format_loc

_TYPE_CODES = {
    "remiss_empty": "E102",
    "remiss_empty_list": "E102",
    "missing": "E102",
    "remiss_not_text": "E103",
    "remiss_not_cell": "E103",
    "remiss_not_bool": "E103",
    "remiss_not_int": "E103",
    "remiss_not_number": "E103",
    "list_type": "E103",
    "dict_type": "E103",
    "model_type": "E103",
    "model_attributes_type": "E103",
    "remiss_not_date": "E104",
    "remiss_not_time": "E105",
    "remiss_bad_date": "E104",
    "literal_error": "E105",
    "remiss_motion_number": "E105",
    "remiss_out_of_range": "E105",
    "extra_forbidden": "E101",
    "remiss_mixed": "E103",
}


_HINTS = {
    "remiss_empty": "skriv en text efter kolonet, eller ta bort raden om fältet inte "
    "behövs",
    "remiss_empty_list": "lägg till minst en punkt som börjar med '- '",
    "remiss_not_date": "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2011-08-31",
    "remiss_not_time": "klockslaget skrivs som timmar och minuter, t.ex. 18.00",
    "remiss_bad_date": "kontrollera dag och månad",
    "remiss_motion_number": "skriv t.ex. 'nummer: 2011:31'",
    "list_type": "skriv varje punkt på en egen rad som börjar med '- '",
    "dict_type": "skriv underliggande nycklar indragna på egna rader, t.ex. 'namn: …'",
    "model_type": "skriv underliggande nycklar indragna på egna rader, t.ex. 'namn: …'",
    "remiss_not_text": "skriv en text; en lista eller nycklar passar inte här",
    "remiss_not_bool": "skriv ja eller nej",
    "remiss_not_int": "skriv ett heltal med siffror, t.ex. 2",
    "remiss_not_number": "skriv ett tal med siffror och punkt före decimalerna, "
    "t.ex. 45.5",
    "remiss_out_of_range": "ändra talet så att det ligger inom gränserna",
    "remiss_item_kind": "se README, avsnittet Sammanträden och föredragningslistor, "
    "för vad en punkt kan innehålla",
    "remiss_mixed": "ge varje beslut en rad som börjar med '- ', eller lägg alla "
    "beslut i grupper: '- rubrik: Förslag till kommunfullmäktige' med 'beslut:' "
    "under",
}


_FIELD_HINTS = {
    ("förslag_till_beslut", "remiss_empty"): "skriv beslutet som en hel mening, t.ex. "
    '"Socialnämnden överlämnar ärendet till kommunstyrelsen."',
    ("förslag_till_beslut", "remiss_empty_list"): "skriv minst ett beslut, t.ex. "
    '"- Socialnämnden överlämnar ärendet till kommunstyrelsen."',
    ("handläggare", "remiss_empty_list"): "ange minst en handläggare med namn, "
    "t.ex. '- namn: Anna Lindqvist'",
}


_LIST_HINT_FIELDS = {"förslag_till_beslut"}


PROJECT_DEFAULTABLE = {"nämnd", "förvaltning", "handläggare"}


def _close_key(key: str, options: list[str]) -> str | None:
    """Return the allowed key a misspelt one was probably meant to be."""
    import difflib  # only when a key is unknown: difflib costs ~2 ms to import

    close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    return close[0] if close else None


def _field_of(loc: Path_) -> Any:
    """Return the last key (not index) of a key path."""
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "nycklar"
    if isinstance(value, list):
        return "en lista"
    if value is None:
        return "inget värde"
    return "text"


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, Any, bool]:
    """Return the part of `loc` that exists in `data`, the value there, found."""
    out: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
            out.append(part)
        elif (
            isinstance(current, list)
            and isinstance(part, int)
            and 0 <= part < len(current)
        ):
            current = current[part]
            out.append(part)
        elif isinstance(current, dict) and isinstance(part, str):
            out.append(part)
            return tuple(out), None, False
        # else: a part the data does not have (a list index past its end)
    return tuple(out), current, True


def _model_at(model: type, loc: Path_) -> type | None:
    """Return the model class that validates the mapping at `loc`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not is_model(current):
            return None
        spec = spec_for(current, part)
        if spec is None:
            return None
        current = spec.kind.model
    return current if is_model(current) else None


def allowed_keys(model: type) -> list[str]:
    return [s.alias for s in specs(model)]


def describe(model: type, key: str) -> str:
    spec = spec_for(model, key)
    return spec.description if spec else ""


def translate(
    errors: list[Problem],
    data: Any,
    model: type,
    source_for: Any,
) -> list[Diagnostic]:
    """Return one diagnostic per validation problem, in file order.

    `source_for(loc)` returns the (SourceMap, loc in that file) a key path came
    from (a case value may come from remiss.yaml's `standard:`).
    """
    seen: set[tuple[Path_, str]] = set()
    out: list[Diagnostic] = []
    # A misspelt key is reported once, as unknown with "did you mean"; the
    # key it should have been is then not reported as missing as well.
    suggested: set[Path_] = set()
    for error in errors:
        if error.type == "extra_forbidden":
            loc, _, _ = _data_loc(data, error.loc)
            parent = _model_at(model, loc[:-1])
            close = _close_key(str(loc[-1]), allowed_keys(parent) if parent else [])
            if close:
                suggested.add((*loc[:-1], close))
    for error in errors:
        kind = error.type
        loc, value, found = _data_loc(data, error.loc)
        code = _TYPE_CODES.get(kind, "E103")
        if (loc, code) in seen:
            continue
        seen.add((loc, code))
        source, file_loc = source_for(loc)
        where = format_loc(loc)
        hint = _FIELD_HINTS.get((str(_field_of(loc)), kind)) or _HINTS.get(kind, "")
        if kind == "remiss_empty" and loc and isinstance(loc[-1], int):
            hint = (
                hint
                if _field_of(loc) in _LIST_HINT_FIELDS
                else ("skriv en text efter '- ', eller ta bort raden")
            )
        key_position = False
        if kind == "missing" and loc in suggested:
            continue
        if kind == "missing":
            key = loc[-1]
            parent = _model_at(model, loc[:-1])
            meaning = describe(parent, str(key)) if parent else ""
            message = f"nyckeln '{where}' saknas"
            hint = f"lägg till '{key}: …'" + (f" ({meaning})" if meaning else "")
            if len(loc) == 1 and key in PROJECT_DEFAULTABLE:
                hint += ", i ärendet eller under 'standard:' i remiss.yaml"
            file_loc = file_loc[:-1]
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            parent = _model_at(model, loc[:-1])
            options = allowed_keys(parent) if parent else []
            close = _close_key(key, options)
            message = f"okänd nyckel '{where}'"
            note = invisible_note(key)
            if note:
                message += f": '{key}' {note}"
            if close:
                hint = f"menade du '{close}'?"
                if note:
                    hint = f"ta bort tecknet; {hint}"
            elif options:
                hint = "tillåtna nycklar här: " + ", ".join(options)
            key_position = True
        elif kind == "literal_error":
            expected = error.ctx.get("expected", "")
            message = f"{where}: '{value}' är inget tillåtet värde"
            hint = f"välj ett av: {expected}".replace("'", "").replace(
                " or ", " eller "
            )
        elif kind in ("list_type",):
            message = f"{where}: väntade en lista, fick {_kind(value)}"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            inner = _model_at(model, loc)
            example = allowed_keys(inner)[0] if inner else "namn"
            message = (
                f"{where}: väntade nycklar (t.ex. '{example}: …'), fick {_kind(value)}"
            )
            hint = (
                "skriv underliggande nycklar indragna på egna rader, "
                f"t.ex. '{example}: …'"
            )
        elif kind.startswith("remiss_"):
            message = f"{where}: {error.msg}"
        else:
            message = f"{where}: ogiltigt värde ({error.msg})"
        out.append(source.diagnostic(file_loc, code, message, hint, key=key_position))
    out.sort(key=lambda d: (d.path, d.line, d.col))
    return out


def identity_source(source: SourceMap) -> Any:
    return lambda loc: (source, loc)
