from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "rejection.progress"
    label = "progress"
