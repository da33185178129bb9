"""Handing a stored file to someone already allowed to see it (rejection.media.access).

From the data folder the app streams it, with byte ranges so phones can seek in a video;
from a bucket the browser is sent to a signed link that expires in minutes
(MEDIA_URL_SECONDS). Either way the answer is private and never cached by a shared cache.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.utils.cache import patch_cache_control

from rejection.media import files

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CONTENT_TYPES = {
    ".jpg": "image/jpeg", ".mp4": "video/mp4", ".png": "image/png", ".webp": "image/webp",
    ".heic": "image/heic", ".mov": "video/quicktime", ".webm": "video/webm",
}  # fmt: skip


def _is_bucket(storage: Any) -> bool:
    return hasattr(storage, "bucket_name")


def content_type(name: str) -> str:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def serve(request: HttpRequest, name: str, *, download: str | None = None) -> HttpResponseBase:
    storage = files.storage()
    if _is_bucket(storage):
        parameters: dict[str, str] = {"ResponseContentType": content_type(name)}
        if download:
            parameters["ResponseContentDisposition"] = f'attachment; filename="{download}"'
        response: HttpResponseBase = HttpResponseRedirect(storage.url(name, parameters=parameters))
    else:
        response = _stream(request, storage, name, download)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stream(
    request: HttpRequest, storage: Any, name: str, download: str | None
) -> HttpResponseBase:
    size = storage.size(name)
    handle = storage.open(name, "rb")
    kind = content_type(name)
    match = RANGE.match(request.headers.get("Range", "").strip())
    if match and (match.group(1) or match.group(2)):
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # the last N bytes
            start, end = max(size - int(last), 0), size - 1
        if start >= size or start > end:
            handle.close()
            # In the API's error shape, which the pages' file links never show anyway.
            body = (
                '{"error": {"code": "range_not_satisfiable", "message": '
                '"That byte range is not in the file.", "fields": {}}}'
            )
            response: HttpResponseBase = HttpResponse(
                body, status=416, content_type="application/json"
            )
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        response = FileResponse(_limited(handle, end - start + 1), status=206, content_type=kind)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(handle, content_type=kind)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    if download:
        response["Content-Disposition"] = f'attachment; filename="{download}"'
    else:
        response["Content-Disposition"] = "inline"
    return response


def _limited(handle: Any, length: int, chunk: int = 64 * 1024) -> Any:
    try:
        while length > 0:
            data = handle.read(min(chunk, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()
