"""What a caption's hashtags accept, for the share page and the API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

MAX_HASHTAGS = 10
MAX_HASHTAG_LENGTH = 30
# Written out so that Python and JSON Schema's ECMA-262 read them alike: a hashtag is any
# run of characters that are not spaces, controls, commas, # or ASCII punctuation (so
# letters in any script, digits and _), and hashtags are parted by spaces or commas.
_SPACES = (
    "\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
SEPARATOR = f"[{_SPACES},]"
TAG_CHARACTER = (
    "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
    "\\u3000\\ufeff!-/:-@\\[-^`{-~]"
)
_TAG = f"#*{TAG_CHARACTER}{{1,{MAX_HASHTAG_LENGTH}}}"
HASHTAGS_PATTERN = f"^{SEPARATOR}*{_TAG}(?:{SEPARATOR}+{_TAG}){{0,{MAX_HASHTAGS - 1}}}{SEPARATOR}*$"


def _why_not(raw: str) -> str:
    """Say what is wrong with hashtags that do not fit the pattern, as precisely as we can."""
    words = [word.lstrip("#") for word in re.split(f"{SEPARATOR}+", raw) if word.lstrip("#")]
    if not words:
        return "Add at least one hashtag."
    if len(words) > MAX_HASHTAGS:
        return f"Use at most {MAX_HASHTAGS} hashtags (you have {len(words)})."
    bad = [word for word in words if not re.fullmatch(f"{TAG_CHARACTER}+", word)]
    if bad:
        return (
            f"Use only letters, digits and _ in a hashtag: {', '.join(bad[:3])} "
            f"{'does' if len(bad) == 1 else 'do'} not fit."
        )
    return f"Keep each hashtag to {MAX_HASHTAG_LENGTH} characters or fewer."


@dataclass(frozen=True)
class HashtagRule:
    """ "#a #b", "a, b" or "a b": 1 to 10 hashtags, read into a list, each kept once."""

    def parse(self, value: Any) -> list[str]:
        if not isinstance(value, str):
            raise PydanticCustomError("hashtags", "Write the hashtags as text.")
        if len(value) > 400 or not re.search(HASHTAGS_PATTERN, value):
            raise PydanticCustomError("hashtags", _why_not(value[:2000]))
        unique: dict[str, str] = {}
        for word in re.split(f"{SEPARATOR}+", value):
            word = word.lstrip("#")
            if word:
                unique.setdefault(word.casefold(), word)
        return list(unique.values())

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.parse)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "string", "maxLength": 400, "pattern": HASHTAGS_PATTERN}


Hashtags = Annotated[list[str], HashtagRule()]
