from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "rejection.challenges"
    label = "challenges"
