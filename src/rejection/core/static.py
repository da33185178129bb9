"""Static files with hashed names, each URL worked out once per process.

Every page asks for a dozen static URLs (the stylesheet, the scripts, the icons), and the
manifest storage parses, looks up and quotes each one on every call: about a tenth of a
cached page's time. The manifest is read when the process starts and does not change
while it runs, so the answer for a name does not either.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage

MAX_NAMES = 1_000


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage; `url(name)` answered from a per-process table after the first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)
            if len(self._urls) < MAX_NAMES:  # the templates name a few dozen; never grow past
                self._urls[name] = found
        return found
