"""A small validator for the JSON Schema keywords docs/*.schema.json use ($ref, oneOf,
const, enum, type, minimum, maximum, pattern, required, properties, additionalProperties, items):
Debian 12 has no validator for draft 2020-12 that the tests could rely on."""
import re

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}

def is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])

def errors(value, s, schema, path="$"):
    if "$ref" in s:
        s = schema["$defs"][s["$ref"].split("/")[-1]]
    if "oneOf" in s:
        matching = [sub for sub in s["oneOf"] if not errors(value, sub, schema, path)]
        return [] if len(matching) == 1 else [f"{path}: matches {len(matching)} of oneOf"]
    out = []
    if "const" in s and value != s["const"]:
        out.append(f"{path}: {value!r} != {s['const']!r}")
    if "enum" in s and value not in s["enum"]:
        out.append(f"{path}: {value!r} is not one of {s['enum']!r}")
    if "type" in s:
        names = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(value, n) for n in names):
            return out + [f"{path}: {value!r} is not {s['type']}"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in s and value < s["minimum"]: out.append(f"{path}: below minimum")
        if "maximum" in s and value > s["maximum"]: out.append(f"{path}: above maximum")
    if isinstance(value, str) and "pattern" in s and not re.search(s["pattern"], value):
        out.append(f"{path}: {value!r} does not match {s['pattern']}")
    if isinstance(value, dict):
        for key in s.get("required", []):
            if key not in value: out.append(f"{path}: missing {key}")
        props = s.get("properties", {})
        for key, v in value.items():
            if key in props:
                out += errors(v, props[key], schema, f"{path}.{key}")
            elif s.get("additionalProperties") is False:
                out.append(f"{path}: unexpected {key}")
    if isinstance(value, list) and "items" in s:
        for i, v in enumerate(value):
            out += errors(v, s["items"], schema, f"{path}[{i}]")
    return out

