from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "rejection.progress"
    label = "progress"

    def ready(self) -> None:
        from rejection.journal.signals import attempt_changed
        from rejection.progress.milestones import on_attempt_changed

        attempt_changed.connect(on_attempt_changed, dispatch_uid="progress.milestones")
