"""Turning model text into JSON and pydantic errors into words a model (and a user) can act on.

Small models wrap JSON in prose or code fences, leave trailing commas and put raw line
breaks inside strings; these helpers repair exactly those slips and nothing else. Values
are never clamped or invented: a value that breaks the schema is reported back to the
model so it can fix it itself.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_PROBLEMS = 6
#: Where a small model "closed" a string with a typographic quote and went on writing JSON
#: inside it (``…看着她。”}, {``, ``…home."}],``): the string really ended at the quote.
#: Where JSON or a code fence starts inside a string: a closing quote then a bracket or
#: a next key, or a stray brace and fence (``笑声。} ``` ```ark``).
_RESIDUE = re.compile(r"\s*[\"”]\s*[，,]?\s*(?:[}\]]|,\s*[\"“{\[])|\s*[}\]]\s*```|\s*```")


class JsonRepairError(ValueError):
    """No JSON object could be recovered from a reply; ``str(exc)`` says what was wrong."""


def _balanced_object(text: str, start: int) -> str | None:
    """The ``{...}`` starting at ``start``, respecting strings and escapes, or None."""
    depth, in_string, escaped = 0, False, False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return None


def _strip_trailing_commas(text: str) -> str:
    """Drop commas before ``}``/``]`` outside strings (a common small-model slip)."""
    out: list[str] = []
    in_string, escaped = False, False
    for index, char in enumerate(text):
        if in_string:
            if char == '"' and not escaped:
                in_string = False
            escaped = char == "\\" and not escaped
        elif char == '"':
            in_string = True
        elif char == "," and _TRAILING_COMMA.match(text, index):
            continue
        out.append(char)
    return "".join(out)


def _candidates(text: str) -> list[str]:
    """Places a JSON object may hide in ``text``, most likely first."""
    found = [text.strip()]
    found += [block.strip() for block in _FENCE.findall(text)]
    for match in re.finditer(r"\{", text):
        obj = _balanced_object(text, match.start())
        if obj:
            found.append(obj)
            break
    return [c for c in found if c]


def extract_json_object(text: str) -> dict[str, Any]:
    """The first JSON object in ``text``, after repairing fences, prose and trailing commas.

    Raises:
        JsonRepairError: when no candidate parses as a JSON object.
    """
    if not text.strip():
        raise JsonRepairError("the reply was empty")
    if "{" not in text:
        raise JsonRepairError("no JSON object was found in the reply")
    last_error = "no JSON object was found"
    for candidate in _candidates(text):
        for attempt in (candidate, _strip_trailing_commas(candidate)):
            try:
                # strict=False accepts raw newlines/tabs inside strings: llama.cpp's JSON
                # grammar allows them, and the text itself is fine.
                value = json.loads(attempt, strict=False)
            except json.JSONDecodeError as exc:
                last_error = f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
                continue
            if isinstance(value, dict):
                return value
            last_error = f"expected a JSON object but got {type(value).__name__}"
    raise JsonRepairError(last_error)


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem, naming the field path, e.g. ``beats.0.place: Field required``."""
    lines = []
    for item in error.errors()[:_MAX_PROBLEMS]:
        where = ".".join(str(part) for part in item["loc"]) or "the object"
        lines.append(f"{where}: {item['msg']}")
    extra = error.error_count() - _MAX_PROBLEMS
    if extra > 0:
        lines.append(f"... and {extra} more")
    return "; ".join(lines)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return dict(root.get("$defs", {}).get(ref.split("/")[-1], {}))
    return schema


def _type_text(schema: dict[str, Any], root: dict[str, Any]) -> str:
    schema = _resolve(schema, root)
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    if "const" in schema:
        return f"exactly {json.dumps(schema['const'], ensure_ascii=False)}"
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return " or ".join(_type_text(option, root) for option in options)
    kind = schema.get("type", "value")
    if kind == "string":
        limits = [
            f"at least {schema['minLength']}" if "minLength" in schema else "",
            f"at most {schema['maxLength']}" if "maxLength" in schema else "",
        ]
        bound = " and ".join(x for x in limits if x)
        return f"string ({bound} characters)" if bound else "string"
    if kind in ("integer", "number"):
        limits = [
            f">= {schema['minimum']}" if "minimum" in schema else "",
            f"<= {schema['maximum']}" if "maximum" in schema else "",
        ]
        bound = ", ".join(x for x in limits if x)
        return f"{kind} ({bound})" if bound else kind
    if kind == "array":
        count = [
            f"at least {schema['minItems']}" if "minItems" in schema else "",
            f"at most {schema['maxItems']}" if "maxItems" in schema else "",
        ]
        bound = " and ".join(x for x in count if x)
        item = _resolve(schema.get("items", {}), root)
        if item.get("type") == "object" or "properties" in item:
            inner = describe_schema(item, root=root, indent="    ")
            return (
                f"list ({bound} items) of objects:\n{inner}"
                if bound
                else f"list of objects:\n{inner}"
            )
        return (
            f"list ({bound} items) of {_type_text(item, root)}"
            if bound
            else f"list of {_type_text(item, root)}"
        )
    if kind == "object" and "properties" in schema:
        return "object:\n" + describe_schema(schema, root=root, indent="    ")
    return str(kind)


def describe_schema(
    schema: dict[str, Any], *, root: dict[str, Any] | None = None, indent: str = ""
) -> str:
    """A compact, readable field list for a JSON schema (small models follow it better).

    Raw JSON schema costs hundreds of tokens of a 4k context and small models tend to echo
    it back; a short list of keys, types and limits says the same thing.
    """
    root = root or schema
    schema = _resolve(schema, root)
    required = set(schema.get("required", []))
    lines = []
    for name, field in schema.get("properties", {}).items():
        text = f'{indent}- "{name}": {_type_text(field, root)}'
        if name in required:
            text += " [required]"
        description = _resolve(field, root).get("description") or field.get("description")
        if description:
            text += f" - {' '.join(str(description).split())}"
        lines.append(text)
    return "\n".join(lines)


def skeleton(schema: dict[str, Any], root: dict[str, Any] | None = None) -> str:
    """The shape of a JSON answer in one line: keys, item counts, enum values.

    For grammar-constrained decoding, where the server's grammar already enforces every
    type and limit: the model only needs the keys and how many items to plan for. It costs
    about a third of :func:`describe_schema`'s tokens, and reading the prompt is most of a
    stage's time on two cores (the scene schema fell from 151 tokens to about 50).
    """
    root = root or schema
    schema = _resolve(schema, root)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        kept = [o for o in options if _resolve(o, root).get("type") != "null"]
        return skeleton(kept[0], root) if kept else "null"
    if "enum" in schema:
        return "|".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    kind = schema.get("type", "value")
    if kind == "object":
        fields = ", ".join(
            f'"{name}": {skeleton(field, root)}'
            for name, field in schema.get("properties", {}).items()
        )
        return "{" + fields + "}"
    if kind == "array":
        low, high = schema.get("minItems"), schema.get("maxItems")
        count = f"{low}-{high} × " if low is not None and high is not None and low != high else ""
        count = f"{low} × " if low is not None and low == high else count
        return f"[{count}{skeleton(schema.get('items', {}), root)}]"
    return str(kind)


def json_instructions(schema: dict[str, Any], *, constrained: bool = False) -> str:
    """What to append to the prompt when the answer must be one JSON object as text.

    ``constrained``: the server enforces the schema with a grammar, so the one-line
    :func:`skeleton` says enough.
    """
    if constrained:
        return "Answer with one JSON object shaped like: " + skeleton(schema)
    return (
        "Reply with ONE JSON object and nothing else (no prose, no code fence). "
        "Its keys:\n" + describe_schema(schema)
    )


def cut_json_residue(text: str) -> str:
    """``text`` up to JSON written inside it, when what comes before is real text.

    The 1.5B model wrote a Chinese outline whose every summary ended in ``”}, {`` and
    repeated that answer through both of the gate's retries, because its own broken answer
    was in the conversation it was shown. The string plainly ended at the quote.
    """
    match = _RESIDUE.search(text)
    if match is None or not re.search(r"\w", text[: match.start()]):
        return text
    return text[: match.start()]


def without_json_residue(value: Any) -> Any:
    """``value`` (a parsed answer) with JSON written inside its strings cut off."""
    if isinstance(value, str):
        return cut_json_residue(value)
    if isinstance(value, dict):
        return {key: without_json_residue(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_json_residue(item) for item in value]
    return value


#: One character of a string the embedded model may write: no JSON punctuation ("[", "]",
#: "{", "}", a backslash other than an escaped quote, a control character). Recorded (craft
#: bench, dumplings, 2026-12-02): the 1.5B model opened a line with "‘", "closed" it with
#: "'],", and went on writing "dialogue" and "visual" as action lines; the scene was refused
#: after six attempts for JSON residue. Each unit is one character of the decoded string,
#: so the string's length bound holds exactly: a two-character unit ("'x", to forbid "',")
#: let a voice run past its 60 and refused the drummer's bible (2026-12-02 06:28).
_PLAIN_CHAR = r'[^"\\\[\]{}\x00-\x1f]|\\"'


def with_plain_strings(schema: Any) -> Any:
    """``schema`` with each free-text string held to plain text by a ``pattern``.

    The embedded server compiles the schema into a grammar, so the model cannot write JSON
    inside a string at all; it has to close the string instead. llama.cpp's converter reads
    the pattern over the string as written in JSON (a quote inside it is escaped). The
    pattern keeps the string's length bounds (a pattern replaces them in the converter)
    and leaves strings with an enum, format or pattern of their own alone.
    """
    if isinstance(schema, list):
        return [with_plain_strings(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    plain = {key: with_plain_strings(value) for key, value in schema.items()}
    if plain.get("type") == "string" and not {"enum", "const", "format", "pattern"} & set(plain):
        low, high = plain.get("minLength", 0), plain.get("maxLength")
        times = f"{{{low},{high}}}" if high is not None else ("+" if low else "*")
        plain["pattern"] = f"^({_PLAIN_CHAR}){times}$"
    return plain
