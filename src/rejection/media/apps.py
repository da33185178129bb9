"""Photos and short videos on an ask: faces blurred, metadata stripped, a clip to post."""

from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "rejection.media"
    label = "media"

    def ready(self) -> None:
        from rejection.media import signals  # noqa: F401 - connects the file deletion
