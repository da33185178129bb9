from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "rejection.data"
    label = "data"
