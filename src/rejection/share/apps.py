from django.apps import AppConfig


class ShareConfig(AppConfig):
    name = "rejection.share"
    label = "share"
