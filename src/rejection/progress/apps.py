from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "rejection.progress"
    label = "progress"

    def ready(self) -> None:
        from rejection.journal.signals import attempt_changed, write_context
        from rejection.progress.milestones import held_mask, on_attempt_changed

        attempt_changed.connect(on_attempt_changed, dispatch_uid="progress.milestones")
        write_context["badges_held"] = held_mask
