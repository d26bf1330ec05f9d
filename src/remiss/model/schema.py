"""A small declarative layer for the file formats: models, fields, validation.

A model is a frozen class made with `@model`; each of its fields is declared
with `field(alias, kind, description)`, where the alias is the Swedish key of
the file format and the kind (see `model.kinds`) says what a value may be.
`validate(Model, data)` checks a mapping read from YAML and either returns the
model or raises `ValidationError` with every problem found, each a `Problem`
whose type, key path and context `input.schema` turns into a Swedish message.

What the layer promises, so that the messages stay the same:

* fields are checked in the order they are declared, unknown keys after them
  in the order of the file; a nested model's problems come where it stands;
* a model's own check (`_check`) runs only when all its fields are valid;
* a field's `after` function runs only on a valid value;
* defaults are used as they are, never checked.

The models are built here rather than with `dataclasses`, whose generated
methods cost about a millisecond per class at every start of the program.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from remiss.errors import RemissError

_T = TypeVar("_T", bound=type)

_M = TypeVar("_M")

FAILED: Any = object()  # a value that did not validate; its problems are recorded

_REQUIRED: Any = object()  # the default of a field that has none


class Invalid(RemissError):  # noqa: N818 - the converters' way to say "not valid"
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


class Problem:
    """One validation problem: its type, key path (Swedish keys), message,
    the value found there and the context the message was made from."""

    __slots__ = ("type", "loc", "msg", "input", "ctx")

    def __init__(
        self,
        type_: str,
        loc: tuple[Any, ...],
        msg: str,
        value: Any,
        ctx: dict[str, Any] | None = None,
    ) -> None:
        self.type = type_
        self.loc = loc
        self.msg = msg
        self.input = value
        self.ctx = ctx or {}

    def __repr__(self) -> str:
        return f"Problem({self.type!r}, {self.loc!r}, {self.msg!r})"


class ValidationError(RemissError):
    """A mapping did not validate; `errors` holds every problem, in order."""

    def __init__(self, model: type, errors: list[Problem]) -> None:
        super().__init__(f"{len(errors)} problem(s) validating {model.__name__}")
        self.model = model
        self.errors = errors


# -- fields and models ------------------------------------------------------


class Spec:
    """A model field: its attribute name, Swedish key, kind and description.

    `schema` is added to the kind's JSON Schema (what `after` checks)."""

    __slots__ = (
        "name",
        "alias",
        "kind",
        "description",
        "default",
        "factory",
        "after",
        "schema",
    )

    def __init__(
        self,
        alias: str,
        kind: Any,
        description: str,
        default: Any,
        factory: Callable[[], Any] | None,
        after: Callable[[Any], Any] | None,
        schema: dict[str, Any],
    ) -> None:
        self.name = ""  # set by @model
        self.alias = alias
        self.kind = kind
        self.description = description
        self.default = default
        self.factory = factory
        self.after = after
        self.schema = schema

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED and self.factory is None

    def default_value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def field(
    alias: str,
    kind: Any,
    description: str = "",
    *,
    default: Any = _REQUIRED,
    factory: Callable[[], Any] | None = None,
    after: Callable[[Any], Any] | None = None,
    schema: dict[str, Any] | None = None,
) -> Any:
    """Declare a model field; no `default` and no `factory` means required.

    `after` gets the valid value and returns the value to keep, or raises
    `Invalid`; `schema` says in JSON Schema what `after` checks, if it can.
    """
    return Spec(alias, kind, description, default, factory, after, schema or {})


class Model:
    """The base of every model: keyword construction, frozen, compared and
    shown by its fields."""

    __slots__ = ()
    __specs__: tuple[Spec, ...] = ()
    __by_alias__: dict[str, Spec] = {}
    __title__ = ""
    __schema_extra__: dict[str, Any] = {}

    def __init__(self, **values: Any) -> None:
        for spec in self.__specs__:
            if spec.name in values:
                value = values.pop(spec.name)
            elif spec.required:
                raise TypeError(f"{type(self).__name__}: '{spec.name}' is required")
            else:
                value = spec.default_value()
            object.__setattr__(self, spec.name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: no field {', '.join(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, s.name) for s in self.__specs__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{s.name}={getattr(self, s.name)!r}" for s in self.__specs__)
        return f"{type(self).__name__}({shown})"


def model(*, title: str, schema: dict[str, Any] | None = None) -> Callable[[_T], _T]:
    """Make a class a frozen model whose fields are declared with `field`.

    `title` names it (in Swedish) in the JSON Schema; `schema` says there what
    its `_check` checks, if JSON Schema can say it.
    """

    def make(cls: _T) -> _T:
        namespace = dict(cls.__dict__)
        found = []
        for name, value in cls.__dict__.items():
            if isinstance(value, Spec):
                value.name = name
                found.append(value)
                del namespace[name]
        namespace.pop("__dict__", None)
        namespace.pop("__weakref__", None)
        namespace["__slots__"] = tuple(s.name for s in found)
        namespace["__specs__"] = tuple(found)
        namespace["__by_alias__"] = {s.alias: s for s in found}
        namespace["__title__"] = title
        namespace["__schema_extra__"] = schema or {}
        return type(cls.__name__, (Model,), namespace)  # type: ignore[return-value]

    return make


def specs(model_cls: type) -> tuple[Spec, ...]:
    """Return the fields of a model, in order."""
    return model_cls.__specs__  # type: ignore[attr-defined,no-any-return]


def spec_for(model_cls: type, alias: str) -> Spec | None:
    """Return the field a Swedish key names, or None."""
    return model_cls.__by_alias__.get(alias)  # type: ignore[attr-defined,no-any-return]


def is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, Model)


def replace(instance: Any, **changes: Any) -> Any:
    """Return a copy of a model with some fields changed (not validated)."""
    values = {s.name: getattr(instance, s.name) for s in specs(type(instance))}
    return type(instance)(**{**values, **changes})


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


def validate(model_cls: type[_M], data: Any) -> _M:
    """Return the model made from `data`, or raise ValidationError."""
    out: list[Problem] = []
    result = check_model(model_cls, data, (), out)
    if out:
        raise ValidationError(model_cls, out)
    return result  # type: ignore[no-any-return]


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
