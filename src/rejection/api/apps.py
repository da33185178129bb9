from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rejection.api"
    label = "api"
