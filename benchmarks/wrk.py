"""wrk for benchmarks/load.py: the Lua script that shapes each request, and its output parsed.

wrk's text with --latency is the source of the figures; the Lua script adds one line of its
own, the exact count of answers outside 2xx (wrk's own line leaves out 3xx, and a page that
redirects to the login form would otherwise pass for a very fast page).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

EXACT_NON_2XX = "Exact non-2xx responses:"
TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
SIZE_UNITS = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}
# Only characters that need no escaping inside a Lua string: tokens, session keys, paths.
SAFE_LUA_TEXT = re.compile(r"^[A-Za-z0-9_\-./:=;,?&%+ {}\"]*$")


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


class WrkOutputError(ValueError):
    """wrk printed something this parser does not recognise (it may have failed)."""


def _number(text: str) -> float:
    """'12.5k' -> 12500.0, as wrk abbreviates counts."""
    match = re.fullmatch(r"([\d.]+)([kKmMgG]?)", text.strip())
    if not match:
        raise WrkOutputError(f"not a number: {text!r}")
    return float(match[1]) * SIZE_UNITS[match[2].lower()]


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise WrkOutputError(f"not a duration: {text!r}")
    return float(match[1]) * TIME_UNITS_MS[match[2]]


def _percentile(text: str, percent: int) -> float:
    match = re.search(rf"^\s*{percent}(?:\.0+)?%\s+(\S+)\s*$", text, re.MULTILINE)
    if not match:
        raise WrkOutputError(f"no {percent}% latency: was wrk run with --latency?")
    return _milliseconds(match[1])


def parse_wrk_output(text: str) -> WrkResult:
    """Read the figures from wrk's output (run with --latency)."""
    total = re.search(r"^\s*(\d+) requests in ([\d.]+\w+)", text, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.MULTILINE)
    if not total or not rate:
        raise WrkOutputError("no request count or rate in wrk's output:\n" + text[-2000:])
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    exact = re.search(rf"^{re.escape(EXACT_NON_2XX)}\s*(\d+)", text, re.MULTILINE)
    loose = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    non_2xx = int(exact[1]) if exact else int(loose[1]) if loose else 0
    return WrkResult(
        requests=int(total[1]),
        seconds=_milliseconds(total[2]) / 1000,
        requests_per_second=float(rate[1]),
        p50_ms=_percentile(text, 50),
        p99_ms=_percentile(text, 99),
        non_2xx=non_2xx,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def _lua_string(text: str) -> str:
    if not SAFE_LUA_TEXT.match(text):
        raise ValueError(f"refusing to put {text!r} in a Lua script")
    return '"' + text.replace('"', '\\"') + '"'


def lua_script(
    method: str,
    path: str,
    header_sets: Sequence[dict[str, str]],
    bodies: Sequence[str] = (),
    idempotency_prefix: str = "",
    content_type: str = "application/json",
    redirects_ok: bool = False,
) -> str:
    """A wrk script that sends `method path`, taking turns through header_sets (one per
    user) and bodies (JSON unless content_type says otherwise), and, when
    idempotency_prefix is given, with a fresh Idempotency-Key on every request. Answers
    outside 2xx are counted, outside 2xx and 3xx with redirects_ok (a form post's answer)."""
    if not header_sets:
        raise ValueError("at least one set of headers (one user) is needed")
    sets = ",\n".join(
        "  {" + ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in h.items()) + "}"
        for h in header_sets
    )
    body_list = ",\n".join(f"  {_lua_string(body)}" for body in bodies)
    return f"""-- Written by benchmarks/load.py; one Lua state per wrk thread.
local method, path = {_lua_string(method)}, {_lua_string(path)}
local key_prefix = {_lua_string(idempotency_prefix)}
local content_type = {_lua_string(content_type)}
local last_ok = {399 if redirects_ok else 299}
local header_sets = {{
{sets}
}}
local bodies = {{
{body_list}
}}
local threads, next_id = {{}}, 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sent, non2xx = 0, 0
end

function request()
  sent = sent + 1
  local headers = {{}}
  for name, value in pairs(header_sets[((id + sent) % #header_sets) + 1]) do
    headers[name] = value
  end
  if key_prefix ~= "" then
    headers["Idempotency-Key"] = key_prefix .. "-" .. id .. "-" .. sent
  end
  if #bodies > 0 then
    headers["Content-Type"] = content_type
    return wrk.format(method, path, headers, bodies[((id + sent) % #bodies) + 1])
  end
  return wrk.format(method, path, headers)
end

function response(status, headers, response_body)
  if status < 200 or status > last_ok then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non2xx") or 0)
  end
  io.write("{EXACT_NON_2XX} " .. total .. "\\n")
end
"""
