from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rejection.community"
    label = "community"
