from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rejection.core"
    label = "core"
