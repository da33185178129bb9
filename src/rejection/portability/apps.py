from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "rejection.portability"
    label = "portability"
