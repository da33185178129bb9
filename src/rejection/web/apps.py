from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rejection.web"
    label = "web"
