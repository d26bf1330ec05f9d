"""A small declarative layer for the file formats: fields, kinds, validation.

A model is a frozen dataclass made with `@model`; each of its fields is
declared with `field(alias, kind, description)`, where the alias is the
Swedish key of the file format and the kind says what a value may be.
`validate(Model, data)` checks a mapping read from YAML and either returns the
model or raises `ValidationError` with every problem found, each a `Problem`
whose type, key path and context `input.schema` turns into a Swedish message.

What the layer promises, so that the messages stay the same:

* fields are checked in the order they are declared, unknown keys after them
  in the order of the file; a nested model's problems come where it stands;
* a model's own check (`_check`) runs only when all its fields are valid;
* a field's `after` function runs only on a valid value;
* defaults are used as they are, never checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

FAILED: Any = object()  # a value that did not validate; its problems are recorded

_MISSING: Any = dataclasses.MISSING

_META = "remiss"


class Invalid(Exception):  # noqa: N818 - the converters' way to say "not valid"
    """What is wrong with one value: a type, a message template and its context.

    `{name}` in the template is replaced by `str(context[name])`.
    """

    def __init__(
        self, type_: str, template: str, context: dict[str, Any] | None = None
    ) -> None:
        super().__init__(template)
        self.type = type_
        self.template = template
        self.context = context or {}

    @property
    def message(self) -> str:
        text = self.template
        for name, value in self.context.items():
            text = text.replace("{" + name + "}", str(value))
        return text


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem: its type, key path (Swedish keys), message,
    the value found there and the context the message was made from."""

    type: str
    loc: tuple[Any, ...]
    msg: str
    input: Any
    ctx: dict[str, Any] = dataclasses.field(default_factory=dict)


class ValidationError(Exception):
    """A mapping did not validate; `errors` holds every problem, in order."""

    def __init__(self, model: type, errors: list[Problem]) -> None:
        super().__init__(f"{len(errors)} problem(s) validating {model.__name__}")
        self.model = model
        self.errors = errors


# -- kinds: what a value may be ---------------------------------------------


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

    def steps(self, key: Any) -> bool:
        """Whether a key below this kind leads into its items (a dict's key)."""
        return False


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
    """A list whose every item is of the inner kind."""

    __slots__ = ("inner", "min_items")

    def __init__(self, inner: Kind, min_items: int = 0) -> None:
        self.inner = inner
        self.min_items = min_items  # for the JSON Schema; the model checks it

    def check(self, value: Any, loc: tuple[Any, ...], out: list[Problem]) -> Any:
        if not isinstance(value, (list, tuple)):
            out.append(Problem("list_type", loc, "väntade en lista", value))
            return FAILED
        before = len(out)
        items = [self.inner.check(item, (*loc, i), out) for i, item in enumerate(value)]
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

    def steps(self, key: Any) -> bool:
        return True


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


# -- fields and models ------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Spec:
    """A model field: its attribute name, Swedish key, kind and description."""

    name: str
    alias: str
    kind: Kind
    description: str
    required: bool
    default: Any
    factory: Callable[[], Any] | None
    after: Callable[[Any], Any] | None
    schema: dict[str, Any]  # added to the kind's JSON Schema

    def default_value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def field(
    alias: str,
    kind: Kind,
    description: str = "",
    *,
    default: Any = _MISSING,
    factory: Callable[[], Any] | None = None,
    after: Callable[[Any], Any] | None = None,
    schema: dict[str, Any] | None = None,
) -> Any:
    """Declare a model field; no `default` and no `factory` means required.

    `after` gets the valid value and returns the value to keep, or raises
    `Invalid`; `schema` says in JSON Schema what `after` checks, if it can.
    """
    meta = {_META: (alias, kind, description, after, schema or {})}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def model(
    *, title: str, schema: dict[str, Any] | None = None
) -> Callable[[type], type]:
    """Make a class a frozen model whose fields are declared with `field`.

    `title` names it (in Swedish) in the JSON Schema; `schema` says there what
    its `_check` checks, if JSON Schema can say it.
    """

    def make(cls: type) -> type:
        cls = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)(cls)
        found = []
        for f in dataclasses.fields(cls):
            alias, kind, description, after, extra = f.metadata[_META]
            factory = None if f.default_factory is _MISSING else f.default_factory
            required = f.default is _MISSING and factory is None
            found.append(
                Spec(
                    f.name,
                    alias,
                    kind,
                    description,
                    required,
                    f.default,
                    factory,
                    after,
                    extra,
                )
            )
        cls.__specs__ = tuple(found)  # type: ignore[attr-defined]
        cls.__by_alias__ = {s.alias: s for s in found}  # type: ignore[attr-defined]
        cls.__title__ = title  # type: ignore[attr-defined]
        cls.__schema_extra__ = schema or {}  # type: ignore[attr-defined]
        return cls

    return make


def specs(model_cls: type) -> tuple[Spec, ...]:
    """Return the fields of a model, in order."""
    return model_cls.__specs__  # type: ignore[attr-defined,no-any-return]


def spec_for(model_cls: type, alias: str) -> Spec | None:
    """Return the field a Swedish key names, or None."""
    return model_cls.__by_alias__.get(alias)  # type: ignore[attr-defined,no-any-return]


def is_model(value: Any) -> bool:
    return isinstance(value, type) and hasattr(value, "__specs__")


def check_model(
    model_cls: type, value: Any, loc: tuple[Any, ...], out: list[Problem]
) -> Any:
    """Return the model made from a mapping, or FAILED with its problems in out."""
    if not isinstance(value, dict):
        name = model_cls.__name__
        out.append(
            Problem("model_type", loc, "väntade nycklar", value, {"class_name": name})
        )
        return FAILED
    before = len(out)
    values: dict[str, Any] = {}
    by_alias = model_cls.__by_alias__  # type: ignore[attr-defined]
    for spec in model_cls.__specs__:  # type: ignore[attr-defined]
        key_loc = (*loc, spec.alias)
        if spec.alias not in value:
            if spec.required:
                out.append(Problem("missing", key_loc, "nyckeln saknas", value))
            else:
                values[spec.name] = spec.default_value()
            continue
        raw = value[spec.alias]
        result = spec.kind.check(raw, key_loc, out)
        if result is not FAILED and spec.after is not None:
            try:
                result = spec.after(result)
            except Invalid as exc:
                out.append(Problem(exc.type, key_loc, exc.message, raw, exc.context))
                result = FAILED
        values[spec.name] = result
    for key, item in value.items():
        if key not in by_alias:
            out.append(Problem("extra_forbidden", (*loc, key), "okänd nyckel", item))
    if len(out) > before:
        return FAILED
    instance = model_cls(**values)
    check = getattr(instance, "_check", None)
    if check is not None:
        try:
            check()
        except Invalid as exc:
            out.append(Problem(exc.type, loc, exc.message, value, exc.context))
            return FAILED
    return instance


def validate(model_cls: type, data: Any) -> Any:
    """Return the model made from `data`, or raise ValidationError."""
    out: list[Problem] = []
    result = check_model(model_cls, data, (), out)
    if out:
        raise ValidationError(model_cls, out)
    return result


def dump(value: Any) -> Any:
    """Return a model as plain data under its Swedish keys (dates stay dates)."""
    if is_model(type(value)):
        return {s.alias: dump(getattr(value, s.name)) for s in specs(type(value))}
    if isinstance(value, list):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    return value


def walk(model_cls: type) -> Iterator[type]:
    """Yield a model and every model reachable from it, each once."""
    seen: list[type] = []
    stack = [model_cls]
    while stack:
        current = stack.pop(0)
        if current in seen:
            continue
        seen.append(current)
        yield current
        stack.extend(s.kind.model for s in specs(current) if s.kind.model)
