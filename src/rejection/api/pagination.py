"""Keyset pagination for the API's lists: the one implementation lives in core.pagination,
shared with the pages that page by cursor (the feed)."""

from rejection.core.pagination import Key, decode_cursor, encode_cursor, moment_key, paginate

__all__ = ["Key", "decode_cursor", "encode_cursor", "moment_key", "paginate"]
