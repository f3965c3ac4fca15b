"""Check parsed model output against the JSON Schema subset our prompts use; errors read as sentences."""

from __future__ import annotations

from typing import Any

from careercopilot.domain.text import plural

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "number": (int, float),
    "integer": (int, float),
}
_MAX_ERRORS = 8


def schema_errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (type, required, enum, bounds, lengths, items); empty when it fits."""
    errors: list[str] = []
    _check(value, schema, path, errors)
    return errors[:_MAX_ERRORS]


def _type_fits(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name not in ("boolean",):
        return False
    if name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES[name])


def _check(value: Any, schema: dict[str, Any], path: str, errors: list[str]) -> None:
    expected = schema.get("type")
    if expected is not None:
        names = [expected] if isinstance(expected, str) else list(expected)
        if not any(_type_fits(value, name) for name in names):
            errors.append(f"{path} must be {' or '.join(names)}, not {type(value).__name__}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path} must be one of {schema['enum']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path} must be at least {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path} must be at most {schema['maximum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path} must have at least {plural(schema['minLength'], 'character')}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(f"{path} must have at most {plural(schema['maxLength'], 'character')}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{path} must have at least {plural(schema['minItems'], 'item')}")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path} must have at most {plural(schema['maxItems'], 'item')}")
        if "items" in schema:
            for index, item in enumerate(value):
                _check(item, schema["items"], f"{path}[{index}]", errors)
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{path}.{key} is missing")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                _check(value[key], sub, f"{path}.{key}", errors)


# Strict structured-output servers (OpenAI among them) refuse range and length keywords; we check those here.
_NOT_SENT = frozenset({"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"})


def wire_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as sent in response_format: the same shape without the keywords strict mode rejects."""
    sent: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _NOT_SENT:
            continue
        if key == "properties":
            sent[key] = {name: wire_schema(sub) for name, sub in value.items()}
        elif key == "items" and isinstance(value, dict):
            sent[key] = wire_schema(value)
        else:
            sent[key] = value
    return sent
