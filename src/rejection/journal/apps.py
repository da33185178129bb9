from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "rejection.journal"
    label = "journal"
