"""The file formats as JSON Schema (draft 2020-12), for editors.

An editor that reads YAML (e.g. with yaml-language-server) can then complete
the Swedish keys, show what each one means and mark unknown keys, missing
keys and values outside a list of choices. The schema is made from the
models, so it cannot drift from what `remiss check` accepts; it is a little
more lenient where a rule needs more than a schema can say (a date that does
not exist, a table row with the wrong number of cells).
"""

from __future__ import annotations

from typing import Any

from remiss.model.kinds import (
    AnyValue,
    Before,
    Choice,
    DictOf,
    Either,
    Kind,
    ListOf,
    Nested,
    Optional,
    Scalar,
)
from remiss.model.schema import specs, walk

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(root: type, schema_id: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a model and every model inside it."""
    out: dict[str, Any] = {"$schema": DIALECT}
    if schema_id:
        out["$id"] = schema_id
    out.update(_object(root, root))
    defs = {m.__name__: _object(m, root) for m in walk(root) if m is not root}
    if defs:
        out["$defs"] = defs
    return out


def _object(model: type, root: type) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in specs(model):
        prop = dict(_kind(spec.kind, root))
        prop.update(spec.schema)
        if spec.description:
            prop["description"] = spec.description
        if spec.required:
            required.append(spec.alias)
        elif spec.factory is None and isinstance(spec.default, (str, int, float)):
            prop["default"] = spec.default
        properties[spec.alias] = prop
    out: dict[str, Any] = {"type": "object", "title": model.__title__}  # type: ignore[attr-defined]
    out["properties"] = properties
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    out.update(model.__schema_extra__)  # type: ignore[attr-defined]
    return out


def _kind(kind: Kind, root: type) -> dict[str, Any]:
    if isinstance(kind, Scalar):
        return dict(kind.schema)
    if isinstance(kind, Optional):
        return _any_of(_kind(kind.inner, root), {"type": "null"})
    if isinstance(kind, Before):
        return _any_of(dict(kind.schema), _kind(kind.inner, root))
    if isinstance(kind, ListOf):
        if kind.uniform and isinstance(kind.inner, Either):
            # All plain or all keyed: one list schema for each.
            shapes = (kind.inner.plain, kind.inner.keyed)
            return _any_of(*(_list_schema(s, kind.min_items, root) for s in shapes))
        return _list_schema(kind.inner, kind.min_items, root)
    if isinstance(kind, Either):
        return _any_of(_kind(kind.plain, root), _kind(kind.keyed, root))
    if isinstance(kind, DictOf):
        return {"type": "object", "additionalProperties": _kind(kind.inner, root)}
    if isinstance(kind, Choice):
        return {"enum": list(kind.values)}
    if isinstance(kind, Nested):
        target = kind.model
        return {"$ref": "#" if target is root else f"#/$defs/{target.__name__}"}
    if isinstance(kind, AnyValue):
        return {}
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")


def _list_schema(inner: Kind, min_items: int, root: type) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": _kind(inner, root)}
    if min_items:
        out["minItems"] = min_items
    return out


def _any_of(*options: dict[str, Any]) -> dict[str, Any]:
    """Return anyOf the options, with any option that is itself only an anyOf
    spliced in."""
    out: list[dict[str, Any]] = []
    for option in options:
        out.extend(option["anyOf"] if list(option) == ["anyOf"] else [option])
    return {"anyOf": out}
