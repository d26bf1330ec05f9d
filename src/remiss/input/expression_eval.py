"""Evaluating a parsed figure expression over a case's tables, within a budget.

The budget is counted, never timed, so a result cannot depend on how fast the
machine is: every node, attribute, subscript, call and operation is a step,
and an expression may take MAX_STEPS of them. Every number an expression
holds, read from a table, typed or computed, must be finite and at most
MAX_MAGNITUDE; an exponent must be a whole number of at most MAX_EXPONENT. So
no intermediate result is ever larger than a few hundred digits.

What an expression can reach is listed here and nowhere else: `statistik`
(the tables by name), a table's rubrik, källa, enhet, summa, summor and
kolumner, its rows by label, and the formatting functions tal, procent and
andel. The result is a Swedish-formatted number or a text; anything else is a
located E703 with a hint.
"""

from __future__ import annotations

import difflib
import math
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from remiss import formatting
from remiss.input.expression_parse import (
    MAX_MAGNITUDE,
    Arguments,
    Attribute,
    Chain,
    ExpressionError,
    Literal,
    Name,
    Node,
    Piped,
    Postfix,
    Signed,
    Subscript,
)
from remiss.model.tables import TableView

MAX_STEPS = 1000
MAX_EXPONENT = 10
MAX_DECIMALS = 6

VIEW_ATTRIBUTES = frozenset({"rubrik", "källa", "enhet", "summa", "summor", "kolumner"})

FUNCTIONS = ("tal", "procent", "andel")

_MISSING_HINT = (
    "kontrollera tabellens namn under statistik:, och radens och kolumnens namn"
)
_ALLOWED_HINT = (
    "ett uttryck får bara läsa tabellernas värden och använda tal, procent och andel"
)
_NUMBER_HINT = "kontrollera att värdena är tal"

_OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}

Number = int | float


class _Root:
    """`statistik`: the case's tables by name."""

    __slots__ = ("tables",)

    def __init__(self, tables: dict[str, TableView]) -> None:
        self.tables = tables


class _Function:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def evaluate(
    tree: Node, tables: dict[str, TableView], max_steps: int = MAX_STEPS
) -> tuple[str, int]:
    """Return the text an expression stands for and the steps it took.

    Raises ExpressionError (offsets are positions in the expression)."""
    evaluator = _Evaluator(tables, max_steps)
    value = evaluator.value(tree)
    return _result(value, _position(tree)), evaluator.steps


class _Evaluator:
    def __init__(self, tables: dict[str, TableView], max_steps: int) -> None:
        self.tables = tables
        self.max_steps = max_steps
        self.steps = 0

    def tick(self, pos: int) -> None:
        self.steps += 1
        if self.steps > self.max_steps:
            raise ExpressionError(
                pos,
                f"uttrycket kräver för många räknesteg (mer än {self.max_steps})",
                "förenkla uttrycket, eller dela upp det i flera",
                "E702",
            )

    # -- nodes ----------------------------------------------------------------
    def value(self, node: Node) -> Any:
        if isinstance(node, Literal):
            self.tick(node.pos)
            return node.value
        if isinstance(node, Name):
            self.tick(node.pos)
            return self.name(node)
        if isinstance(node, Postfix):
            value = self.value(node.base)
            for trailer in node.trailers:
                self.tick(trailer.pos)
                value = self.trailer(value, trailer)
            return value
        if isinstance(node, Piped):
            value = self.value(node.base)
            for f in node.filters:
                self.tick(f.pos)
                if f.name not in FUNCTIONS:
                    raise ExpressionError(
                        f.pos,
                        f"uttrycket är inte tillåtet: filtret '{f.name}' finns inte",
                        "använd tal, procent eller andel, t.ex. "
                        "{{ statistik.t.summa | tal }}",
                    )
                args = [value, *(self.value(a) for a in f.args)]
                value = self.call(f.name, args, f.pos)
            return value
        if isinstance(node, Signed):
            self.tick(node.pos)
            value = self.number(self.value(node.operand), node.pos)
            return -value if node.signs.count("-") % 2 else value
        value = self.value(node.first)
        for op, operand, pos in node.rest:
            right = self.value(operand)
            self.tick(pos)
            value = self.operation(op, value, right, pos)
        return value

    def name(self, node: Name) -> Any:
        if node.name == "statistik":
            return _Root(self.tables)
        if node.name in FUNCTIONS:
            return _Function(node.name)
        raise _missing(node.pos, f"'{node.name}'", _ALLOWED_HINT)

    def trailer(self, value: Any, trailer: Attribute | Subscript | Arguments) -> Any:
        if isinstance(trailer, Attribute):
            return self.attribute(value, trailer.name, trailer.pos)
        if isinstance(trailer, Subscript):
            keys = [self.key(self.value(k), trailer.pos) for k in trailer.keys]
            return self.subscript(value, keys, trailer.pos)
        if not isinstance(value, _Function):
            raise _not_allowed(trailer.pos, "bara tal, procent och andel kan anropas")
        args = [self.value(a) for a in trailer.args]
        return self.call(value.name, args, trailer.pos)

    def attribute(self, value: Any, name: str, pos: int) -> Any:
        if isinstance(value, _Root) and not name.startswith("_"):
            return self.table(name, pos)
        if isinstance(value, TableView) and name in VIEW_ATTRIBUTES:
            found = getattr(value, name)
            return self.checked(found, pos) if name == "summa" else found
        hint = _ALLOWED_HINT
        if isinstance(value, TableView):
            hint = (
                "en tabell har rubrik, källa, enhet, summa, summor och kolumner; "
                'en rad läses med hakparenteser, t.ex. statistik.t["Innerstaden"]'
            )
        raise _not_allowed(pos, f"det får inte läsa '{name}'", hint)

    def key(self, key: Any, pos: int) -> str | Number:
        if isinstance(key, (str, int, float)) and not isinstance(key, bool):
            return key
        raise _not_allowed(
            pos, f"{_kind(key)} kan inte stå inom hakparenteser", _ALLOWED_HINT
        )

    def subscript(self, value: Any, keys: list[Any], pos: int) -> Any:
        if isinstance(value, _Root) and len(keys) == 1:
            return self.table(str(keys[0]), pos)
        if isinstance(value, TableView) and len(keys) <= 2:
            return self.cell(value, keys, pos)
        if isinstance(value, dict) and len(keys) == 1:
            column = str(keys[0])
            if column not in value:
                raise _missing(
                    pos,
                    f"'{column}' är ingen kolumn med tal",
                    "kolumnerna med tal heter " + _names(list(value))
                    if value
                    else "tabellen har ingen kolumn med bara tal",
                )
            return self.checked(value[column], pos)
        if isinstance(value, list) and len(keys) == 1:
            index = keys[0]
            if not isinstance(index, int) or not -len(value) <= index < len(value):
                raise _missing(
                    pos,
                    f"plats {index} i en lista med {len(value)}",
                    f"skriv ett heltal från 0 till {len(value) - 1}",
                )
            return value[index]
        raise _not_allowed(
            pos, f"det går inte att slå upp i {_kind(value)} med [ ]", _ALLOWED_HINT
        )

    def table(self, name: str, pos: int) -> TableView:
        view = self.tables.get(name)
        if view is None:
            hint = (
                "tabellerna under statistik: heter " + _names(list(self.tables))
                if self.tables
                else "ärendet har inga tabeller under statistik:"
            )
            raise _missing(pos, f"'{name}' är ingen tabell under statistik", hint)
        return view

    def cell(self, view: TableView, keys: list[Any], pos: int) -> Any:
        label = keys[0]
        if view.row(label) is None:
            labels = [str(r[0]) for r in view.rader if r]
            close = difflib.get_close_matches(str(label), labels, n=1)
            raise _missing(
                pos,
                f"'{label}' är ingen rad i statistik.{view.id}",
                f"menade du '{close[0]}'?"
                if close
                else "raderna heter " + _names(labels),
            )
        if len(keys) == 2 and str(keys[1]) not in view.kolumner:
            raise _missing(
                pos,
                f"'{keys[1]}' är ingen kolumn i statistik.{view.id}",
                "kolumnerna heter " + _names(view.kolumner),
            )
        found = view[tuple(keys) if len(keys) == 2 else label]
        return self.checked(found, pos)

    # -- numbers ----------------------------------------------------------------
    def number(self, value: Any, pos: int) -> Number:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value:
            detail = "räkning med text är inte tillåten"
        else:
            detail = f"räkning med {_kind(value)} är inte tillåten"
        raise ExpressionError(
            pos, f"uttrycket kan inte räknas ut ({detail})", _NUMBER_HINT
        )

    def checked(self, value: Any, pos: int) -> Any:
        """Return value, unless it is a number that is too large or not finite."""
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > MAX_MAGNITUDE:  # an int of any size: no float()
                raise _too_large(pos)
        elif isinstance(value, float):
            if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
                raise _too_large(pos)
        return value

    def operation(self, op: str, left: Any, right: Any, pos: int) -> Number:
        a, b = self.number(left, pos), self.number(right, pos)
        if op == "**":
            if not float(b).is_integer():
                raise _cannot(pos, "exponenten ska vara ett heltal")
            if abs(b) > MAX_EXPONENT:
                raise _cannot(pos, f"för stor exponent, högst {MAX_EXPONENT}")
            b = int(b)
        try:
            result = _OPERATIONS[op](a, b)
        except ZeroDivisionError:
            raise _cannot(
                pos,
                "division med noll",
                "kontrollera det du delar med; andel(del, helhet) skriver – "
                "när helheten är noll",
            ) from None
        except OverflowError:
            raise _too_large(pos) from None
        return self.checked(result, pos)

    # -- the formatting functions ---------------------------------------------
    def call(self, name: str, args: list[Any], pos: int) -> str:
        usage = {
            "tal": ("tal(värde) eller tal(värde, decimaler)", 1, 2),
            "procent": ("procent(värde) eller procent(värde, decimaler)", 1, 2),
            "andel": ("andel(del, helhet) eller andel(del, helhet, decimaler)", 2, 3),
        }[name]
        shape, least, most = usage
        if not least <= len(args) <= most:
            raise ExpressionError(
                pos,
                f"uttrycket kan inte räknas ut ({name} fick {len(args)} värden)",
                f"skriv {shape}",
            )
        values = args[:least]
        decimals = self.decimals(args[least], pos) if len(args) > least else None
        if name == "tal":
            if isinstance(values[0], str) and values[0]:
                return values[0]  # a text cell ("uppgift saknas") stays as typed
            return formatting.number(self.number(values[0], pos), decimals)
        if name == "procent":
            return formatting.percent(self.number(values[0], pos), decimals or 0)
        part, whole = (self.number(v, pos) for v in values)
        if (
            whole
            and abs(Decimal(str(part)) * 100 / Decimal(str(whole))) > MAX_MAGNITUDE
        ):
            raise _too_large(pos)
        return formatting.share(part, whole, decimals or 0)

    def decimals(self, value: Any, pos: int) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value <= MAX_DECIMALS:
                return value
        raise ExpressionError(
            pos,
            "uttrycket kan inte räknas ut (antalet decimaler ska vara ett heltal "
            f"från 0 till {MAX_DECIMALS})",
            "skriv t.ex. andel(del, helhet, 1) för en decimal",
        )


# -- results and messages -------------------------------------------------------


def _result(value: Any, pos: int) -> str:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return formatting.number(value)
    if isinstance(value, TableView):
        found, hint = (
            f"en hel tabell (statistik.{value.id})",
            f"välj ett värde ur den, t.ex. statistik.{value.id}.summa | tal",
        )
    elif isinstance(value, dict):
        found, hint = (
            "alla kolumnsummor",
            'välj en kolumn, t.ex. statistik.t.summor["2011"] | tal',
        )
    elif isinstance(value, list):
        found, hint = "en lista", "välj ett av värdena, t.ex. statistik.t.kolumner[0]"
    elif isinstance(value, _Root):
        found, hint = (
            "alla tabeller",
            "välj en tabell och ett värde, t.ex. statistik.t.summa | tal",
        )
    elif isinstance(value, _Function):
        found, hint = (
            f"funktionen {value.name}",
            f"anropa den med värden, t.ex. {value.name}(statistik.t.summa)",
        )
    else:
        found, hint = (
            "ett tomt värde",
            "cellen är tom eller tabellen har ingen kolumn med tal; "
            "fyll i cellen eller välj en annan",
        )
    raise ExpressionError(
        pos, f"uttrycket ger {found}, inte ett tal eller en text", hint, "E703"
    )


def _kind(value: Any) -> str:
    if isinstance(value, TableView):
        return "en hel tabell"
    if isinstance(value, dict):
        return "kolumnsummorna"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, _Root):
        return "statistik"
    if isinstance(value, _Function):
        return f"funktionen {value.name}"
    if isinstance(value, str) and value:
        return "text"
    return "ett tomt värde"


def _names(names: list[str]) -> str:
    shown = [f"'{n}'" for n in names[:8]]
    more = " …" if len(names) > 8 else ""
    return (", ".join(shown) + more) if shown else "(inga)"


def _position(node: Node) -> int:
    while not isinstance(node, (Literal, Name, Signed)):
        node = node.first if isinstance(node, Chain) else node.base
    return node.pos


def _missing(pos: int, detail: str, hint: str = _MISSING_HINT) -> ExpressionError:
    return ExpressionError(
        pos, f"uttrycket pekar på något som inte finns: {detail}", hint
    )


def _not_allowed(pos: int, detail: str, hint: str = _ALLOWED_HINT) -> ExpressionError:
    return ExpressionError(pos, f"uttrycket är inte tillåtet: {detail}", hint)


def _cannot(pos: int, detail: str, hint: str = _NUMBER_HINT) -> ExpressionError:
    return ExpressionError(pos, f"uttrycket kan inte räknas ut ({detail})", hint)


def _too_large(pos: int) -> ExpressionError:
    limit = f"{MAX_MAGNITUDE:,}".replace(",", " ")
    return ExpressionError(
        pos,
        f"uttrycket kan inte räknas ut (talet blir större än {limit})",
        f"ett tal i ett uttryck får vara högst {limit}; kontrollera "
        "exponenter, multiplikationer och tabellens värden",
    )
