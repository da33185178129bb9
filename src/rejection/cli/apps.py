from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "rejection.cli"
    label = "cli"
