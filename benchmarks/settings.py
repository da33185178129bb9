"""Settings for the load benchmark's server (benchmarks/load.py): the real ones, two changes.

The API's per-token limit (600 a minute) would turn most of a load run into 429s, so it is
raised here. The throttle itself still runs on every API request, so its cost stays in the
figures (on the database cache it counts in the process and writes once a second per
token; on Redis it reads and writes its window there); a one-second window keeps a Redis
history as short as the real limit's would be. The URLs are the product's plus the two
bare pages the benchmark measures against (benchmarks/urls.py). Everything else comes from
the environment, as in production.
"""

from rejection.settings import *  # noqa: F403

API_THROTTLE_RATES = {"api": "1000000/s", "token": "1000000/s", "signup": "1000000/s"}
ROOT_URLCONF = "benchmarks.urls"
