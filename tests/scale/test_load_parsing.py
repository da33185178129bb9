"""benchmarks/load.py reads its figures from wrk's text: the parsing, and the Lua it writes.

Pure unit tests: no server, no wrk, no database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.load import read_tokens
from benchmarks.wrk import WrkOutputError, lua_script, parse_wrk_output

# Real wrk 4.1.0 output, with the line our Lua script adds.
TYPICAL = """\
Running 5s test @ http://127.0.0.1:41234/today/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.37ms   22.04ms 240.11ms   81.20%
    Req/Sec   131.52     25.37   191.00     71.00%
  Latency Distribution
     50%   58.90ms
     75%   70.12ms
     90%   85.44ms
     99%  160.27ms
  1312 requests in 5.01s, 7.31MB read
Requests/sec:    261.87
Transfer/sec:      1.46MB
Exact non-2xx responses: 0
"""

# A slow, failing run: seconds and microseconds, socket errors, wrk's own non-2xx line.
TROUBLED = """\
Running 10s test @ http://127.0.0.1:8000/api/v1/attempts
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.40ms  400.10ms   2.00s    70.00%
    Req/Sec    10.12      5.01    30.00     66.00%
  Latency Distribution
     50%  750.00us
     75%    1.10s
     90%    1.60s
     99%    1.95s
  1177 requests in 1.00m, 4.00MB read
  Socket errors: connect 0, read 2, write 1, timeout 14
  Non-2xx or 3xx responses: 37
Requests/sec:     19.61
Transfer/sec:     68.27KB
"""


def test_reads_rate_latencies_and_counts() -> None:
    result = parse_wrk_output(TYPICAL)
    assert result.requests == 1312
    assert result.seconds == pytest.approx(5.01)
    assert result.requests_per_second == pytest.approx(261.87)
    assert result.p50_ms == pytest.approx(58.90)
    assert result.p99_ms == pytest.approx(160.27)
    assert result.non_2xx == 0
    assert result.socket_errors == 0


def test_converts_units_and_adds_up_socket_errors() -> None:
    result = parse_wrk_output(TROUBLED)
    assert result.p50_ms == pytest.approx(0.75)
    assert result.p99_ms == pytest.approx(1950.0)
    assert result.requests == 1177
    assert result.seconds == pytest.approx(60.0)
    assert result.socket_errors == 17
    assert result.non_2xx == 37  # no exact line: wrk's own count is used


def test_the_exact_count_wins_over_wrks_own() -> None:
    """wrk's line leaves out 3xx; the script's line counts every answer outside 2xx."""
    text = TROUBLED + "Exact non-2xx responses: 52\n"
    assert parse_wrk_output(text).non_2xx == 52


def test_output_without_latency_distribution_is_refused() -> None:
    without = "\n".join(line for line in TYPICAL.splitlines() if "%" not in line or "Req" in line)
    with pytest.raises(WrkOutputError, match="--latency"):
        parse_wrk_output(without)


def test_a_failed_run_is_refused() -> None:
    with pytest.raises(WrkOutputError):
        parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_lua_script_takes_turns_and_keys_each_write() -> None:
    script = lua_script(
        "POST",
        "/api/v1/attempts",
        [{"Authorization": "Bearer rt_one"}, {"Authorization": "Bearer rt_two"}],
        bodies=['{"ask": "Asked for a discount", "outcome": "rejected"}', '{"ask": "Two"}'],
        idempotency_prefix="load-abc",
    )
    assert '["Authorization"] = "Bearer rt_one"' in script
    assert '["Authorization"] = "Bearer rt_two"' in script
    assert '"{\\"ask\\": \\"Asked for a discount\\", \\"outcome\\": \\"rejected\\"}"' in script
    assert '"{\\"ask\\": \\"Two\\"}"' in script
    assert 'key_prefix = "load-abc"' in script
    assert "Exact non-2xx responses:" in script


def test_lua_script_refuses_text_that_would_need_escaping() -> None:
    with pytest.raises(ValueError):
        lua_script("GET", "/today/", [{"Cookie": 'sessionid=x"\n os.exit()'}])
    with pytest.raises(ValueError):
        lua_script("GET", "/today/", [])


def test_tokens_file_lines_may_carry_more_than_the_token(tmp_path: Path) -> None:
    path = tmp_path / "tokens.txt"
    path.write_text("# username,token\nuser1,rt_aaa\nrt_bbb\nuser3\trt_ccc\tmore\n\n")
    assert read_tokens(path) == ["rt_aaa", "rt_bbb", "rt_ccc"]


def _measured(endpoint: Any, rps: float, p99: float = 50.0) -> Any:
    from benchmarks.load import Measured
    from benchmarks.wrk import WrkResult

    wrk = WrkResult(int(rps * 5), 5.0, rps, 5.0, p99, 0, 0)
    return Measured(endpoint, wrk, server_cores=1.0, wrk_cores=0.1)


def test_the_write_floor_has_no_target_and_each_write_reports_its_share_of_it() -> None:
    from benchmarks.load import ENDPOINTS, WRITE_FLOOR, verdict

    api_write = next(e for e in ENDPOINTS if e.label == "POST /api/v1/attempts")
    assert WRITE_FLOOR.writes and ENDPOINTS.index(WRITE_FLOOR) < ENDPOINTS.index(api_write)
    said = verdict(_measured(WRITE_FLOOR, 2000.0), bare=10000.0, floor=5000.0)
    assert said.startswith("no target: 0.40 x floor")
    # 1,500 req/s is 0.30 of the floor (met) and 0.75 of the write floor.
    assert verdict(_measured(api_write, 1500.0), 10000.0, 5000.0, 2000.0) == (
        "met (0.75 x write floor)"
    )
    assert verdict(_measured(api_write, 1000.0, p99=200.0), 10000.0, 5000.0, 2000.0) == (
        "NOT MET: < 0.25 x floor, p99 > 150 ms (0.50 x write floor)"
    )
    assert verdict(_measured(api_write, 1500.0), 10000.0, 5000.0) == "met"
