from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "rejection.media"
    label = "media"
