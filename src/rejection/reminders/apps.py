from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "rejection.reminders"
    label = "reminders"
