from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "rejection.sharing"
    label = "sharing"
