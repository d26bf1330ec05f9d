"""Kinds: what the value of a model field may be.

Each kind checks a value read from YAML and returns the value to keep, or
`FAILED` after appending its problems (see `model.schema`) to a list. The
JSON Schema of a kind is made in `model.jsonschema`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from remiss.model.schema import FAILED, Invalid, Problem, check_model


class Kind:
    """What a value may be; `check` returns the value to keep, or FAILED after
    appending its problems to `out`."""

    __slots__ = ()

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        raise NotImplementedError

    @property
    def model(self) -> type | None:
        """The model a mapping at (or inside a list or dict at) this kind is."""
        return None


class Scalar(Kind):
    """A single value made by a converter that raises `Invalid`."""

    __slots__ = ("convert", "schema")

    def __init__(self, convert: Callable[[Any], Any], schema: dict[str, Any]):
        self.convert = convert
        self.schema = schema  # its JSON Schema

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        try:
            return self.convert(value)
        except Invalid as exc:
            out.append(Problem(exc.type, loc, exc.message, value, exc.context))
            return FAILED


class Optional(Kind):
    """The inner kind, or nothing (None is kept as None)."""

    __slots__ = ("inner",)

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        return None if value is None else self.inner.check(value, loc, out)

    @property
    def model(self) -> type | None:
        return self.inner.model


class Before(Kind):
    """A function that rewrites the value (or raises `Invalid`), then the inner
    kind."""

    __slots__ = ("inner", "function", "schema")

    def __init__(
        self, function: Callable[[Any], Any], inner: Kind, schema: dict[str, Any]
    ) -> None:
        self.function = function
        self.inner = inner
        self.schema = schema  # the JSON Schema of what the function accepts

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        try:
            value = self.function(value)
        except Invalid as exc:
            out.append(Problem(exc.type, loc, exc.message, value, exc.context))
            return FAILED
        return self.inner.check(value, loc, out)

    @property
    def model(self) -> type | None:
        return self.inner.model


class ListOf(Kind):
    """A list whose every item is of the inner kind.

    With `uniform`, the items are either all mappings or all not: an item
    that differs from the first is a problem of its own."""

    __slots__ = ("inner", "min_items", "uniform")

    def __init__(self, inner: Kind, min_items: int = 0, uniform: str = "") -> None:
        self.inner = inner
        self.min_items = min_items  # for the JSON Schema; the model checks it
        self.uniform = uniform  # the message when items are mixed, if they may not be

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        if not isinstance(value, (list, tuple)):
            out.append(Problem("list_type", loc, "väntade en lista", value))
            return FAILED
        before = len(out)
        items = [self.inner.check(item, (*loc, i), out) for i, item in enumerate(value)]
        if self.uniform and value:
            first = isinstance(value[0], dict)
            for i, item in enumerate(value):
                if isinstance(item, dict) != first:
                    out.append(Problem("remiss_mixed", (*loc, i), self.uniform, item))
                    break
        return FAILED if len(out) > before else items

    @property
    def model(self) -> type | None:
        return self.inner.model


class DictOf(Kind):
    """A mapping from text keys to values of the inner kind."""

    __slots__ = ("inner",)

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        if not isinstance(value, dict):
            out.append(Problem("dict_type", loc, "väntade nycklar", value))
            return FAILED
        before = len(out)
        items = {}
        for key, item in value.items():
            if not isinstance(key, str):
                out.append(Problem("string_type", (*loc, key), "väntade text", key))
                continue
            items[key] = self.inner.check(item, (*loc, key), out)
        return FAILED if len(out) > before else items

    @property
    def model(self) -> type | None:
        return self.inner.model


class AnyValue(Kind):
    """Any value, kept as it is."""

    __slots__ = ()

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        return value


class Choice(Kind):
    """One of a few texts."""

    __slots__ = ("values",)

    def __init__(self, *values: str) -> None:
        self.values = values

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        if isinstance(value, str):
            for choice in self.values:
                if value == choice:
                    return choice
        expected = _alternatives([repr(v) for v in self.values])
        out.append(
            Problem(
                "literal_error",
                loc,
                f"väntade {expected}",
                value,
                {"expected": expected},
            )
        )
        return FAILED


def _alternatives(items: list[str]) -> str:
    """'a', 'b' or 'c' (the translator turns ' or ' into Swedish)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


class Either(Kind):
    """A mapping checked by one kind, anything else by another: a list item
    that is a plain text or a text with keys (`{titel, fil}`)."""

    __slots__ = ("plain", "keyed")

    def __init__(self, plain: Kind, keyed: Kind) -> None:
        self.plain = plain
        self.keyed = keyed

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        kind = self.keyed if isinstance(value, dict) else self.plain
        return kind.check(value, loc, out)

    @property
    def model(self) -> type | None:
        return self.keyed.model


class Nested(Kind):
    """A mapping checked as a model; `target` may be a function returning the
    model, for a model that holds itself."""

    __slots__ = ("target",)

    def __init__(self, target: type | Callable[[], type]) -> None:
        self.target = target

    @property
    def model(self) -> type:
        target = self.target
        return target if isinstance(target, type) else target()

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        return check_model(self.model, value, loc, out)
