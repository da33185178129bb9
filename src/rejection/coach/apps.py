from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "rejection.coach"
    label = "coach"

    def ready(self) -> None:
        from rejection.coach import receivers  # noqa: F401
