"""The building blocks of every input model, so that a rule about a field is written once.

Each domain app declares one input model per use case in its `contracts.py`, built from
these types. The API takes those models as its request bodies, so the OpenAPI document
states each rule exactly as it is checked (lengths, ranges, enums, patterns); the pages
convert a form's cleaned data into the same models, and import and the command line
build them too. Only what a schema cannot say (does this challenge exist, is this time
still to come) is left to the services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictBool,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError, core_schema

# The largest primary key both SQLite and PostgreSQL can hold.
MAX_ID = 2**63 - 1
# Before 2000 is a typo for this practice; the rule is on the year as written.
EARLIEST_YEAR = 2000

# Exactly what `\s` means in the ECMA-262 regular expressions of JSON Schema, written out
# so that Python and every client read "blank" the same way.
SPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680"
    + "".join(chr(point) for point in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
SPACE_CLASS = (
    "\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
# Any text without NUL, which PostgreSQL cannot store.
TEXT_PATTERN = "^[^\\u0000]*$"
# The same, holding at least one character that is not a space.
CONTENT_PATTERN = f"^[^\\u0000]*[^\\u0000{SPACE_CLASS}][^\\u0000]*$"


class Contract(BaseModel):
    """The base of every input model: an unknown field is an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def given(self) -> dict[str, Any]:
        """Return only the fields the caller sent, as plain values (for partial changes)."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def _problem(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


# Rules, each one marker in `Annotated[type, Rule(...)]` --------------------------------


def _storable(value: str) -> str:
    if "\x00" in value:
        raise _problem("nul", "This text holds a NUL character, which cannot be saved.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _problem(
            "unusable_text",
            "This text holds a character that is not valid Unicode (a lone surrogate), "
            "which cannot be saved.",
        ) from None
    return value


def strip(value: str) -> str:
    """Trim the spaces JSON Schema's `\\s` knows from both ends."""
    return value.strip(SPACE)


@dataclass(frozen=True)
class Text:
    """A JSON string of at most max_length characters that can be stored.

    Trimmed of spaces unless kept `raw` (a password); `required` text must hold something
    besides spaces, which its pattern says too. A `pattern` (which must exclude NUL itself)
    replaces those, with `mismatch` as what to say when a value does not fit it.
    """

    max_length: int
    required: bool = False
    raw: bool = False
    min_length: int = 0
    pattern: str | None = None
    mismatch: str = "This does not have the expected form."

    def clean(self, value: str) -> str:
        value = _storable(value)
        if self.pattern is not None and not re.search(self.pattern, value):
            raise _problem("pattern", self.mismatch)
        if self.raw:
            return value
        value = strip(value)
        if self.required and not value:
            raise _problem("blank", "Write something here.")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        plain = core_schema.str_schema(
            strict=True, max_length=self.max_length, min_length=self.min_length or None
        )
        return core_schema.no_info_after_validator_function(self.clean, plain)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        described = handler(schema)
        if self.pattern is not None:
            described["pattern"] = self.pattern
        else:
            described["pattern"] = CONTENT_PATTERN if self.required else TEXT_PATTERN
        return described


@dataclass(frozen=True)
class Whole:
    """A whole number from low to high: a JSON integer (1.0 is one too), never text or a bool."""

    low: int
    high: int

    def check(self, value: Any) -> int:
        message = f"Choose a whole number from {self.low} to {self.high}."
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _problem("whole_number", message)
        if isinstance(value, float):
            if not value.is_integer():
                raise _problem("whole_number", message)
            value = int(value)
        if not self.low <= value <= self.high:
            raise _problem("whole_number", message)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class OneOf:
    """One of a fixed list of words, taken from the list's own source (choices, a module)."""

    values: tuple[str, ...]
    what: str = ""  # "a known time zone": for lists too long to spell out in a message

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.values:
            if self.what:
                raise _problem("choice", f"{str(value)[:80]!r} is not {self.what}.")
            raise _problem("choice", "Choose one of: " + ", ".join(self.values) + ".")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "string", "enum": list(self.values)}


def one_of(values: Iterable[str], what: str = "") -> OneOf:
    return OneOf(tuple(values), what)


Id = Annotated[int, Whole(1, MAX_ID)]
Flag = StrictBool


# Moments and days ---------------------------------------------------------------------

# RFC 3339 date-time, as JSON Schema's "date-time" format means it: seconds and an offset.
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
MOMENT_MESSAGE = "Give a date and time with its offset, e.g. 2026-05-01T14:30:00+02:00."
DAY_MESSAGE = "Give a date, e.g. 2026-03-10."


@dataclass(frozen=True)
class MomentRule:
    """An aware date and time (RFC 3339 in JSON) whose year is EARLIEST_YEAR or later."""

    def check(self, value: Any) -> dt.datetime:
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, str) and _RFC3339.fullmatch(value):
            written = value.upper()
            if written[17:19] == "60":  # a leap second: the moment just before it will do
                written = written[:17] + "59" + written[19:]
            try:
                moment = dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
            except ValueError:
                raise _problem("moment", MOMENT_MESSAGE) from None
        else:
            raise _problem("moment", MOMENT_MESSAGE)
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise _problem("moment", MOMENT_MESSAGE)
        if moment.year < EARLIEST_YEAR:
            raise _problem("too_early", f"Give a time in {EARLIEST_YEAR} or later.")
        return moment

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {
            "type": "string",
            "format": "date-time",
            "pattern": "^[2-9][0-9]{3}-",
            "description": f"RFC 3339 with its offset, in {EARLIEST_YEAR} or later.",
        }


@dataclass(frozen=True)
class DayRule:
    """A calendar date, YYYY-MM-DD."""

    def check(self, value: Any) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise _problem("day", DAY_MESSAGE)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "string", "format": "date"}


Moment = Annotated[dt.datetime, MomentRule()]
Day = Annotated[dt.date, DayRule()]


# Reading rules back, for forms that draw the same limits ---------------------------


def rule_of(model: type[BaseModel], name: str) -> Any:
    """Return the rule marker (Text, Whole, OneOf...) on a model's field, or None."""
    stack: list[Any] = [model.model_fields[name].annotation, *model.model_fields[name].metadata]
    while stack:
        item = stack.pop(0)
        if isinstance(item, Text | Whole | OneOf):
            return item
        stack.extend(get_args(item))
    return None


@lru_cache(maxsize=64)
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def check(kind: Any, value: Any) -> Any:
    """Validate one value against a contract type (e.g. IsoWeek), raising pydantic's error."""
    return _adapter(kind).validate_python(value)


# Problems, named --------------------------------------------------------------------

_LOCATIONS = {"body", "query", "path", "header", "cookie", "form"}
_PLAIN = {
    "missing": "This field is required.",
    "extra_forbidden": "Unknown field.",
    "string_type": "Write this as text.",
    "bool_type": "Say true or false.",
    "bool_parsing": "Say true or false.",
    "list_type": "Give a list.",
    "dict_type": "Give an object.",
    "model_type": "Give an object.",
    "model_attributes_type": "Give an object.",
    "string_unicode": "This text is not valid Unicode, so it cannot be saved.",
    "none_required": "Leave this empty.",
    "set_item_not_hashable": "Give each item once.",
}


def message(problem: Mapping[str, Any]) -> str:
    """Say one pydantic problem in the app's plain words."""
    kind = problem.get("type", "")
    context = problem.get("ctx") or {}
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "string_too_long":
        loc: Sequence[Any] = problem.get("loc") or ()
        limit = f"{context.get('max_length', 0):,} characters"
        # One of a list ("tags", 3): say which kind of item, "Keep each tag to 40 characters."
        if len(loc) >= 2 and isinstance(loc[-1], int) and str(loc[-2]).endswith("s"):
            return f"Keep each {str(loc[-2])[:-1]} to {limit}."
        return f"Keep this to {limit}."
    if kind == "string_too_short":
        return (
            "Write something here."
            if context.get("min_length") == 1
            else (f"Write at least {context.get('min_length', 0):,} characters.")
        )
    if kind == "too_long":
        return f"Give at most {context.get('max_length', 0):,} items."
    if kind == "too_short":
        return f"Give at least {context.get('min_length', 0):,} items."
    if kind == "literal_error":
        return f"Choose one of: {context.get('expected', '')}."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "Give a whole number."
    text_ = str(problem.get("msg", "Invalid value."))
    return text_.removeprefix("Value error, ")


def path_of(loc: Sequence[Any], *, indices: bool = False) -> str:
    """Name where a problem is: "anxiety_before", "ratings.strangers", "attempts[3].outcome".

    Drops the request location and parameter name a web framework puts first.
    """
    parts = list(loc)
    if len(parts) > 2 and parts[0] in _LOCATIONS:
        parts = parts[2:]
    elif parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            if indices:
                name += f"[{part}]"
        elif isinstance(part, str) and part != "[key]" and not part.startswith("function-"):
            name = f"{name}.{part}" if name else part
    return name or "__all__"


def problems(
    error: ValidationError | Sequence[Mapping[str, Any]], *, indices: bool = False
) -> dict[str, list[str]]:
    """Group every problem's message under the path of the value to blame."""
    found = error.errors() if isinstance(error, ValidationError) else error
    named: dict[str, list[str]] = {}
    for problem in found:
        messages = named.setdefault(path_of(problem.get("loc", ()), indices=indices), [])
        said = message(problem)
        if said not in messages:
            messages.append(said)
    return named
