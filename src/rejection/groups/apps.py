from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "rejection.groups"
    label = "groups"
