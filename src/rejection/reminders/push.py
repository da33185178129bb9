"""Web Push with VAPID: the server's key pair, which endpoints may be posted to, sending.

The key pair comes from VAPID_PRIVATE_KEY (or VAPID_PRIVATE_KEY_FILE; base64url of the
raw P-256 private number, as `manage.py vapid_keys` writes it), else from the file
`make run` makes in the data folder on first start. The public key is derived from it
(VAPID_PUBLIC_KEY, when set, must match).

The server posts to a URL a person gave it, so only https URLs on public hosts are
accepted, unless PUSH_ENDPOINT_ALLOW names the host:port (a local test receiver).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import socket
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from rejection.core.errors import Refused

if TYPE_CHECKING:
    from py_vapid import Vapid

# pywebpush and py_vapid (with aiohttp, requests and cryptography behind them, ~25 MB) are
# imported where a key is made or a message sent: most requests never do either, and every
# web worker would otherwise carry them (docs/performance.md, "Round two, part four").

logger = logging.getLogger(__name__)

# Names that never mean a public host.
_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")


class BadEndpoint(Refused):
    status = 422


def key_file() -> Path:
    return Path(settings.DATA_DIR) / "vapid_private_key.txt"


def new_private_key() -> str:
    """Return a new VAPID private key, base64url of the raw P-256 number."""
    from py_vapid import Vapid, b64urlencode

    vapid = Vapid()
    vapid.generate_keys()
    number = vapid.private_key.private_numbers().private_value  # type: ignore[union-attr]
    return b64urlencode(number.to_bytes(32, "big"))


@lru_cache(maxsize=4)
def _vapid(private: str) -> Vapid:
    from py_vapid import Vapid

    return Vapid.from_raw(private.encode())


def private_key() -> str:
    """Return the configured private key, or "" when push is not set up."""
    if settings.VAPID_PRIVATE_KEY:
        return str(settings.VAPID_PRIVATE_KEY)
    path = key_file()
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def public_key_of(private: str) -> str:
    """Return the base64url uncompressed public point for a private key."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from py_vapid import b64urlencode

    point = _vapid(private).public_key.public_bytes(  # type: ignore[union-attr]
        Encoding.X962, PublicFormat.UncompressedPoint
    )
    return b64urlencode(point)


def public_key() -> str:
    """Return the key browsers subscribe with (applicationServerKey), or ""."""
    private = private_key()
    if not private:
        return ""
    derived = public_key_of(private)
    configured = str(getattr(settings, "VAPID_PUBLIC_KEY", "") or "")
    if configured and configured != derived:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY.")
    return derived


def _allowed(host: str, port: int) -> bool:
    return f"{host}:{port}".lower() in {item.lower() for item in settings.PUSH_ENDPOINT_ALLOW}


def _port(parts: object) -> int:
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError:
        return -1
    return port or (443 if parts.scheme == "https" else 80)  # type: ignore[attr-defined]


def check_endpoint(url: str) -> None:
    """Refuse (422, naming `endpoint`) a URL that is not https on a public host."""
    refusal = BadEndpoint(
        "endpoint_refused",
        "Push services are reached over https on a public host; this address is not one.",
        "endpoint",
    )
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [IPv6 literal
        raise refusal from None
    host = (parts.hostname or "").rstrip(".").lower()
    port = _port(parts)
    if host and port > 0 and _allowed(host, port):
        return
    if parts.scheme != "https" or not host or port <= 0 or parts.username or parts.password:
        raise refusal
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if "." not in host or host == "localhost" or host.endswith(_PRIVATE_SUFFIXES):
            raise refusal from None
        return
    if not address.is_global:
        raise refusal


def resolves_publicly(url: str) -> bool:
    """Tell whether every address the endpoint's host has is public (checked before posting)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host, port = (parts.hostname or ""), _port(parts)
    if _allowed(host, port):
        return True
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    addresses = {ipaddress.ip_address(str(item[4][0]).split("%")[0]) for item in found}
    return bool(addresses) and all(address.is_global for address in addresses)


def vapid_subject() -> str:
    site = str(settings.SITE_URL)
    return site if site.startswith("https://") else "mailto:" + str(settings.VAPID_CONTACT)


def send(info: dict[str, object], payload: dict[str, object]) -> int:
    """Encrypt and post one message; return the push service's status (0: not sent)."""
    private = private_key()
    if not private or not resolves_publicly(str(info["endpoint"])):
        return 0
    from pywebpush import WebPushException, webpush

    try:
        response = webpush(
            info,
            data=json.dumps(payload),
            vapid_private_key=_vapid(private),
            vapid_claims={"sub": vapid_subject()},
            ttl=6 * 60 * 60,
            timeout=10,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else 0
        logger.info("Push to %s answered %s", info["endpoint"], status)
        return int(status)
    except Exception:  # a network failure: this one is lost, the next one may pass
        logger.warning("Push to %s failed", info["endpoint"], exc_info=True)
        return 0
    return int(getattr(response, "status_code", 201))


def decode_key(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
